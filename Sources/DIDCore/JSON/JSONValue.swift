// swift-did: decentralized identity for Swift. Apache-2.0.

/// A JSON value (RFC 8259 §3): `null`, a boolean, a number, a string, an array or an object.
///
/// Numbers are IEEE 754 binary64 values, as I-JSON requires (RFC 7493 §2.2). Strings compare and hash by their
/// Unicode scalars (code points), not by Swift's canonical equivalence: `"\u{E9}"` and `"e\u{301}"` are different
/// JSON strings, as they are in RFC 8785 (JCS §3.2.3: no normalization). Objects keep their member order and
/// compare without regard to it (``JSONObject``).
public enum JSONValue: Sendable, Hashable {
    /// The literal `null` (RFC 8259 §3).
    case null
    /// The literals `true` and `false` (RFC 8259 §3).
    case bool(Bool)
    /// A number, as an IEEE 754 binary64 value (RFC 8259 §6, RFC 7493 §2.2).
    case number(Double)
    /// A string of Unicode scalars (RFC 8259 §7).
    case string(String)
    /// An array; element order is significant (RFC 8259 §5).
    case array([JSONValue])
    /// An object with unique member names, in insertion or parse order (RFC 8259 §4, RFC 7493 §2.3).
    case object(JSONObject)

    /// Compares two values by JSON semantics: strings by code points, objects without regard to member order,
    /// numbers by `Double` equality (so `-0` equals `0`).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return JSONKey.equal(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    /// Hashes the value consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .number(let value):
            hasher.combine(2 as UInt8)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(3 as UInt8)
            JSONKey.hashUTF8(value, into: &hasher)
        case .array(let value):
            hasher.combine(4 as UInt8)
            hasher.combine(value)
        case .object(let value):
            hasher.combine(5 as UInt8)
            hasher.combine(value)
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral {
    /// Creates `null` from `nil`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// Creates a boolean value from `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// Creates a number from an integer literal (converted to `Double`; exact below 2^53).
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// Creates a number from a floating-point literal.
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// Creates a string value from a string literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// Creates an array value from an array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Creates an object from a dictionary literal, keeping the literal's order; a repeated key replaces the
    /// earlier value in place.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object.append(key, value) }
        self = .object(object)
    }
}

// MARK: - Accessors

extension JSONValue {
    /// The string, when this is a string value; otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, when this is `true` or `false`; otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, when this is a number; otherwise `nil`.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array; otherwise `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when this is an object; otherwise `nil`.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of the member named `key` when this is an object that has one; otherwise `nil`.
    /// - Parameter key: The member name, compared by code points.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}
