extension ConsoleRoute {
    static let liveAssetRoutes: [ConsoleRoute] = [
        ConsoleRoute("assets/live.css") { context in
            .raw(ConsoleAssets.response(ConsoleAssets.liveCSS, type: "text/css; charset=utf-8", request: context.request))
        }
    ]
}

extension ConsoleAssets {
    static let liveCSS = #"""
        form.filters { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin: 8px 0; }
        form.filters input { padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; width: 160px; }
        form.form label { display: block; margin: 8px 0; font-weight: 500; }
        form.form input, form.form select, form.form textarea { display: block; margin-top: 3px; padding: 5px 7px; width: 100%;
          max-width: 900px; border: 1px solid var(--line); border-radius: 4px; font: 12.5px/1.4 ui-monospace, Menlo, Consolas, monospace; }
        button { padding: 6px 14px; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
        .status.ok { color: var(--ok); font-weight: 600; } .status.warn { color: #8d6605; font-weight: 600; }
        .status.bad { color: var(--bad); font-weight: 600; }
        .live { color: var(--ok); font-weight: 600; }
        tr.invocation.fresh { background: #f1faff; }
        ol.pipeline { list-style: none; padding: 0; margin: 16px 0; }
        .pipe-stage { border: 1px solid var(--line); border-left: 5px solid var(--ok); border-radius: 6px; padding: 2px 14px 8px; margin: 0 0 12px; }
        .pipe-stage.skipped { border-left-color: var(--line); color: var(--muted); }
        .pipe-stage.failed { border-left-color: var(--bad); }
        .pipe-stage h2 { border: none; margin: 10px 0 4px; }
        .pipe-stage h3 { font-size: 13px; margin: 10px 0 2px; color: var(--muted); }
        .pipe-stage pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        table.attempts tr.matched td { background: #eafbea; }
        .notice { padding: 6px 10px; background: #fff7e0; border: 1px solid #e6c65c; border-radius: 4px; }
        """#

    /// The invocation list's live rows: an EventSource on …/events, rows built with
    /// textContent (never markup), the filter form applied in the browser as well.
    static let liveJS = #"""
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          var table = document.getElementById("invocations");
          var rows = document.getElementById("invocation-rows");
          var form = document.getElementById("invocation-filter");
          var state = document.getElementById("live-state");
          if (!table || !rows || !form || !window.EventSource) { return; }
          var maxRows = 300;
          function field(name) {
            var input = form.elements[name];
            return input ? input.value.trim() : "";
          }
          function accepts(api, stage, status) {
            var wantApi = field("api"), wantStage = field("stage"), wantStatus = field("status").toLowerCase();
            var code = String(status);
            if (wantApi && api !== wantApi) { return false; }
            if (wantStage && stage !== wantStage) { return false; }
            if (wantStatus) {
              if (wantStatus.length === 3 && wantStatus.slice(1) === "xx") { return code.charAt(0) === wantStatus.charAt(0); }
              return code === wantStatus;
            }
            return true;
          }
          function refilter() {
            var all = rows.querySelectorAll("tr.invocation");
            for (var i = 0; i < all.length; i++) {
              var row = all[i];
              row.hidden = !accepts(row.getAttribute("data-api"), row.getAttribute("data-stage"), row.getAttribute("data-status"));
            }
          }
          form.addEventListener("input", refilter);
          function cell(row, className) {
            var td = document.createElement("td");
            if (className) { td.className = className; }
            row.appendChild(td);
            return td;
          }
          function link(parent, href, text, code) {
            var a = document.createElement("a");
            a.href = href;
            if (code) {
              var c = document.createElement("code");
              c.textContent = text;
              a.appendChild(c);
              a.className = "picture";
            } else {
              a.textContent = text;
            }
            parent.appendChild(a);
          }
          function statusClass(status) {
            if (status >= 200 && status < 400) { return "ok"; }
            return status >= 400 && status < 500 ? "warn" : "bad";
          }
          function segment(text) { return encodeURIComponent(text); }
          function add(item) {
            var row = document.createElement("tr");
            row.className = "invocation fresh";
            row.setAttribute("data-seq", String(item.seq));
            row.setAttribute("data-request-id", item.requestId);
            row.setAttribute("data-api", item.apiId);
            row.setAttribute("data-stage", item.stage);
            row.setAttribute("data-status", String(item.status));
            cell(row).textContent = item.time;
            var verb = document.createElement("span");
            verb.className = "verb " + item.method;
            verb.textContent = item.method;
            cell(row).appendChild(verb);
            link(cell(row), "/_portico/console/invocations/" + segment(item.requestId), item.path, true);
            var status = cell(row, "status " + statusClass(item.status));
            status.textContent = String(item.status) + " ";
            var type = document.createElement("span");
            type.className = "muted";
            type.textContent = item.errorType || "";
            status.appendChild(type);
            cell(row).textContent = item.latencyMs.toFixed(1) + " ms";
            link(cell(row), "/_portico/console/apis/" + segment(item.apiId), item.apiId, false);
            cell(row).textContent = item.stage;
            var id = document.createElement("code");
            id.textContent = item.requestId;
            cell(row).appendChild(id);
            row.hidden = !accepts(item.apiId, item.stage, item.status);
            var empty = rows.querySelector("tr.empty-row");
            if (empty) { empty.remove(); }
            rows.insertBefore(row, rows.firstChild);
            while (rows.children.length > maxRows) { rows.removeChild(rows.lastChild); }
          }
          var url = table.getAttribute("data-events") + "?after=" + encodeURIComponent(table.getAttribute("data-after") || "0");
          var source = new EventSource(url);
          source.addEventListener("open", function () {
            state.hidden = false;
            state.textContent = "Live";
          });
          source.addEventListener("error", function () {
            state.hidden = false;
            state.textContent = "Reconnecting…";
          });
          source.addEventListener("invocation", function (event) { add(JSON.parse(event.data)); });
          source.addEventListener("gap", function () {
            if (document.getElementById("gap-notice")) { return; }
            var notice = document.createElement("p");
            notice.id = "gap-notice";
            notice.className = "notice";
            notice.textContent = "More invocations arrived than the console keeps: some are missing here. Reload for the current list.";
            table.parentNode.insertBefore(notice, table);
          });
          window.addEventListener("pagehide", function () { source.close(); });
        });
        """#
}
