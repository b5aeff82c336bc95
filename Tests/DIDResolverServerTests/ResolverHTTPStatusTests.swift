// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import HTTPTypes
import Hummingbird
import Testing

@testable import DIDResolverServer

/// The service's one error → HTTP status table, and the DID Resolution HTTP(S) binding's statuses it keeps.
@Suite("HTTP status per error category")
struct ResolverHTTPStatusTests {
    static let table: [(ErrorCategory, Int)] = [
        (.malformedInput, 400), (.rejected, 422), (.notFound, 404), (.unsupported, 501), (.refusedByPolicy, 403),
        (.permissionDenied, 403), (.conflict, 409), (.io, 500), (.network, 502), (.overloaded, 503),
        (.internalFailure, 500),
    ]

    @Test("the table names every category once")
    func tableIsComplete() {
        #expect(Self.table.map(\.0) == ErrorCategory.allCases)
    }

    @Test("each category has its status", arguments: table)
    func status(category: ErrorCategory, status: Int) {
        #expect(ResolverHTTPStatus.status(for: category) == status)
    }

    @Test(
        "DID Resolution HTTP(S) binding: a resolution error keeps its code's status, 400 for a malformed did:key",
        arguments: ResolutionError.Code.allCases
    )
    func bindingStatus(code: ResolutionError.Code) {
        let expected = code.category == .malformedInput ? 400 : code.httpStatus
        #expect(ResolverHTTPStatus.status(for: ResolutionError(code)) == expected)
        #expect(ProblemResponse.response(for: ResolutionError(code)).status.code == expected)
    }

    @Test(
        "a cause decides the status over the code: the network 502, a refused address 403, overload 503",
        arguments: [
            (ResolutionError.Cause.networkFailure, 502), (.refusedAddress, 403), (.overloaded, 503),
        ]
    )
    func causeStatus(cause: ResolutionError.Cause, status: Int) {
        let error = ResolutionError(.internalError, "fetching failed", cause: cause)
        #expect(ResolverHTTPStatus.status(for: error) == status)
        #expect(ProblemResponse.response(for: error).status.code == status)
    }

    @Test("an overloaded origin fetch answers 503 with Retry-After and a problem body")
    func overloadedResponse() {
        let response = ProblemResponse.response(
            for: ResolutionError(.internalError, "no origin fetch slot became free", cause: .overloaded)
        )
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "1")
        #expect(response.headers[.contentType] == ProblemResponse.mediaType)
    }
}
