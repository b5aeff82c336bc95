// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import HTTPTypes
import Hummingbird
import NIOCore

/// RFC 9457 problem responses (`application/problem+json`).
enum ProblemResponse {
    static let mediaType = "application/problem+json"

    /// A problem response for a resolution error: `type` is the DID Resolution error URI, `status` the status
    /// from the table of `Specs/resolver.md` §1.3.
    static func response(for error: ResolutionError, status: Int? = nil) -> Response {
        var object: JSONObject = [:]
        if case .object(let problem) = error.problemJSON(style: .problemDetails) { object = problem }
        let code = status ?? error.code.httpStatus
        object.append("status", .number(Double(code)))
        return make(object, status: code, cacheControl: code == 404 ? "public, max-age=30" : "no-store")
    }

    /// A problem response about HTTP itself (limits, routes), with `type` `about:blank` (RFC 9457 §4.2.1).
    static func http(_ status: Int, detail: String, headers: [(HTTPField.Name, String)] = []) -> Response {
        let title = Self.status(status).reasonPhrase
        var object: JSONObject = ["type": "about:blank", "title": .string(title)]
        object.append("status", .number(Double(status)))
        object.append("detail", .string(detail))
        var response = make(object, status: status, cacheControl: "no-store")
        for (name, value) in headers { response.headers[name] = value }
        return response
    }

    /// The status with its reason phrase (``HTTPResponse/Status/init(code:reasonPhrase:)`` leaves it empty).
    static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: .ok
        case 303: .seeOther
        case 304: .notModified
        case 400: .badRequest
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 406: .notAcceptable
        case 410: .gone
        case 413: .contentTooLarge
        case 414: .uriTooLong
        case 429: .tooManyRequests
        case 431: .requestHeaderFieldsTooLarge
        case 500: .internalServerError
        case 501: .notImplemented
        case 503: .serviceUnavailable
        case 504: .gatewayTimeout
        default: HTTPResponse.Status(code: code)
        }
    }

    private static func make(_ object: JSONObject, status: Int, cacheControl: String) -> Response {
        let bytes = (try? JSONValue.object(object).serialized(.compact)) ?? Array(#"{"type":"about:blank"}"#.utf8)
        return Response(
            status: Self.status(status),
            headers: [.contentType: mediaType, .cacheControl: cacheControl],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
