// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCredentials
public import Foundation

/// The collections of a bundle and the kind of entry each holds (IMB v0.1 §9.3).
public enum MigrationCollectionName: String, Sendable, Hashable, CaseIterable {
    /// `graph.following`: relationship entries with Mastodon following options.
    case following
    /// `graph.followers`: relationship entries; the collection carries `consent`.
    case followers
    /// `graph.blocks`: relationship entries.
    case blocks
    /// `graph.mutes`: relationship entries with `options.hideNotifications`.
    case mutes
    /// `graph.lists`: relationship entries with a `list` title.
    case lists
    /// `content`: content entries (§10.3).
    case content

    /// The JSON Pointer of the collection in the manifest (`/graph/followers`, `/content`).
    public var pointer: String { self == .content ? "/content" : "/graph/\(rawValue)" }

    /// The sort key of an entry of this collection: `id`; (`list`, `id`); (`uri`, `rel` or "") (§9.4).
    /// - Parameter entry: A valid entry of this collection.
    /// - Returns: The components, each compared bytewise as UTF-8 (§6.5).
    public func sortKey(of entry: JSONObject) -> [String] {
        switch self {
        case .lists: [entry["list"]?.stringValue ?? "", entry["id"]?.stringValue ?? ""]
        case .content: [entry["uri"]?.stringValue ?? "", entry["rel"]?.stringValue ?? ""]
        default: [entry["id"]?.stringValue ?? ""]
        }
    }

    /// Compares two sort keys component by component, each bytewise (§6.5).
    /// - Returns: A negative number, zero or a positive number.
    /// Never Swift's `String ==`, which treats canonically equivalent strings (`"caf\u{E9}"`, `"cafe\u{301}"`) as
    /// equal: those are two keys, ordered by their bytes.
    static func compare(_ lhs: [String], _ rhs: [String]) -> Int {
        for (left, right) in zip(lhs, rhs) {
            let order = BytewiseString.compare(left, right)
            if order != 0 { return order }
        }
        return lhs.count - rhs.count
    }

    /// Checks one entry against the rules of its collection (§10.1–§10.3).
    /// - Parameters:
    ///   - entry: The entry.
    ///   - pointer: Where it is, for messages (a JSON Pointer or `href:line`).
    /// - Throws: ``MigrationReason/invalidField`` or ``MigrationReason/unknownMember`` naming the member.
    public func validate(_ entry: JSONValue, at pointer: String) throws(MigrationError) {
        let object = try FieldRules.object(entry, at: pointer)
        if self == .content {
            try ContentEntry(object, at: pointer)
        } else {
            try RelationshipEntry(object, in: self, at: pointer)
        }
    }
}

/// A relationship entry: the other party of a follow, block, mute or list membership (IMB v0.1 §10.1).
public struct RelationshipEntry: Sendable, Hashable {
    /// `id`: the other party, a DID or a URI.
    public let id: String
    /// `protocol`: a protocol token (§10.1.1).
    public let `protocol`: String
    /// `acct`: a WebFinger hint `user@host`.
    public let acct: String?
    /// `handle`: an atproto handle hint.
    public let handle: String?
    /// `since`: when the relationship began, as claimed.
    public let since: Date?
    /// `options`: platform settings; unknown members are kept.
    public let options: JSONObject?
    /// `attestation`: per-edge evidence (§10.2).
    public let attestation: Attestation?
    /// `list`: the list title (`graph.lists` only).
    public let list: String?
    /// The entry as the JSON object it was read from or built as (what a page line holds, before JCS).
    public let object: JSONObject

    /// Builds and checks an entry from its members (§10.1), for producers: `BundleExporter.add(_:to:)`
    /// then writes it without parsing it again.
    /// - Parameters:
    ///   - id: The other party, a DID or a URI.
    ///   - protocol: A protocol token.
    ///   - acct: A WebFinger hint `user@host`.
    ///   - handle: An atproto handle hint.
    ///   - since: When the relationship began (whole seconds are written).
    ///   - options: Platform settings.
    ///   - attestation: Per-edge evidence, as its JSON object (§10.2).
    ///   - list: The list title, for `graph.lists`.
    ///   - collection: The collection the entry is for.
    /// - Throws: ``MigrationReason/invalidField`` or ``MigrationReason/unknownMember`` naming the member.
    public init(
        id: String,
        protocol: String,
        acct: String? = nil,
        handle: String? = nil,
        since: Date? = nil,
        options: JSONObject? = nil,
        attestation: JSONObject? = nil,
        list: String? = nil,
        in collection: MigrationCollectionName
    ) throws(MigrationError) {
        var object: JSONObject = ["id": .string(id), "protocol": .string(`protocol`)]
        if let acct { object.append("acct", .string(acct)) }
        if let handle { object.append("handle", .string(handle)) }
        if let since {
            let whole = Date(timeIntervalSince1970: since.timeIntervalSince1970.rounded(.down))
            object.append("since", .string(DateTime(whole).text))
        }
        if let options { object.append("options", .object(options)) }
        if let attestation { object.append("attestation", .object(attestation)) }
        if let list { object.append("list", .string(list)) }
        try self.init(object, in: collection, at: collection.pointer)
    }

    /// Reads and checks an entry (§10.1).
    /// - Parameters:
    ///   - object: The entry.
    ///   - collection: Its collection (decides about `list` and typed options).
    ///   - pointer: Where it is, for messages.
    /// - Throws: ``MigrationReason/invalidField`` or ``MigrationReason/unknownMember``.
    @discardableResult
    public init(_ object: JSONObject, in collection: MigrationCollectionName, at pointer: String) throws(MigrationError)
    {
        let p = { (name: String) in FieldRules.pointer(pointer, name) }
        var allowed: Set<String> = ["id", "protocol", "acct", "handle", "since", "options", "attestation"]
        if collection == .lists { allowed.insert("list") }
        try FieldRules.closed(object, allowed, at: pointer)
        self.object = object
        let id = try FieldRules.string(object["id"], at: p("id"))
        guard FieldRules.isDID(id) || FieldRules.isURI(id) else {
            throw FieldRules.invalid(p("id"), "must be a DID or URI")
        }
        self.id = id
        let token = try FieldRules.string(object["protocol"], at: p("protocol"))
        guard FieldRules.isProtocolToken(token) else {
            throw FieldRules.invalid(p("protocol"), "is not a protocol token")
        }
        self.protocol = token
        acct = try object["acct"].map { (value) throws(MigrationError) in
            let text = try FieldRules.string(value, at: p("acct"))
            guard FieldRules.isAcct(text) else { throw FieldRules.invalid(p("acct"), "must be user@host") }
            return text
        }
        handle = try object["handle"].map { (value) throws(MigrationError) in
            let text = try FieldRules.string(value, at: p("handle"))
            guard !text.contains("@") else { throw FieldRules.invalid(p("handle"), "must not contain '@'") }
            return text
        }
        since = try object["since"].map { (value) throws(MigrationError) in
            try FieldRules.timestamp(value, at: p("since"))
        }
        if let value = object["options"] {
            let options = try FieldRules.object(value, at: p("options"))
            let o = { (name: String) in FieldRules.pointer(p("options"), name) }
            for name in ["showBoosts", "notify", "hideNotifications"] where options[name] != nil {
                _ = try FieldRules.boolean(options[name], at: o(name))
            }
            if let languages = options["languages"] {
                let items = try FieldRules.array(languages, at: o("languages"))
                var seen = Set<BytewiseString>()
                for (index, item) in items.enumerated() {
                    let text = try FieldRules.string(item, at: o("languages") + "/\(index)")
                    guard seen.insert(BytewiseString(text)).inserted else {
                        throw FieldRules.invalid(o("languages") + "/\(index)", "repeats a language")
                    }
                }
            }
            self.options = options
        } else {
            options = nil
        }
        attestation = try object["attestation"].map { (value) throws(MigrationError) in
            try Attestation(value, at: p("attestation"))
        }
        if collection == .lists {
            list = try FieldRules.string(object["list"], at: p("list"))
        } else {
            list = nil
        }
    }
}

/// Per-edge evidence (IMB v0.1 §10.2). Checking it is best-effort and never rejects a bundle.
public enum Attestation: Sendable, Hashable {
    /// `AtprotoRecord`: an `at://` record URI and its dag-cbor CID.
    case atprotoRecord(uri: String, cid: ContentIdentifier)
    /// `NostrEvent`: a kind-3 event id and the author's public key (hex).
    case nostrEvent(id: String, pubkey: String)
    /// `DataIntegrity`: an embedded object carrying a Data Integrity proof.
    case dataIntegrity(object: JSONObject)
    /// `ActivityPubActivity`: an unsigned reference to an activity.
    case activityPubActivity(id: String)

    /// Reads and checks an attestation object (§10.2).
    /// - Parameters:
    ///   - value: The `attestation` member.
    ///   - pointer: Where it is, for messages.
    /// - Throws: ``MigrationReason/invalidField`` or ``MigrationReason/unknownMember``.
    public init(_ value: JSONValue, at pointer: String) throws(MigrationError) {
        let object = try FieldRules.object(value, at: pointer)
        let p = { (name: String) in FieldRules.pointer(pointer, name) }
        func isHex64(_ text: String) -> Bool {
            text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        }
        switch try FieldRules.string(object["type"], at: p("type")) {
        case "AtprotoRecord":
            try FieldRules.closed(object, ["type", "uri", "cid"], at: pointer)
            let uri = try FieldRules.string(object["uri"], at: p("uri"))
            let authority = uri.hasPrefix("at://") ? uri.dropFirst(5).split(separator: "/").first.map(String.init) : nil
            guard let authority, FieldRules.isDID(authority), uri.dropFirst(5).split(separator: "/").count == 3 else {
                throw FieldRules.invalid(p("uri"), "must be at://<DID>/<collection>/<rkey>")
            }
            let cid = try ContentIdentifier(try FieldRules.string(object["cid"], at: p("cid")), allowing: [.dagCBOR])
            self = .atprotoRecord(uri: uri, cid: cid)
        case "NostrEvent":
            try FieldRules.closed(object, ["type", "id", "pubkey", "kind"], at: pointer)
            let id = try FieldRules.string(object["id"], at: p("id"))
            let pubkey = try FieldRules.string(object["pubkey"], at: p("pubkey"))
            guard isHex64(id) else { throw FieldRules.invalid(p("id"), "must be 64 lower-case hex digits") }
            guard isHex64(pubkey) else { throw FieldRules.invalid(p("pubkey"), "must be 64 lower-case hex digits") }
            guard object["kind"] == .number(3) else { throw FieldRules.invalid(p("kind"), "must be 3") }
            self = .nostrEvent(id: id, pubkey: pubkey)
        case "DataIntegrity":
            try FieldRules.closed(object, ["type", "object"], at: pointer)
            let embedded = try FieldRules.object(object["object"], at: p("object"))
            guard embedded["proof"] != nil else { throw FieldRules.invalid(p("object"), "must carry a proof") }
            self = .dataIntegrity(object: embedded)
        case "ActivityPubActivity":
            try FieldRules.closed(object, ["type", "id"], at: pointer)
            self = .activityPubActivity(id: try FieldRules.uri(object["id"], at: p("id"), allowingFragment: true))
        default:
            throw FieldRules.invalid(p("type"), "is not an attestation type of IMB v0.1")
        }
    }
}

/// A content pointer: a post, repost, attachment, profile, like or bookmark by URI and CID (IMB v0.1 §10.3).
public struct ContentEntry: Sendable, Hashable {
    /// `uri`: the content's identifier; a fragment is allowed.
    public let uri: String
    /// `rel`: `post`, `repost`, `attachment`, `profile`, `like`, `bookmark` or an extension value with `:`.
    public let rel: String?
    /// `cid`: of the content's bytes (§10.3.2).
    public let cid: ContentIdentifier?
    /// `mediaType`: `type/subtype`, lower case.
    public let mediaType: String?
    /// `created`: the claimed creation time.
    public let created: Date?
    /// `schema`: the object's type.
    public let schema: String?
    /// `size`: the byte length of what a raw `cid` hashes.
    public let size: Int?
    /// `partOf`: the `uri` of the entry this one belongs to.
    public let partOf: String?
    /// `locations`: relative paths or `https` URIs where the bytes can be fetched.
    public let locations: [String]
    /// The entry as the JSON object it was read from (what a page line holds, before JCS).
    public let object: JSONObject

    /// Reads and checks a content entry (§10.3).
    /// - Parameters:
    ///   - object: The entry.
    ///   - pointer: Where it is, for messages.
    /// - Throws: ``MigrationReason/invalidField`` or ``MigrationReason/unknownMember``.
    @discardableResult
    public init(_ object: JSONObject, at pointer: String) throws(MigrationError) {
        let p = { (name: String) in FieldRules.pointer(pointer, name) }
        try FieldRules.closed(
            object,
            ["uri", "rel", "cid", "mediaType", "created", "schema", "size", "partOf", "locations"],
            at: pointer
        )
        self.object = object
        uri = try FieldRules.uri(object["uri"], at: p("uri"), allowingFragment: true)
        rel = try object["rel"].map { (value) throws(MigrationError) in
            let text = try FieldRules.string(value, at: p("rel"))
            let known: Set<String> = ["post", "repost", "attachment", "profile", "like", "bookmark"]
            guard known.contains(text) || text.contains(":") else { throw FieldRules.invalid(p("rel"), "is unknown") }
            return text
        }
        cid = try object["cid"].map { (value) throws(MigrationError) in
            try ContentIdentifier(try FieldRules.string(value, at: p("cid")), allowing: [.raw, .dagCBOR])
        }
        if cid == nil, let rel, ["post", "repost", "attachment", "profile"].contains(rel) {
            throw FieldRules.invalid(p("cid"), "is required for rel \(rel)")
        }
        mediaType = try object["mediaType"].map { (value) throws(MigrationError) in
            let text = try FieldRules.string(value, at: p("mediaType"))
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text == text.lowercased(),
                !text.contains(";"), !text.contains(" ")
            else { throw FieldRules.invalid(p("mediaType"), "must be a lower-case type/subtype") }
            return text
        }
        if cid != nil, mediaType == nil { throw FieldRules.invalid(p("mediaType"), "is required with cid") }
        created = try object["created"].map { (value) throws(MigrationError) in
            try FieldRules.timestamp(value, at: p("created"))
        }
        schema = try object["schema"].map { (value) throws(MigrationError) in
            try FieldRules.string(value, at: p("schema"))
        }
        size = try object["size"].map { (value) throws(MigrationError) in try FieldRules.integer(value, at: p("size")) }
        partOf = try object["partOf"].map { (value) throws(MigrationError) in
            try FieldRules.uri(value, at: p("partOf"), allowingFragment: true)
        }
        if let value = object["locations"] {
            var seen = Set<BytewiseString>()
            var locations: [String] = []
            for (index, item) in try FieldRules.array(value, at: p("locations")).enumerated() {
                let text = try FieldRules.string(item, at: p("locations") + "/\(index)")
                guard FieldRules.isHref(text), seen.insert(BytewiseString(text)).inserted else {
                    throw FieldRules.invalid(
                        p("locations") + "/\(index)",
                        "must be a unique relative path or https URI"
                    )
                }
                locations.append(text)
            }
            self.locations = locations
        } else {
            locations = []
        }
    }
}
