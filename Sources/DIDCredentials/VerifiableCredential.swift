// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

/// A verifiable credential as received: the JSON object, the exact bytes it came in, and typed views of its core
/// properties (VC Data Model 2.0 §4; 1.1 read too).
///
/// Nothing is dropped or reordered: unknown properties stay in ``json`` and ``receivedBytes`` keeps what was signed.
public struct VerifiableCredential: Sendable, Hashable {
    /// The data model version a credential or presentation declares through its first `@context`.
    public enum Version: Sendable, Hashable {
        /// VC Data Model 2.0: `https://www.w3.org/ns/credentials/v2`.
        case v2
        /// VC Data Model 1.1: `https://www.w3.org/2018/credentials/v1`.
        case v1_1
    }

    /// The credential's JSON object, members in received order.
    public let json: JSONObject
    /// The bytes the credential was parsed from, or `nil` when it was built in memory.
    public let receivedBytes: [UInt8]?

    /// Wraps a JSON object.
    /// - Parameter json: The credential.
    public init(json: JSONObject) {
        self.json = json
        self.receivedBytes = nil
    }

    /// Parses a credential from its bytes, keeping them.
    /// - Parameter bytes: UTF-8 JSON.
    /// - Throws: ``CredentialError/Code/invalidJSON`` when the bytes are not a JSON object (RFC 8259, I-JSON).
    public init(bytes: [UInt8]) throws(CredentialError) {
        self.json = try Self.parseObject(bytes)
        self.receivedBytes = bytes
    }

    static func parseObject(_ bytes: [UInt8]) throws(CredentialError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw CredentialError(.invalidJSON, error.description)
        }
        guard case .object(let object) = value else {
            throw CredentialError(.invalidJSON, "a credential or presentation is a JSON object")
        }
        return object
    }

    /// The version its first `@context` declares (2.0 unless it is the 1.1 context).
    public var version: Version {
        let first = json["@context"].flatMap { $0.arrayValue?.first ?? $0 }
        return first == .string(DataModelValidation.v1Context) ? .v1_1 : .v2
    }

    /// `id`, when a string.
    public var id: String? { json["id"]?.stringValue }

    /// `type` as a list of strings.
    public var types: [String] { strings(json["type"]) }

    /// The issuer's id: `issuer` when it is a string, else `issuer.id`.
    public var issuer: String? { json["issuer"]?.stringValue ?? json["issuer"]?["id"]?.stringValue }

    /// The `credentialSubject` objects.
    public var credentialSubjects: [JSONObject] { objects(json["credentialSubject"]) }

    /// `validFrom` (2.0) or `issuanceDate` (1.1), when a valid dateTimeStamp.
    public var validFrom: Date? {
        guard let text = json[version == .v1_1 ? "issuanceDate" : "validFrom"]?.stringValue else { return nil }
        return try? DateTime(text, rules: .dateTimeStamp).date
    }

    /// `validUntil` (2.0) or `expirationDate` (1.1), when a valid dateTimeStamp.
    public var validUntil: Date? {
        guard let text = json[version == .v1_1 ? "expirationDate" : "validUntil"]?.stringValue else { return nil }
        return try? DateTime(text, rules: .dateTimeStamp).date
    }

    /// The `credentialStatus` objects.
    public var credentialStatus: [JSONObject] { objects(json["credentialStatus"]) }

    /// The `proof` objects.
    public var proofs: [JSONObject] { objects(json["proof"]) }

    /// Checks the core rules of the data model, one problem per broken rule (VC Data Model 2.0 §4; 1.1 §4 for
    /// `issuanceDate`/`expirationDate`). Time is not considered: see ``verify(resolver:now:)``.
    /// - Returns: ``VerificationProblem/Kind/malformed`` problems; empty when the credential conforms.
    public func validate() -> [VerificationProblem] { DataModelValidation.credential(json) }
}

/// A verifiable presentation as received, with typed views (VC Data Model 2.0 §4.13).
public struct VerifiablePresentation: Sendable, Hashable {
    /// The presentation's JSON object, members in received order.
    public let json: JSONObject
    /// The bytes the presentation was parsed from, or `nil` when it was built in memory.
    public let receivedBytes: [UInt8]?

    /// Wraps a JSON object.
    /// - Parameter json: The presentation.
    public init(json: JSONObject) {
        self.json = json
        self.receivedBytes = nil
    }

    /// Parses a presentation from its bytes, keeping them.
    /// - Parameter bytes: UTF-8 JSON.
    /// - Throws: ``CredentialError/Code/invalidJSON`` when the bytes are not a JSON object.
    public init(bytes: [UInt8]) throws(CredentialError) {
        self.json = try VerifiableCredential.parseObject(bytes)
        self.receivedBytes = bytes
    }

    /// `id`, when a string.
    public var id: String? { json["id"]?.stringValue }

    /// `type` as a list of strings.
    public var types: [String] { strings(json["type"]) }

    /// The holder's id: `holder` when it is a string, else `holder.id`.
    public var holder: String? { json["holder"]?.stringValue ?? json["holder"]?["id"]?.stringValue }

    /// The embedded credentials that are JSON objects (secured credentials or `EnvelopedVerifiableCredential`s).
    public var verifiableCredentials: [JSONObject] { objects(json["verifiableCredential"]) }

    /// The `proof` objects.
    public var proofs: [JSONObject] { objects(json["proof"]) }

    /// Checks the core rules of the data model for the presentation and each embedded credential, one problem per
    /// broken rule (VC Data Model 2.0 §4.13).
    /// - Returns: ``VerificationProblem/Kind/malformed`` problems; empty when it conforms.
    public func validate() -> [VerificationProblem] { DataModelValidation.presentation(json) }
}

private func strings(_ value: JSONValue?) -> [String] {
    guard let value else { return [] }
    return (value.arrayValue ?? [value]).compactMap(\.stringValue)
}

private func objects(_ value: JSONValue?) -> [JSONObject] {
    guard let value else { return [] }
    return (value.arrayValue ?? [value]).compactMap(\.objectValue)
}
