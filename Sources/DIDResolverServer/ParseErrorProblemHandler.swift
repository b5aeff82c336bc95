// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Turns the bare `400` that Hummingbird writes when the HTTP parser rejects a request (raw NUL or other control
/// bytes, raw non-ASCII bytes or spaces in the request target, a malformed request line) into an RFC 9457 problem
/// body like every other refusal of the service (`Specs/resolver.md` §4: bad input is a 4xx with a
/// problem body). The connection is still closed after it, as Hummingbird does.
final class ParseErrorProblemHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var parserFailed = false

    /// The problem body (`type` `about:blank`, RFC 9457 §4.2.1).
    static let body: [UInt8] = {
        var object: JSONObject = ["type": "about:blank", "title": "Bad Request"]
        object.append("status", .number(400))
        object.append("detail", .string("the request cannot be parsed as HTTP/1.1 (control or non-ASCII bytes?)"))
        return (try? JSONValue.object(object).serialized(.compact)) ?? Array(#"{"type":"about:blank"}"#.utf8)
    }()

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError { parserFailed = true }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard parserFailed, case .head(var head) = unwrapOutboundIn(data), head.status == .badRequest,
            head.headerFields[.contentLength] == "0"
        else {
            context.write(data, promise: promise)
            return
        }
        parserFailed = false
        head.headerFields[.contentType] = ProblemResponse.mediaType
        head.headerFields[.cacheControl] = "no-store"
        head.headerFields[.contentLength] = String(Self.body.count)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: Self.body))), promise: promise)
    }
}
