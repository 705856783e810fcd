import APIGatewayModel
import Foundation

/// API Gateway's payload-encoding rules: which payloads are binary (their media type matches
/// the API's `binaryMediaTypes`) and what CONVERT_TO_TEXT / CONVERT_TO_BINARY do to them.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
enum ContentHandling {
    /// Whether a media type (`image/png; q=1`) matches one of the binary media types
    /// (`image/png`, `image/*`, `*/*`).
    static func isBinary(_ mediaType: String?, binaryMediaTypes: [String]) -> Bool {
        guard let mediaType, !binaryMediaTypes.isEmpty,
            let base = IntegrationRequestStage.mediaType(mediaType)
        else { return false }
        let parts = base.split(separator: "/", maxSplits: 1)
        for candidate in binaryMediaTypes {
            let pattern = candidate.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if pattern == "*/*" || pattern == base { return true }
            let patternParts = pattern.split(separator: "/", maxSplits: 1)
            if patternParts.count == 2, parts.count == 2, patternParts[1] == "*", patternParts[0] == parts[0] { return true }
        }
        return false
    }

    /// Whether any of an Accept header's media types is binary.
    static func acceptsBinary(_ accept: String?, binaryMediaTypes: [String]) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").contains { isBinary(String($0), binaryMediaTypes: binaryMediaTypes) }
    }

    /// The integration request payload: text stays text unless CONVERT_TO_BINARY (base64
    /// decoded); binary stays binary unless CONVERT_TO_TEXT (base64 encoded).
    static func request(_ body: [UInt8], isBinary: Bool, handling: ContentHandlingStrategy?) -> [UInt8] {
        switch (isBinary, handling) {
        case (false, .convertToBinary?):
            return Data(base64Encoded: String(decoding: body, as: UTF8.self), options: .ignoreUnknownCharacters).map(Array.init) ?? body
        case (true, .convertToText?):
            return Array(Data(body).base64EncodedString().utf8)
        default:
            return body
        }
    }

    /// The method response payload from the integration response payload.
    static func response(_ body: [UInt8], isBinary: Bool, acceptsBinary: Bool, handling: ContentHandlingStrategy?) -> [UInt8] {
        switch (isBinary, handling) {
        case (false, .convertToBinary?):
            return Data(base64Encoded: String(decoding: body, as: UTF8.self), options: .ignoreUnknownCharacters).map(Array.init) ?? body
        case (false, _):
            return body
        case (true, .convertToText?):
            return Array(Data(body).base64EncodedString().utf8)
        case (true, .convertToBinary?):
            return body
        case (true, nil):
            return acceptsBinary ? body : Array(Data(body).base64EncodedString().utf8)
        }
    }
}
