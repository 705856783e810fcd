extension ConsoleAssets {
    static let css = #"""
        :root { --fg: #16191f; --muted: #5f6b7a; --line: #d5dbdb; --bg: #ffffff; --band: #f2f3f3; --accent: #0972d3;
          --bad: #d91515; --ok: #037f0c; --code: #f4f4f4; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        header.top { display: flex; gap: 24px; align-items: center; padding: 10px 20px; background: #232f3e; }
        header.top a { color: #ffffff; }
        header.top .brand { font-weight: 700; font-size: 16px; }
        nav.sections { display: flex; gap: 16px; flex-wrap: wrap; }
        nav.crumbs { padding: 8px 20px; background: var(--band); border-bottom: 1px solid var(--line); color: var(--muted); }
        main { padding: 8px 20px 40px; }
        h1 { font-size: 22px; margin: 12px 0; }
        h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
        th { background: var(--band); font-weight: 600; }
        table.kv th { width: 260px; background: none; color: var(--muted); font-weight: 500; }
        code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        code { background: var(--code); padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: var(--code); padding: 8px 10px; border-radius: 4px; overflow-x: auto; margin: 4px 0 10px; }
        .muted, .empty { color: var(--muted); }
        code:empty { display: none; }
        .tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); margin: 10px 0; flex-wrap: wrap; }
        .tabs a { padding: 6px 12px; border: 1px solid var(--line); border-bottom: none; border-radius: 4px 4px 0 0; background: var(--band); }
        .tabs a.current { background: var(--bg); font-weight: 600; }
        ul.urls { list-style: none; margin: 2px 0 8px; padding: 0; }
        ul.urls .form { display: inline-block; min-width: 84px; color: var(--muted); }
        .stage + .stage { margin-top: 6px; }
        ul.tree { list-style: none; margin: 0; padding: 0; }
        ul.tree li { padding: 3px 0; border-bottom: 1px solid var(--band); }
        ul.tree li.d1 { padding-left: 18px; } ul.tree li.d2 { padding-left: 36px; } ul.tree li.d3 { padding-left: 54px; }
        ul.tree li.d4 { padding-left: 72px; } ul.tree li.d5 { padding-left: 90px; } ul.tree li.d6 { padding-left: 108px; }
        ul.tree li.d7 { padding-left: 126px; } ul.tree li.d8 { padding-left: 144px; } ul.tree li.d9 { padding-left: 162px; }
        ul.tree li.d10 { padding-left: 180px; } ul.tree li.d11 { padding-left: 198px; } ul.tree li.d12 { padding-left: 216px; }
        ul.tree li.d13 { padding-left: 234px; } ul.tree li.d14 { padding-left: 252px; } ul.tree li.d15 { padding-left: 270px; }
        ul.tree .path { font-family: ui-monospace, Menlo, Consolas, monospace; }
        .verb { display: inline-block; min-width: 58px; margin: 0 3px; padding: 0 6px; border-radius: 3px; font-size: 11.5px;
          font-weight: 700; text-align: center; color: #fff; background: #5f6b7a; }
        .verb.GET { background: #037f0c; } .verb.POST { background: #0972d3; } .verb.PUT { background: #8d6605; }
        .verb.DELETE { background: #d91515; } .verb.PATCH { background: #6b40c4; } .verb.ANY { background: #16191f; }
        .section { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 10px; margin: 14px 0; }
        .section > h2 { border: none; margin-top: 10px; }
        .diag { color: var(--bad); font-weight: 600; }
        .ok { color: var(--ok); }
        #filter { padding: 5px 8px; width: 320px; margin: 6px 0 10px; border: 1px solid var(--line); border-radius: 4px; }
        pre.vtl { counter-reset: none; }
        pre.vtl .ln { display: inline-block; width: 34px; color: #9aa5b1; user-select: none; }
        pre.vtl .ln.err { color: #fff; background: var(--bad); }
        .vtl .d { color: #a626a4; font-weight: 600; } .vtl .r { color: #0972d3; } .vtl .s { color: #50a14f; }
        .vtl .c { color: #8a8f98; font-style: italic; } .vtl .n { color: #986801; }
        """#

    /// Progressive enhancement only: every page reads fine without it.
    static let js = #"""
        "use strict";
        // Filters the resource tree by path as the user types (the box stays hidden without script).
        document.addEventListener("DOMContentLoaded", function () {
          var box = document.getElementById("filter");
          var tree = document.getElementById("tree");
          if (!box || !tree) { return; }
          box.hidden = false;
          box.addEventListener("input", function () {
            var needle = box.value.trim().toLowerCase();
            var rows = tree.querySelectorAll("li[data-path]");
            for (var i = 0; i < rows.length; i++) {
              var path = rows[i].getAttribute("data-path").toLowerCase();
              rows[i].hidden = needle !== "" && path.indexOf(needle) === -1;
            }
          });
        });
        """#
}
