// swift-did: decentralized identity for Swift. Apache-2.0.

/// A verification relationship: the purpose a verification method may be used for (DID Core 1.0 §5.3).
public enum VerificationRelationship: String, Sendable, Hashable, CaseIterable {
    /// `authentication` (DID Core 1.0 §5.3.1): proving control of the DID.
    case authentication
    /// `assertionMethod` (DID Core 1.0 §5.3.2): issuing claims, such as verifiable credentials.
    case assertionMethod
    /// `keyAgreement` (DID Core 1.0 §5.3.3): establishing shared secrets for encryption.
    case keyAgreement
    /// `capabilityInvocation` (DID Core 1.0 §5.3.4): invoking a capability, such as updating the DID document.
    case capabilityInvocation
    /// `capabilityDelegation` (DID Core 1.0 §5.3.5): delegating a capability to someone else.
    case capabilityDelegation

    /// One item of a verification relationship: a reference to a verification method (a DID URL string, possibly
    /// relative) or an embedded verification method (DID Core 1.0 §5.3).
    public enum Entry: Sendable, Hashable {
        /// A DID URL naming a verification method, such as `#key-1` or `did:example:123#key-1`.
        case reference(String)
        /// A verification method defined in place; it can only be used for this relationship.
        case embedded(VerificationMethod)

        /// The referenced or embedded verification method's `id`.
        public var id: String {
            switch self {
            case .reference(let id): id
            case .embedded(let method): method.id
            }
        }

        /// The JSON form: a string for a reference, an object for an embedded method.
        public var json: JSONValue {
            switch self {
            case .reference(let id): .string(id)
            case .embedded(let method): method.json
            }
        }
    }
}
