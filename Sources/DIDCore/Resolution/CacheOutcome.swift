// swift-did: decentralized identity for Swift. Apache-2.0.

/// How a caching resolver answered: from memory or disk, after asking the origin, or stale.
///
/// A resolver-specific member of `didResolutionMetadata` (DID Core 1.0 §7.1.2 allows members beyond `contentType`
/// and `error`), written as `"cache": {"status": …, "age": seconds, "stale": bool, "tier"?: …, "originStatus"?: …}`
/// only when the result is serialized; in memory it is the typed ``DIDResolutionMetadata/cache``.
public struct CacheOutcome: Sendable, Hashable {
    /// What the cache did.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// A fresh entry answered; the origin was not asked.
        case hit
        /// No entry: the origin answered.
        case miss
        /// An entry past its freshness answered (`stale-while-revalidate` or `stale-if-error`, RFC 5861).
        case stale
        /// The origin was asked to confirm or replace an entry (a conditional request).
        case revalidated
        /// The caller asked to bypass the cache (`noCache`); the origin answered.
        case bypass
    }

    /// Where a hit was found.
    public enum Tier: String, Sendable, Hashable, CaseIterable {
        /// The in-process cache.
        case memory
        /// The persistent (SQLite) cache behind it.
        case disk
    }

    /// What the cache did.
    public var status: Status
    /// How long ago the answered entry was fetched from the origin.
    public var age: Duration
    /// Whether the answer is past its freshness lifetime.
    public var isStale: Bool
    /// Where a hit was found, or `nil` when the answer did not come from a stored entry.
    public var tier: Tier?
    /// The HTTP status the origin gave for this answer (such as 200 or 304), or `nil` when it was not asked.
    public var originStatus: Int?

    /// Creates an outcome.
    /// - Parameters:
    ///   - status: What the cache did.
    ///   - age: How long ago the entry was fetched.
    ///   - isStale: Whether the answer is past its freshness.
    ///   - tier: Where a hit was found.
    ///   - originStatus: The origin's HTTP status, when it was asked.
    public init(status: Status, age: Duration, isStale: Bool, tier: Tier? = nil, originStatus: Int? = nil) {
        self.status = status
        self.age = age
        self.isStale = isStale
        self.tier = tier
        self.originStatus = originStatus
    }

    /// The age in whole seconds, rounded down (what the JSON member and an HTTP `Age` header carry).
    public var ageSeconds: Int {
        let (seconds, attoseconds) = age.components
        return Int(seconds) - (attoseconds < 0 ? 1 : 0)
    }

    /// The `cache` member's value: `status`, `age` (whole seconds), `stale`, then `tier` and `originStatus` when
    /// known.
    public var json: JSONObject {
        var object: JSONObject = [
            "status": .string(status.rawValue), "age": .number(Double(ageSeconds)), "stale": .bool(isStale),
        ]
        if let tier { object.append("tier", .string(tier.rawValue)) }
        if let originStatus { object.append("originStatus", .number(Double(originStatus))) }
        return object
    }

    /// Reads the `cache` member written by ``json``.
    /// - Parameter json: The member's value.
    /// - Returns: The outcome, or `nil` when the value is not one this type writes (it then stays an ordinary
    ///   member of ``DIDResolutionMetadata/additionalProperties``).
    public init?(json: JSONValue) {
        guard let object = json.objectValue, object.count <= 5,
            let status = object["status"]?.stringValue.flatMap(Status.init(rawValue:)),
            let age = object["age"]?.numberValue, age.rounded(.down) == age, abs(age) < 1e15,
            let stale = object["stale"]?.boolValue
        else { return nil }
        var tier: Tier?
        if let value = object["tier"] {
            guard let parsed = value.stringValue.flatMap(Tier.init(rawValue:)) else { return nil }
            tier = parsed
        }
        var originStatus: Int?
        if let value = object["originStatus"] {
            guard let number = value.numberValue, let code = Int(exactly: number), (100...599).contains(code) else {
                return nil
            }
            originStatus = code
        }
        let known = 3 + (tier == nil ? 0 : 1) + (originStatus == nil ? 0 : 1)
        guard object.count == known else { return nil }
        self.init(status: status, age: .seconds(Int64(age)), isStale: stale, tier: tier, originStatus: originStatus)
    }
}
