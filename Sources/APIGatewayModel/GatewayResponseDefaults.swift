/// API Gateway's default gateway responses, and how customised ones combine with them.
///
/// Every API starts with one response per type; DEFAULT_4XX and DEFAULT_5XX have no status
/// code of their own. A type the user never customised inherits status code, parameters and
/// templates from a customised DEFAULT_4XX / DEFAULT_5XX of its class (recorded on AWS).
/// Both planes use this: the control plane to answer GetGatewayResponse(s), the data plane to
/// render errors. https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
public enum GatewayResponseDefaults {
    /// The template every default response uses.
    public static let template = #"{"message":$context.error.messageString}"#

    /// Default status code per type (nil for DEFAULT_4XX / DEFAULT_5XX).
    public static func statusCode(_ type: GatewayResponseType) -> String? {
        switch type {
        case .default4xx, .default5xx: nil
        case .accessDenied, .expiredToken, .invalidApiKey, .invalidSignature, .missingAuthenticationToken, .wafFiltered: "403"
        case .apiConfigurationError, .authorizerConfigurationError, .authorizerFailure: "500"
        case .badRequestBody, .badRequestParameters: "400"
        case .integrationFailure, .integrationTimeout: "504"
        case .quotaExceeded, .throttled: "429"
        case .requestTooLarge: "413"
        case .resourceNotFound: "404"
        case .unauthorized: "401"
        case .unsupportedMediaType: "415"
        }
    }

    /// Whether a type belongs to the 5XX family (else 4XX).
    public static func is5xx(_ type: GatewayResponseType) -> Bool {
        switch type {
        case .default5xx, .apiConfigurationError, .authorizerConfigurationError, .authorizerFailure,
            .integrationFailure, .integrationTimeout:
            true
        default:
            false
        }
    }

    /// The untouched default of a type.
    public static func pristine(_ type: GatewayResponseType) -> GatewayResponse {
        GatewayResponse(
            responseType: type, statusCode: statusCode(type), responseParameters: [:],
            responseTemplates: ["application/json": template], defaultResponse: true)
    }

    /// The response in effect for `type`, given the customised ones (keyed by type name).
    public static func effective(_ type: GatewayResponseType, customised: [String: GatewayResponse]) -> GatewayResponse {
        if let own = customised[type.rawValue] { return own }
        var response = pristine(type)
        let family: GatewayResponseType = is5xx(type) ? .default5xx : .default4xx
        if type != family, let parent = customised[family.rawValue] {
            if let code = parent.statusCode { response.statusCode = code }
            response.responseParameters = parent.responseParameters ?? [:]
            response.responseTemplates = parent.responseTemplates ?? [:]
        }
        return response
    }

    /// A customised response as Put/Update store it: unspecified parts take the type's defaults.
    public static func customised(
        _ type: GatewayResponseType, statusCode: String?, parameters: [String: String]?,
        templates: [String: String]?
    ) -> GatewayResponse {
        GatewayResponse(
            responseType: type, statusCode: statusCode ?? Self.statusCode(type),
            responseParameters: parameters ?? [:],
            responseTemplates: templates ?? ["application/json": template], defaultResponse: false)
    }

    /// All types in the order Portico lists them (alphabetical).
    public static let listingOrder: [GatewayResponseType] = GatewayResponseType.allCases.sorted { $0.rawValue < $1.rawValue }
}
