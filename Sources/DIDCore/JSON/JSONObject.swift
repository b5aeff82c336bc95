// swift-did: decentralized identity for Swift. Apache-2.0.

/// A JSON object (RFC 8259 §4) with unique member names (RFC 7493 §2.3), kept in insertion or parse order.
///
/// The order is preserved by the `.compact` and `.pretty` writing styles and ignored by equality and hashing
/// (JSON objects are unordered). Member names compare by code points (their UTF-8 bytes), never by Swift's
/// canonical equivalence, so `"\u{E9}"` and `"e\u{301}"` are two different names, as RFC 8785 §3.2.3 requires.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member of an object: a name and its value (RFC 8259 §4).
    public struct Member: Sendable, Hashable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue

        /// Creates a member.
        /// - Parameters:
        ///   - key: The member name.
        ///   - value: The member value.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        /// Members are equal when their names have the same code points and their values are equal.
        public static func == (lhs: Member, rhs: Member) -> Bool {
            JSONKey.equal(lhs.key, rhs.key) && lhs.value == rhs.value
        }

        /// Hashes the name's UTF-8 bytes and the value, consistently with ``==(_:_:)``.
        public func hash(into hasher: inout Hasher) {
            JSONKey.hashUTF8(key, into: &hasher)
            hasher.combine(value)
        }
    }

    /// Objects with more members than this keep a hash index; smaller ones are searched linearly.
    static let linearSearchLimit = 12

    /// The members, in order.
    public private(set) var members: [Member]

    /// Name → position in `members`; present only when `members.count > linearSearchLimit`.
    private var index: [JSONKey: Int]?

    /// Creates an empty object.
    public init() {
        members = []
        index = nil
    }

    /// Creates an object from members in order; a later member with the same name replaces the earlier one's
    /// value in place.
    /// - Parameter members: The members.
    public init(_ members: [Member]) {
        self.init()
        self.members.reserveCapacity(members.count)
        for member in members { append(member.key, member.value) }
    }

    /// Creates an object from a dictionary literal, keeping the literal's order; a repeated key replaces the
    /// earlier value in place.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        members.reserveCapacity(elements.count)
        for (key, value) in elements { append(key, value) }
    }

    /// Creates an object from members whose names are known to be unique (the parser checked them), reusing the
    /// parser's hash index when it built one.
    init(uniqueMembers: [Member], index: [JSONKey: Int]?) {
        self.members = uniqueMembers
        if uniqueMembers.count > Self.linearSearchLimit {
            self.index = index ?? Self.buildIndex(uniqueMembers)
        } else {
            self.index = nil
        }
    }

    /// The member names, in order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The value of the member named `key`, or `nil`.
    ///
    /// Setting a value replaces an existing member in place or appends a new one; setting `nil` removes the member.
    /// - Parameter key: The member name, compared by code points.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let newValue {
                append(key, newValue)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Appends a member, or replaces the value of the existing member with that name in place.
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The member value.
    public mutating func append(_ key: String, _ value: JSONValue) {
        if let position = position(of: key) {
            members[position].value = value
            return
        }
        members.append(Member(key: key, value: value))
        if index != nil {
            index?[JSONKey(key)] = members.count - 1
        } else if members.count > Self.linearSearchLimit {
            index = Self.buildIndex(members)
        }
    }

    /// Removes the member named `key`.
    /// - Parameter key: The member name, compared by code points.
    /// - Returns: The removed value, or `nil` when there was no such member.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        let removed = members.remove(at: position)
        index = members.count > Self.linearSearchLimit ? Self.buildIndex(members) : nil
        return removed.value
    }

    /// Returns an iterator over the members, in order.
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    /// Objects are equal when they have the same names (by code points) with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    /// Hashes the members without regard to their order, consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member)
            combined &+= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }

    private func position(of key: String) -> Int? {
        if let index { return index[JSONKey(key)] }
        for position in members.indices where JSONKey.equal(members[position].key, key) {
            return position
        }
        return nil
    }

    private static func buildIndex(_ members: [Member]) -> [JSONKey: Int] {
        var index = [JSONKey: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { index[JSONKey(member.key)] = position }
        return index
    }
}

/// A member name that compares and hashes by its UTF-8 bytes (code points), not by canonical equivalence.
struct JSONKey: Hashable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: JSONKey, rhs: JSONKey) -> Bool { equal(lhs.string, rhs.string) }

    func hash(into hasher: inout Hasher) { Self.hashUTF8(string, into: &hasher) }

    /// Whether two strings have the same UTF-8 bytes.
    ///
    /// Native strings (every parsed or literal name) expose contiguous UTF-8, compared as two buffers; iterating
    /// the UTF-8 views index by index costs several times more on the member lookups of a verification.
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        let aUTF8 = a.utf8
        let bUTF8 = b.utf8
        guard aUTF8.count == bUTF8.count else { return false }
        let contiguous = aUTF8.withContiguousStorageIfAvailable { aBytes in
            bUTF8.withContiguousStorageIfAvailable { bBytes in
                UnsafeRawBufferPointer(aBytes).elementsEqual(UnsafeRawBufferPointer(bBytes))
            }
        }
        if let contiguous, let result = contiguous { return result }
        return aUTF8.elementsEqual(bUTF8)
    }

    /// Feeds a string's UTF-8 bytes and length to a hasher.
    static func hashUTF8(_ string: String, into hasher: inout Hasher) {
        let utf8 = string.utf8
        hasher.combine(utf8.count)
        let done: Void? = utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in utf8 { hasher.combine(byte) }
        }
    }
}
