// swift-did: decentralized identity for Swift. Apache-2.0.

/// A qualifier of a whole verification (IMB v0.1 §14.1), spelled as the spec spells it.
public struct MigrationQualifier: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The qualifier as the spec spells it: `provisional`, `host-attested`.
    public let rawValue: String

    /// Wraps a qualifier name.
    /// - Parameter rawValue: The name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// §13.5: a did:plc subject whose 72-hour recovery window is not ruled out.
    public static let provisional = Self(rawValue: "provisional")
    /// §12.3: signed with a did:plc `#atproto` key, which the PDS manages for hosted accounts.
    public static let hostAttested = Self(rawValue: "host-attested")

    /// The name.
    public var description: String { rawValue }
}
