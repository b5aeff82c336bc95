// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// One reason a credential, presentation or proof did not verify, or one warning about it.
///
/// Spec: VC Data Model 2.0 §7.1 (problem details), Data Integrity 1.0 §4.4 (proof errors), Controlled Identifiers 1.0
/// §3.3 (verification method retrieval).
public struct VerificationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem: an open set (status lists and future suites add kinds).
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kind's name, such as `signature`.
        public let rawValue: String
        /// Creates a kind from its name.
        /// - Parameter rawValue: The name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The name.
        public var description: String { rawValue }

        /// A signature (or proof value) does not verify over the signed bytes (`CRYPTOGRAPHIC_SECURITY_ERROR`).
        public static let signature = Kind(rawValue: "signature")
        /// The verification method is not listed under the verification relationship the proof needs, such as
        /// `assertionMethod` for a credential (`INVALID_RELATIONSHIP_FOR_VERIFICATION_METHOD`).
        public static let keyNotAuthorized = Kind(rawValue: "keyNotAuthorized")
        /// The credential's `validUntil`/`expirationDate`, a proof's `expires` or a JWT's `exp` is in the past.
        public static let expired = Kind(rawValue: "expired")
        /// The credential's `validFrom`/`issuanceDate` or a JWT's `nbf` is in the future.
        public static let notYetValid = Kind(rawValue: "notYetValid")
        /// The DID of the issuer's (or holder's) verification method could not be resolved.
        public static let unresolvableIssuer = Kind(rawValue: "unresolvableIssuer")
        /// The verification method is missing from the resolved document, malformed, or of a key type the proof's
        /// suite or algorithm cannot use (`INVALID_VERIFICATION_METHOD`).
        public static let invalidVerificationMethod = Kind(rawValue: "invalidVerificationMethod")
        /// The document or proof breaks a rule of its data model (`MALFORMED_VALUE_ERROR`, `PARSING_ERROR`,
        /// `PROOF_VERIFICATION_ERROR`).
        public static let malformed = Kind(rawValue: "malformed")
        /// The proof type or cryptosuite is not implemented here (reported, not guessed at).
        public static let unsupportedCryptosuite = Kind(rawValue: "unsupportedCryptosuite")
        /// The proof's `proofPurpose` is not the expected one (`PROOF_VERIFICATION_ERROR`).
        public static let proofPurposeMismatch = Kind(rawValue: "proofPurposeMismatch")
        /// The proof's `domain` is not the expected one (`INVALID_DOMAIN_ERROR`).
        public static let invalidDomain = Kind(rawValue: "invalidDomain")
        /// The proof's `challenge` is not the expected one (`INVALID_CHALLENGE_ERROR`).
        public static let invalidChallenge = Kind(rawValue: "invalidChallenge")
        /// A credential status entry says the credential is revoked or suspended, or could not be checked.
        public static let status = Kind(rawValue: "status")
    }

    /// The kind of problem.
    public let kind: Kind
    /// A human sentence saying what and where.
    public let reason: String
    /// The index of the proof the problem is about, when there are several (`proof` as a set), else `nil`.
    public let proofIndex: Int?

    /// Creates a problem.
    /// - Parameters:
    ///   - kind: The kind of problem.
    ///   - reason: A human sentence saying what and where.
    ///   - proofIndex: The index of the proof it is about.
    public init(_ kind: Kind, _ reason: String, proofIndex: Int? = nil) {
        self.kind = kind
        self.reason = reason
        self.proofIndex = proofIndex
    }

    /// `kind: reason`.
    public var description: String {
        let at = proofIndex.map { " (proof \($0))" } ?? ""
        return "\(kind.rawValue)\(at): \(reason)"
    }

    /// `{"kind": …, "reason": …, "proof": index}`.
    public var json: JSONValue {
        var object: JSONObject = ["kind": .string(kind.rawValue), "reason": .string(reason)]
        if let proofIndex { object["proof"] = .number(Double(proofIndex)) }
        return .object(object)
    }
}

/// The outcome of verifying a credential, presentation or proof: a value, never an error.
///
/// `verified` holds when there is no problem; warnings never make it false. Spec: VC Data Model 2.0 §7.1 (verification
/// algorithm: status, problem details, warnings), Data Integrity 1.0 §4.4 (verification result).
public struct VerificationResult: Sendable, Hashable, CustomStringConvertible {
    /// The reasons it did not verify; empty when it did.
    public var problems: [VerificationProblem]
    /// Things worth knowing that do not make it fail.
    public var warnings: [VerificationProblem]

    /// Creates a result.
    /// - Parameters:
    ///   - problems: The reasons it did not verify.
    ///   - warnings: The warnings.
    public init(problems: [VerificationProblem] = [], warnings: [VerificationProblem] = []) {
        self.problems = problems
        self.warnings = warnings
    }

    /// Whether it verified: no problem.
    public var verified: Bool { problems.isEmpty }

    /// Whether a problem of this kind was found.
    /// - Parameter kind: The kind.
    /// - Returns: `true` when ``problems`` has one of that kind.
    public func has(_ kind: VerificationProblem.Kind) -> Bool { problems.contains { $0.kind == kind } }

    /// `verified` or `not verified: reason; reason`.
    public var description: String {
        verified ? "verified" : "not verified: " + problems.map(\.description).joined(separator: "; ")
    }

    /// `{"verified": Bool, "problems": […], "warnings": […]}`.
    public var json: JSONValue {
        .object([
            "verified": .bool(verified),
            "problems": .array(problems.map(\.json)),
            "warnings": .array(warnings.map(\.json)),
        ])
    }
}

/// A value or the problem that prevented it (a `Result` whose failure is a problem value, not an error).
enum Outcome<Value> {
    /// The value.
    case success(Value)
    /// The problem.
    case failure(VerificationProblem)
}
