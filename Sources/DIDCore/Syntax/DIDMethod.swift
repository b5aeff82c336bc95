// swift-did: decentralized identity for Swift. Apache-2.0.

extension DID {
    /// A DID method name: the `method-name` part of `did:<method-name>:<method-specific-id>`.
    ///
    /// An open set: the names this package knows are static members (``key``, ``web``, …); any other name that
    /// matches the ABNF of [DID Core 1.0 §3.1](https://www.w3.org/TR/did-core/#did-syntax) is made with
    /// ``init(rawValue:)`` or ``init(_:)``:
    ///
    /// ```
    /// method-name = 1*method-char
    /// method-char = %x61-7A / DIGIT
    /// ```
    public struct Method: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The name, such as `key`: lower-case ASCII letters and digits, at least one.
        public let rawValue: String

        /// Wraps a name that matches `method-name`, or returns `nil`.
        /// - Parameter rawValue: The name, such as `web`.
        public init?(rawValue: String) {
            guard Self.problem(in: rawValue) == nil else { return nil }
            self.rawValue = rawValue
        }

        /// Wraps a name that matches `method-name` (DID Core 1.0 §3.1).
        /// - Parameter name: The name, such as `web`.
        /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDID`` naming the first character that is not a
        ///   lower-case ASCII letter or digit (its offset counts from the start of the name), or an empty name.
        public init(_ name: String) throws(DIDError) {
            if let failure = Self.problem(in: name) {
                throw DIDError(.invalidDID, "\(failure.problem) in DID method name '\(name)'", offset: failure.offset)
            }
            self.rawValue = name
        }

        /// Wraps a name the caller knows to be valid (the static members, and names the scanner accepted).
        init(validated name: String) {
            self.rawValue = name
        }

        /// The name.
        public var description: String { rawValue }

        /// Orders names by their text.
        public static func < (lhs: Method, rhs: Method) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `did:key` (did:key Method v0.9).
        public static let key = Method(validated: "key")
        /// `did:web` (did:web Method Specification).
        public static let web = Method(validated: "web")
        /// `did:jwk` (did:jwk Method Specification).
        public static let jwk = Method(validated: "jwk")
        /// `did:plc` (the AT Protocol's DID PLC Method).
        public static let plc = Method(validated: "plc")
        /// `did:peer` (Peer DID Method Specification).
        public static let peer = Method(validated: "peer")
        /// `did:example`, the method DID Core 1.0 uses in its examples; it resolves nowhere.
        public static let example = Method(validated: "example")

        /// The first place `name` breaks `method-name`, or `nil` when it matches.
        static func problem(in name: String) -> (offset: Int, problem: String)? {
            if name.isEmpty { return (0, "empty name") }
            for (offset, byte) in name.utf8.enumerated() where !SyntaxScanner.isMethodChar(byte) {
                let isUpper = byte >= 0x41 && byte <= 0x5A
                let character = byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "a non-ASCII character"
                return (offset, isUpper ? "upper-case letter \(character)" : "invalid character \(character)")
            }
            return nil
        }
    }
}
