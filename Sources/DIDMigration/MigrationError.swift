// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// A reason code of IMB v0.1 Appendix B: why a check failed or could not be made.
///
/// An open set of strings (`"page-cid-mismatch"`); the static members are the codes of v0.1.
public struct MigrationReason: RawRepresentable, CategorizedErrorCode {
    /// The code as the specification spells it.
    public let rawValue: String
    /// Wraps a code.
    /// - Parameter rawValue: The code as the specification spells it.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The code.
    public var description: String { rawValue }

    /// The category a failure with this reason has unless its thrower decides otherwise (a file that cannot be
    /// read is I/O, whatever the reason code): a check of a well-formed bundle that failed (a mismatch, a signature,
    /// a time window, a replay, a key that may not sign) is rejected; a version, algorithm, method or proof type
    /// this library lacks is unsupported; a limit is refused by policy; a subject or page that is not there is not
    /// found; every other reason (broken syntax or structure, bad producer input, a reason this version does not
    /// know) is malformed input.
    public var category: ErrorCategory {
        switch self {
        case .collectionRootMismatch, .subjectDeactivated, .didVersionUnknown, .vmNotSubject, .keyNotAuthorized,
            .keyTypeMismatch, .invalidSignature, .highS, .domainMismatch, .challengeMismatch, .notYetValid, .expired,
            .validityTooLong, .replayedSequence, .replayedNonce, .noReplayState, .chainGap, .pageCIDMismatch,
            .pageCountMismatch, .pageRootMismatch, .aliasMismatch, .aliasUnverifiable, .attestationUnverifiable,
            .attestationMismatch, .contentCIDMismatch, .notProvable:
            .rejected
        case .unsupportedVersion, .unknownAlgorithm, .unsupportedDIDMethod, .unsupportedProof: .unsupported
        case .tooLarge: .refusedByPolicy
        case .subjectUnresolvable, .pageMissing: .notFound
        default: .malformedInput
        }
    }

    /// Not UTF-8, not JSON, not I-JSON or too deep (§5.3, step 1).
    public static let malformedJSON = Self(rawValue: "malformed-json")
    /// A §16 or local limit exceeded.
    public static let tooLarge = Self(rawValue: "too-large")
    /// §5.1 violated: a float, an integer out of range, a non-ASCII property name (step 2).
    public static let nonConformingJSON = Self(rawValue: "non-conforming-json")
    /// `version` is not `"0.1"`.
    public static let unsupportedVersion = Self(rawValue: "unsupported-version")
    /// `integrity` differs from §8.5.
    public static let unknownAlgorithm = Self(rawValue: "unknown-algorithm")
    /// A member outside a closed set.
    public static let unknownMember = Self(rawValue: "unknown-member")
    /// A value of the wrong type or outside its constraints.
    public static let invalidField = Self(rawValue: "invalid-field")
    /// `count` differs from the items, the sum of the pages, or the page arithmetic.
    public static let countMismatch = Self(rawValue: "count-mismatch")
    /// Sort order violated (§6.5, §9.4).
    public static let order = Self(rawValue: "order")
    /// Uniqueness violated (§9.4).
    public static let duplicate = Self(rawValue: "duplicate")
    /// `merkleRoot` differs from MTH(items) or combine(page roots) (step 8).
    public static let collectionRootMismatch = Self(rawValue: "collection-root-mismatch")
    /// The subject DID could not be resolved (step 4).
    public static let subjectUnresolvable = Self(rawValue: "subject-unresolvable")
    /// The subject DID is deactivated (step 4).
    public static let subjectDeactivated = Self(rawValue: "subject-deactivated")
    /// The receiver does not support the subject's DID method (step 4, §12.4).
    public static let unsupportedDIDMethod = Self(rawValue: "unsupported-did-method")
    /// `subject.didDocumentVersion` is not on the valid chain (§13.5).
    public static let didVersionUnknown = Self(rawValue: "did-version-unknown")
    /// `proof.verificationMethod` is not a DID URL of `subject.id` (§11.1).
    public static let vmNotSubject = Self(rawValue: "vm-not-subject")
    /// The verification method may not sign for the subject (§12).
    public static let keyNotAuthorized = Self(rawValue: "key-not-authorized")
    /// The key type does not fit the proof (§12).
    public static let keyTypeMismatch = Self(rawValue: "key-type-mismatch")
    /// `proof.type` is neither of §11.2, §11.3.
    public static let unsupportedProof = Self(rawValue: "unsupported-proof")
    /// The proof's members or encoding are wrong (§11).
    public static let invalidProof = Self(rawValue: "invalid-proof")
    /// The signature does not verify (§11).
    public static let invalidSignature = Self(rawValue: "invalid-signature")
    /// An ECDSA signature with `s > n/2` (§11.3).
    public static let highS = Self(rawValue: "high-s")
    /// `proof.domain` is not the receiver's identity, or disagrees with `destination` (§8.4, §13.4).
    public static let domainMismatch = Self(rawValue: "domain-mismatch")
    /// `proof.challenge` is not the one the receiver issued (§13.4).
    public static let challengeMismatch = Self(rawValue: "challenge-mismatch")
    /// `created` is after now + skew (§13.4).
    public static let notYetValid = Self(rawValue: "not-yet-valid")
    /// now is not before `expires` + skew (§13.4).
    public static let expired = Self(rawValue: "expired")
    /// `expires − created` is longer than the receiver allows (§11.1).
    public static let validityTooLong = Self(rawValue: "validity-too-long")
    /// `sequence` is not above the highest accepted for the subject (§13.1).
    public static let replayedSequence = Self(rawValue: "replayed-sequence")
    /// The `nonce` was already accepted for the subject (§13.2).
    public static let replayedNonce = Self(rawValue: "replayed-nonce")
    /// The receiver keeps no replay state (§14.2 step 7).
    public static let noReplayState = Self(rawValue: "no-replay-state")
    /// `previousBundle` is not the last bundle accepted for the subject (§13.3).
    public static let chainGap = Self(rawValue: "chain-gap")
    /// A page was not supplied (step 11).
    public static let pageMissing = Self(rawValue: "page-missing")
    /// A page's bytes do not have the descriptor's CID (step 11b).
    public static let pageCIDMismatch = Self(rawValue: "page-cid-mismatch")
    /// A page breaks the byte format of §6.6 (step 11c).
    public static let pageFormat = Self(rawValue: "page-format")
    /// A page's line count differs from its descriptor (step 11c).
    public static let pageCountMismatch = Self(rawValue: "page-count-mismatch")
    /// A page line is not the JCS of a conforming entry (step 11d).
    public static let pageNotCanonical = Self(rawValue: "page-not-canonical")
    /// A page's MTH differs from its descriptor's `root` (step 11f).
    public static let pageRootMismatch = Self(rawValue: "page-root-mismatch")
    /// An alias identifier points to another DID (§14.2 step 9).
    public static let aliasMismatch = Self(rawValue: "alias-mismatch")
    /// An alias could not be checked, e.g. a plain Mastodon actor (§14.2 step 9).
    public static let aliasUnverifiable = Self(rawValue: "alias-unverifiable")
    /// An attestation could not be checked: its type needs a fetch, or its proof's key could not be resolved
    /// (§14.2 step 12, `not-checked`).
    public static let attestationUnverifiable = Self(rawValue: "attestation-unverifiable")
    /// An attestation's evidence does not hold (§14.2 step 12).
    public static let attestationMismatch = Self(rawValue: "attestation-mismatch")
    /// Content bytes do not have the entry's CID or size (§14.2 step 13).
    public static let contentCIDMismatch = Self(rawValue: "content-cid-mismatch")
    /// Follower consent and completeness: the format cannot establish them (§14.4).
    public static let notProvable = Self(rawValue: "not-provable")
}

/// The error DIDMigration throws when it cannot do what was asked at all (unreadable files, an export that cannot
/// be built). A bundle that fails verification is not an error: verification returns a ``BundleVerification``.
///
/// The ``category`` is decided where the error is thrown: a file that cannot be read or written is
/// `ErrorCategory.io` whatever its reason code; by default it is the reason code's.
public struct MigrationError: CategorizedError {
    /// The reason code (IMB v0.1 Appendix B, or ``MigrationReason/invalidField`` for bad producer input).
    public let code: MigrationReason
    /// The kind of failure, as its thrower classified it.
    public let category: ErrorCategory
    /// A human sentence saying what and where.
    public let reason: String
    /// Where in this package the error was created.
    public let location: ErrorLocation

    /// Creates an error.
    /// - Parameters:
    ///   - code: The reason code.
    ///   - reason: A human sentence saying what and where.
    ///   - category: The kind of failure; the reason code's (``MigrationReason/category``) when `nil`. Give
    ///     `ErrorCategory.io` for local files that cannot be read or written.
    ///   - file: The source file that creates the error (the caller's by default).
    ///   - line: The source line that creates the error (the caller's by default).
    public init(
        _ code: MigrationReason,
        _ reason: String,
        category: ErrorCategory? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.code = code
        self.category = category ?? code.category
        self.reason = reason
        self.location = ErrorLocation(fileID: file, line: line)
    }

    /// `code: reason`.
    public var description: String { "\(code): \(reason)" }
}
