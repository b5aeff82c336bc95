// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Testing

/// One DID that `did resolve` must refuse, with the rule it breaks and the error it must name.
struct CLIResolveErrorCase: Sendable, CustomTestStringConvertible {
    /// The spec rule, for the test name.
    let rule: String
    /// The DID text given on the command line.
    let did: String
    /// The DID Core 1.0 keyword on stderr and in `--error-keywords` output, such as `invalidDid`.
    let keyword: String
    /// The DID Resolution code, the fragment of the RFC 9457 problem type, such as `INVALID_DID`.
    let problemCode: String

    /// The exit status: 65 for a DID that is not parseable as a DID or as a did:key public key, 1 for a
    /// well-formed DID whose method `did resolve` has no driver for.
    var exitStatus: Int32 { keyword == "methodNotSupported" ? 1 : 65 }

    /// How Swift Testing names the argument.
    var testDescription: String { "\(rule) → \(keyword)" }
}

/// `did resolve` of DIDs that break a did:key or DID syntax rule: exit 65 (1 for a method without a driver), one
/// `error: <keyword>:` line.
@Suite("did resolve errors (the built binary)")
struct ResolveErrorCommandTests {
    /// The did:key spec's example Ed25519 key (did:key v0.7 §Example), for the cases that break only the syntax.
    static let exampleMultibase = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"

    /// A did:key of `codec` ‖ `body`, built the way the spec builds one (did:key v0.7 §Format).
    static func didKey(_ codec: Multicodec, _ body: [UInt8]) -> String {
        "did:key:" + Multibase.encode(codec.prefixing(body), as: .base58btc)
    }

    /// A compressed P-256 point with x = 1: x³ − 3x + b is not a square modulo p, so no y exists.
    static let p256XWithoutPoint: [UInt8] = [0x02] + [UInt8](repeating: 0, count: 31) + [0x01]

    static let cases: [CLIResolveErrorCase] = [
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Signature Method Creation step 2 / §Error conditions: a 3-byte Ed25519 key "
                + "(upstream did:key:zTjsVPtY)",
            did: didKey(.ed25519Pub, [5, 5, 5]),
            keyword: "invalidPublicKeyLength",
            problemCode: "INVALID_PUBLIC_KEY_LENGTH"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Signature Method Creation step 2 / §Error conditions: a secp256k1 key of 32 bytes "
                + "(SEC1 prefix missing)",
            did: didKey(.secp256k1Pub, [UInt8](repeating: 0x42, count: 32)),
            keyword: "invalidPublicKeyLength",
            problemCode: "INVALID_PUBLIC_KEY_LENGTH"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Signature Method Creation step 3 / §Error conditions: a P-256 x with no point on "
                + "the curve",
            did: didKey(.p256Pub, p256XWithoutPoint),
            keyword: "invalidPublicKey",
            problemCode: "INVALID_PUBLIC_KEY"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Signature Method Creation step 1 / §Error conditions: a private-key multicodec "
                + "header (ed25519-priv 0x1300)",
            did: didKey(.ed25519Priv, [UInt8](repeating: 0x07, count: 32)),
            keyword: "invalidPublicKeyType",
            problemCode: "INVALID_PUBLIC_KEY_TYPE"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Signature Method Creation step 1 / §Error conditions: an unsupported key type "
                + "(bls12_381-g2-pub)",
            did: didKey(.bls12381G2Pub, [UInt8](repeating: 0x07, count: 96)),
            keyword: "invalidPublicKeyType",
            problemCode: "INVALID_PUBLIC_KEY_TYPE"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Decode Public Key / §Error conditions: characters outside base58btc (0 O I l)",
            did: "did:key:z6Mk0OIl",
            keyword: "invalidDid",
            problemCode: "INVALID_DID"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Decode Public Key / §Error conditions: a truncated varint multicodec header",
            did: "did:key:" + Multibase.encode([0xED], as: .base58btc),
            keyword: "invalidDid",
            problemCode: "INVALID_DID"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Document Creation step 3 (DID Core 1.0 §3.1 idchar): `@` in the identifier",
            did: "did:key:@",
            keyword: "invalidDid",
            problemCode: "INVALID_DID"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Document Creation step 3: the scheme must be `did`",
            did: "notdid:key:" + exampleMultibase,
            keyword: "invalidDid",
            problemCode: "INVALID_DID"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Document Creation step 3: the multibase value must start with `z` (base58btc)",
            did: "did:key:" + exampleMultibase.dropFirst(),
            keyword: "invalidDid",
            problemCode: "INVALID_DID"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Document Creation step 3: the version must be a positive integer",
            did: "did:key:0:" + exampleMultibase,
            keyword: "invalidDid",
            problemCode: "INVALID_DID"
        ),
        CLIResolveErrorCase(
            rule: "did:key v0.7 §Document Creation step 3 (PR #65), DID Resolution §Resolving step 2: a method "
                + "`did resolve` has no driver for",
            did: "did:example:123456789abcdefghi",
            keyword: "methodNotSupported",
            problemCode: "METHOD_NOT_SUPPORTED"
        ),
    ]

    @Test("did:key v0.7 §Error conditions: the upstream negative DID did:key:zTjsVPtY is ed25519-pub ‖ 05 05 05")
    func upstreamShortKeySpelling() {
        #expect(Self.didKey(.ed25519Pub, [5, 5, 5]) == "did:key:zTjsVPtY")
    }

    @Test("did:key v0.7 §Example: the example key the syntax cases start from resolves")
    func exampleResolves() async throws {
        let run = try await CLI.run(["resolve", "did:key:" + Self.exampleMultibase])
        run.expectSuccess()
    }

    @Test(
        "did:key v0.7 §Error conditions, §Signature Method Creation: resolve exits 65 (1: no driver), one `error: <keyword>:` line",
        arguments: cases
    )
    func refuses(errorCase: CLIResolveErrorCase) async throws {
        let run = try await CLI.run(["resolve", errorCase.did])
        run.expectFailure(errorCase.exitStatus, linePrefix: errorCase.keyword + ": ")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test(
        "DID Core 1.0 §7.1.2, DID Resolution §Errors: --result prints the RFC 9457 error result, exits 65 (1: no driver)",
        arguments: cases
    )
    func errorResult(errorCase: CLIResolveErrorCase) async throws {
        let run = try await CLI.run(["resolve", "--result", errorCase.did])
        run.expectFailure(errorCase.exitStatus, linePrefix: errorCase.keyword + ": ")
        let result = try #require(try run.json().objectValue, "\(run)")
        #expect(Set(result.keys) == ["didResolutionMetadata", "didDocument", "didDocumentMetadata"])
        #expect(result["didDocument"] == .null)
        #expect(result["didDocumentMetadata"] == .object([:]))
        let problem = try #require(result["didResolutionMetadata"]?["error"]?.objectValue, "\(run)")
        #expect(problem["type"] == .string("https://www.w3.org/ns/did#" + errorCase.problemCode))
        #expect(problem["title"]?.stringValue?.isEmpty == false)
    }

    @Test(
        "DID Core 1.0 §7.1.2: `--result --error-keywords` writes the error as the DID Core 1.0 keyword string",
        arguments: cases
    )
    func errorResultKeyword(errorCase: CLIResolveErrorCase) async throws {
        let run = try await CLI.run(["resolve", "--result", "--error-keywords", errorCase.did])
        run.expectFailure(errorCase.exitStatus, linePrefix: errorCase.keyword + ": ")
        let result = try run.json()
        #expect(result["didResolutionMetadata"]?["error"] == .string(errorCase.keyword), "\(run)")
        #expect(result["didDocument"] == .null)
    }

    @Test("`--error-keywords` without `--result` prints nothing on stdout")
    func errorKeywordsAlone() async throws {
        let run = try await CLI.run(["resolve", "--error-keywords", "did:key:z6Mk0OIl"])
        run.expectFailure(65, linePrefix: "invalidDid: ")
        #expect(run.stdout.isEmpty, "\(run)")
    }
}
