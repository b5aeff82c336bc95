// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Testing

/// The shape every module's error shares (``CategorizedError``): equality by code, a category, a source location
/// that only the debug description shows.
@Suite("Error model")
struct ErrorModelTests {
    @Test("errors compare and hash by code only, whatever their reason, offset, title, cause or source location")
    func equalityByCode() {
        let first = DIDError(.invalidJSON, "unexpected byte", offset: 1)
        let second = DIDError(.invalidJSON, "unterminated string", offset: 9)
        #expect(first.location != second.location)
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(first != DIDError(.invalidEncoding, "unexpected byte", offset: 1))
        let network = ResolutionError(.internalError, "connect failed", cause: .networkFailure)
        let plain = ResolutionError(.internalError, "bug", title: "Oops")
        #expect(network == plain)
        #expect(Set([network, plain]).count == 1)
    }

    @Test("the description never shows the source location; the debug description adds type, code and location")
    func sourceLocation() {
        let error = DIDError(.invalidDID, "not a DID", offset: 3); let line: UInt = #line
        #expect(error.location == ErrorLocation(fileID: #fileID, line: line))
        #expect(error.description == "not a DID (at offset 3)")
        #expect(error.debugDescription == "DIDError.invalidDID: not a DID (at offset 3) (\(#fileID):\(line))")
        let resolution = ResolutionError(.notFound, "no such DID"); let resolutionLine: UInt = #line
        #expect(resolution.description == "NOT_FOUND: no such DID")
        #expect(resolution.debugDescription.hasSuffix("(\(#fileID):\(resolutionLine))"))
    }

    @Test("a resolution error built from a DIDError keeps the DIDError's source location")
    func resolutionErrorFromDIDErrorKeepsLocation() {
        let error = DIDError(.invalidDIDURL, "no path")
        #expect(ResolutionError(error).location == error.location)
        #expect(ResolutionError(error).category == .malformedInput)
    }

    static let resolutionCategories: [(ResolutionError.Code, ErrorCategory)] = [
        (.invalidDid, .malformedInput), (.invalidDidUrl, .malformedInput), (.invalidOptions, .malformedInput),
        (.notFound, .notFound), (.representationNotSupported, .unsupported), (.methodNotSupported, .unsupported),
        (.featureNotSupported, .unsupported), (.invalidDidDocument, .rejected), (.internalError, .internalFailure),
        (.invalidPublicKey, .malformedInput), (.invalidPublicKeyLength, .malformedInput),
        (.invalidPublicKeyType, .malformedInput), (.unsupportedPublicKeyType, .unsupported),
        (.invalidVerificationMethod, .rejected), (.invalidRelationshipForVerificationMethod, .rejected),
    ]

    @Test("every resolution error code has its category", arguments: resolutionCategories)
    func resolutionCategory(code: ResolutionError.Code, category: ErrorCategory) {
        #expect(ResolutionError(code).category == category)
    }

    @Test("the table above lists every resolution error code once")
    func resolutionTableIsComplete() {
        #expect(Self.resolutionCategories.map(\.0) == ResolutionError.Code.allCases)
    }

    @Test(
        "a cause decides the category over the code: network, refused by policy, overloaded",
        arguments: [
            (ResolutionError.Cause.networkFailure, ErrorCategory.network), (.refusedAddress, .refusedByPolicy),
            (.overloaded, .overloaded),
        ]
    )
    func causeCategory(cause: ResolutionError.Cause, category: ErrorCategory) {
        #expect(ResolutionError(.internalError, "fetch failed", cause: cause).category == category)
    }

    @Test("a DIDError's category: malformed input, an unknown multicodec unsupported")
    func didErrorCategories() {
        for code in [DIDError.Code.invalidDID, .invalidDIDURL, .invalidJSON, .invalidEncoding, .invalidDocument] {
            #expect(DIDError(code, "x").category == .malformedInput, "\(code)")
        }
        #expect(DIDError(.unsupportedMulticodec, "x").category == .unsupported)
    }

    @Test("a switch over an open code needs its default case and matches static members")
    func switchOverOpenCode() {
        func name(_ code: DIDError.Code) -> String {
            switch code {
            case .invalidDID: "DID"
            case .invalidDIDURL: "DID URL"
            default: "other"
            }
        }
        #expect(name(.invalidDIDURL) == "DID URL")
        #expect(name(.invalidJSON) == "other")
        #expect(DIDError.Code.invalidDIDURL.description == "invalidDIDURL")
    }
}
