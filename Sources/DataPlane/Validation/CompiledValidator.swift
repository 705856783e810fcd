import APIGatewayModel
import JSONSchema
import Store

/// A method's request validator, compiled once with its deployment: the required parameters
/// to look for and the body models by content type, schemas compiled by the `JSONSchema`
/// engine. Methods without a validator (or whose validator checks nothing) carry none, so
/// they pay nothing per request.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
struct CompiledValidator: Sendable {
    /// Required parameters in AWS's order (by their full `method.request.*` key); nil when the
    /// validator does not check parameters.
    let requiredParameters: [RequiredParameter]?
    /// Body models; nil when the validator does not check the body.
    let body: BodyModels?

    struct RequiredParameter: Sendable {
        enum Location: Sendable { case path, querystring, header }
        let location: Location
        let name: String
    }

    /// The models a body is validated against: by lower-cased content type (`$default` among
    /// them), or the API's `Empty` model when the method names none.
    struct BodyModels: Sendable {
        let byContentType: [String: ModelSchema]
        let empty: ModelSchema?
    }

    init?(method: Method, catalog: ModelCatalog) {
        guard let id = method.requestValidatorId, !id.isEmpty, let validator = catalog.validators[id] else { return nil }
        let parameters = validator.validateRequestParameters ?? false
        let body = validator.validateRequestBody ?? false
        guard parameters || body else { return nil }
        if parameters {
            requiredParameters = (method.requestParameters ?? [:]).filter { $0.value }.keys.sorted().compactMap(Self.parameter)
        } else {
            requiredParameters = nil
        }
        if body {
            let models = method.requestModels ?? [:]
            var byContentType: [String: ModelSchema] = [:]
            for (contentType, name) in models { byContentType[contentType.lowercased()] = catalog.schema(named: name) }
            self.body = BodyModels(byContentType: byContentType, empty: models.isEmpty ? catalog.schema(named: "Empty") : nil)
        } else {
            self.body = nil
        }
    }

    /// What the validator checked, for the trace (`parameters and body valid`).
    var checks: String {
        switch (requiredParameters != nil, body != nil) {
        case (true, true): "required parameters present and body valid"
        case (true, false): "required parameters present"
        default: "body valid"
        }
    }

    static func parameter(_ key: String) -> RequiredParameter? {
        let prefixes: [(String, RequiredParameter.Location)] = [
            ("method.request.path.", .path), ("method.request.querystring.", .querystring),
            ("method.request.multivaluequerystring.", .querystring), ("method.request.header.", .header),
            ("method.request.multivalueheader.", .header),
        ]
        for (prefix, location) in prefixes where key.hasPrefix(prefix) {
            return RequiredParameter(location: location, name: String(key.dropFirst(prefix.count)))
        }
        return nil
    }
}

/// A model's schema, compiled (nil `schema` when the stored text is not JSON).
struct ModelSchema: Sendable {
    let name: String
    let schema: JSONSchema?
}

/// The models and validators a deployment froze, with each model's schema compiled at most
/// once; `$ref`s between models resolve by their AWS model URL.
final class ModelCatalog {
    let validators: [String: RequestValidator]
    let documents: [String: SchemaValue]
    let apiId: String
    private var compiled: [String: ModelSchema] = [:]

    init(apiId: String, models: [String: Model], validators: [String: RequestValidator]) {
        self.apiId = apiId
        self.validators = validators
        var documents: [String: SchemaValue] = [:]
        // Only parse models when some validator checks bodies.
        if validators.values.contains(where: { $0.validateRequestBody == true }) {
            for (name, model) in models {
                guard let text = model.schema, let document = try? SchemaJSON.parse(text) else { continue }
                documents[Self.url(apiId: apiId, model: name)] = document
            }
        }
        self.documents = documents
    }

    /// `https://apigateway.amazonaws.com/restapis/{api}/models/{name}`, as models refer to each other.
    static func url(apiId: String, model: String) -> String {
        "https://apigateway.amazonaws.com/restapis/\(apiId)/models/\(model)"
    }

    func schema(named name: String) -> ModelSchema {
        if let done = compiled[name] { return done }
        let url = Self.url(apiId: apiId, model: name)
        let schema: ModelSchema
        if let document = documents[url] {
            schema = ModelSchema(name: name, schema: JSONSchema(document, documents: documents))
        } else if name == "Empty" {
            // The model every API starts with, if it was deleted since.
            schema = ModelSchema(name: name, schema: JSONSchema(.object(SchemaObject([("type", .string("object"))]))))
        } else {
            schema = ModelSchema(name: name, schema: nil)
        }
        compiled[name] = schema
        return schema
    }
}

extension ModelCatalog {
    convenience init(snapshot: DeploymentSnapshot) {
        self.init(apiId: snapshot.restApi.id ?? "", models: snapshot.models, validators: snapshot.requestValidators)
    }
}
