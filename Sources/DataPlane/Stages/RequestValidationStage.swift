import APIGatewayModel
import JSONSchema

/// Stage 3, second half: the method's request validator (`validateRequestParameters`,
/// `validateRequestBody`), compiled with the deployment (`CompiledValidator`). Parameters are
/// checked first: every required `method.request.{path,querystring,header}` parameter must be
/// present and not blank (headers by case-insensitive name), else 400 BAD_REQUEST_PARAMETERS
/// listing the missing names in the order of their keys. Then the body: validated against the
/// model for the request's content type (`application/json` when the request names none;
/// the `$default` model when none matches; no validation when there is neither), or against
/// `Empty` when the method names no models. An empty body is validated as `{}`. A mismatch is
/// 400 BAD_REQUEST_BODY, its JSON Schema messages in `$context.error.validationErrorString`.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
enum RequestValidationStage {
    static func run(_ request: MethodRequest, validator: CompiledValidator) throws(GatewayError) {
        if let required = validator.requiredParameters {
            let missing = required.filter { !isPresent($0, in: request) }.map(\.name)
            if !missing.isEmpty {
                let message = "Missing required request parameters: [" + missing.joined(separator: ", ") + "]"
                throw GatewayError.badRequestParameters(message)
            }
        }
        if let body = validator.body {
            let contentType = IntegrationRequestStage.mediaType(request.routed.request.header("Content-Type")) ?? "application/json"
            guard let model = body.empty ?? body.byContentType[contentType] ?? body.byContentType["$default"] else { return }
            if let failure = validate(request.routed.request.body, against: model) {
                throw GatewayError.badRequestBody(contentType: contentType, messages: failure)
            }
        }
    }

    static func isPresent(_ parameter: CompiledValidator.RequiredParameter, in request: MethodRequest) -> Bool {
        let raw = request.routed.request
        switch parameter.location {
        case .path:
            return request.path.contains { $0.0 == parameter.name && !$0.1.isEmpty }
        case .querystring:
            return raw.query.contains { $0.name == parameter.name && !$0.value.isEmpty }
        case .header:
            return raw.headers.contains { $0.name.equalsIgnoringASCIICase(parameter.name) && !$0.value.isEmpty }
        }
    }

    /// The validator's messages, formatted as AWS prints them (`[m1, m2]`); nil when valid.
    static func validate(_ body: [UInt8], against model: ModelSchema) -> String? {
        guard let schema = model.schema else { return "[Invalid model schema for model \(model.name)]" }
        let instance: SchemaValue
        if body.isEmpty {
            instance = .object(SchemaObject([]))
        } else {
            do {
                instance = try SchemaJSON.parse(body)
            } catch {
                return "[Invalid JSON in request body: \(error.reason) at offset \(error.offset)]"
            }
        }
        switch schema.validate(instance) {
        case .valid: return nil
        case .invalid(let messages): return "[" + messages.joined(separator: ", ") + "]"
        case .exhausted(let reason): return "[" + reason + "]"
        }
    }
}

extension GatewayError {
    /// 400 BAD_REQUEST_PARAMETERS: `Missing required request parameters: [a, b]`.
    static func badRequestParameters(_ message: String) -> GatewayError {
        var error = GatewayError(
            type: .badRequestParameters, message: message, errorType: "BadRequestException", fallbackStatus: 400,
            isInternal: false)
        error.validationErrorString = message
        error.detail = "Request validation failed: " + message
        return error
    }

    /// 400 BAD_REQUEST_BODY: `Invalid request body`, the schema messages for
    /// `$context.error.validationErrorString` and the execution log.
    static func badRequestBody(contentType: String, messages: String) -> GatewayError {
        var error = GatewayError(
            type: .badRequestBody, message: "Invalid request body", errorType: "BadRequestException", fallbackStatus: 400,
            isInternal: false)
        error.validationErrorString = messages
        error.detail = "Request body does not match model schema for content type \(contentType): \(messages)"
        return error
    }
}
