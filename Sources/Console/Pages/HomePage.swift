import APIGatewayModel
import Store

/// `/_portico/console/`: every REST API with its endpoint type and its stages' invoke URLs.
enum HomePage {
    static func render(_ context: PageContext) -> ConsolePage {
        let apis = context.model.apis.values.sorted { ($0.restApi.name ?? "", $0.id) < ($1.restApi.name ?? "", $1.id) }
        let host = context.request.host
        let rows: [[String: Any]] = apis.map { api in
            let stages: [[String: Any]] = api.stages.keys.sorted().map { stage in
                ["name": stage, "urls": InvokeURLs.all(api: api.id, stage: stage, host: host).map { ["form": $0.form, "url": $0.url] }]
            }
            return [
                "id": api.id, "name": api.restApi.name ?? "", "href": Href.api(api.id),
                "endpointType": Format.endpointTypes(api.restApi.endpointConfiguration),
                "description": api.restApi.description ?? "", "created": Format.date(api.restApi.createdDate),
                "stages": stages,
            ]
        }
        return ConsolePage(template: "home", title: "REST APIs", view: ["apis": rows, "hasApis": !rows.isEmpty])
    }
}

/// The three equivalent URL forms an API's stage is invoked at on this server (README,
/// "Invoking deployed APIs"), on the host and port the browser reached the console through.
enum InvokeURLs {
    static func all(api: String, stage: String, host: String) -> [(form: String, url: String)] {
        let stagePath = Href.segment(stage)
        var forms = [
            ("path", "http://\(host)/_aws/execute-api/\(api)/\(stagePath)/"),
            ("legacy path", "http://\(host)/restapis/\(api)/\(stagePath)/_user_request_/"),
        ]
        let port = self.port(of: host).map { ":" + $0 } ?? ""
        forms.append(("host", "http://\(api)\(hostSuffix)\(port)/\(stagePath)/"))
        return forms
    }

    static let hostSuffix = ".execute-api.localhost.localstack.cloud"

    /// The port of a `Host` value (`127.0.0.1:4566`, `[::1]:4566`), if it names one.
    static func port(of host: String) -> String? {
        guard let colon = host.lastIndex(of: ":") else { return nil }
        if let bracket = host.lastIndex(of: "]"), bracket > colon { return nil }
        let port = host[host.index(after: colon)...]
        return !port.isEmpty && port.allSatisfy(\.isASCII) && port.allSatisfy(\.isNumber) ? String(port) : nil
    }
}
