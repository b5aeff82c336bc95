// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

/// A Mastodon account archive (Settings → Export → "Request your archive"): a `.zip` (Mastodon 4.x), a `.tar.gz` /
/// `.tgz` (older versions) or an already extracted folder holding `actor.json`, `outbox.json`, `likes.json`,
/// `bookmarks.json`, `avatar.*`, `header.*` and `media_attachments/…` (IMB v0.1 §17.2;
/// Mastodon's `app/services/backup_service.rb`).
///
/// The archive is read once, in bounded memory: media files are hashed as they stream out and only the four JSON
/// documents are kept. Entry names are checked (no absolute paths, `..`, backslashes; links are never followed and
/// links leaving the archive are rejected) and the expansion is bounded by ``ArchiveLimits``.
public struct MastodonArchive {
    /// The actor (`actor.json`).
    public let actor: JSONObject
    /// The archive file's raw CID (§8.3 `archive.cid`); `nil` for an extracted folder.
    public let archiveCID: ContentIdentifier?
    /// The archive file's name; `nil` for an extracted folder.
    public let archiveName: String?
    /// The account's `user@host`, from `preferredUsername` and the actor's host; `nil` when the actor has none.
    public let acct: String?
    /// Remarks from reading the archive (links not followed, entries skipped).
    public let readingNotes: [String]
    private let scan: ArchiveScan
    private let root: String
    private let limits: ArchiveLimits

    /// Reads an archive or folder.
    /// - Parameters:
    ///   - url: The `.zip`, `.tar.gz`/`.tgz` file (told by its first bytes) or the extracted folder.
    ///   - limits: Safety limits against bombs and oversized archives.
    /// - Throws: ``MigrationReason/archivePathTraversal`` or ``MigrationReason/archiveTooLarge`` naming the entry;
    ///   ``MigrationReason/malformedJSON`` for an unreadable `actor.json`; ``MigrationReason/invalidField`` when the
    ///   archive is unreadable, corrupt, or has no `actor.json` with an `https` `id`.
    public init(contentsOf url: URL, limits: ArchiveLimits = .default) throws(MigrationError) {
        let scan = try ArchiveReader.read(
            url,
            limits: limits,
            wanted: ["actor.json", "outbox.json", "likes.json", "bookmarks.json"]
        )
        guard
            let actorPath = scan.documents.keys.map(\.string).filter({
                $0.hasSuffix("actor.json") && ($0 == "actor.json" || $0.hasSuffix("/actor.json"))
            })
            .min(by: { $0.count < $1.count })
        else {
            throw MigrationError(.invalidField, "\(url.lastPathComponent) has no actor.json: not a Mastodon archive")
        }
        root = String(actorPath.dropLast("actor.json".count))
        let actor = try Self.object(scan.documents[BytewiseString(actorPath)] ?? [], name: actorPath, limits: limits)
        guard let id = actor["id"]?.stringValue, id.hasPrefix("https://"), FieldRules.isURI(id) else {
            throw MigrationError(.invalidField, "\(actorPath): /id must be an https URI")
        }
        self.actor = actor
        self.scan = scan
        self.limits = limits
        archiveCID = scan.archive?.cid
        archiveName = scan.archive?.name
        readingNotes = scan.notes
        if let user = actor["preferredUsername"]?.stringValue, let host = URL(string: id)?.host?.lowercased(),
            PlatformRules.acct(user + "@" + host) != nil
        {
            acct = user + "@" + host
        } else {
            acct = nil
        }
    }

    /// The actor's `id`.
    public var actorID: String { actor["id"]?.stringValue ?? "" }

    /// The source Presence (IMB v0.1 §8.3): `protocol: "activitypub"`, `platform: "mastodon"`, the actor `id`, the
    /// service origin (from the actor id) and, for an archive file, `archive {cid, name}`. The Presence has no
    /// `acct` member (§8.3 is closed); the acct is in ``previousIdentifiers``.
    public var sourcePresence: JSONObject {
        var presence: JSONObject = ["protocol": "activitypub", "platform": "mastodon", "actor": .string(actorID)]
        if let components = URLComponents(string: actorID), let host = components.host?.lowercased() {
            let origin = "https://" + host + (components.port.map { $0 == 443 ? "" : ":\($0)" } ?? "")
            if FieldRules.isOrigin(origin) { presence.append("service", .string(origin)) }
        }
        if let archiveCID, let archiveName {
            presence.append("archive", ["cid": .string(archiveCID.description), "name": .string(archiveName)])
        }
        return presence
    }

    /// `subject.previousIdentifiers` (IMB v0.1 §8.2, §17.2; design §7.8): the actor `id` with `acct` as
    /// `"retiring"`, then each actor `alsoKnownAs` URI as `"alias"` (unique ids, source order).
    public var previousIdentifiers: [JSONObject] {
        var retiring: JSONObject = ["id": .string(actorID)]
        if let acct { retiring.append("acct", .string(acct)) }
        retiring.append("relation", "retiring")
        var result = [retiring]
        var seen: Set<BytewiseString> = [BytewiseString(actorID)]
        let aliases: [JSONValue] =
            switch actor["alsoKnownAs"] {
            case .array(let items): items
            case .string(let text): [.string(text)]
            default: []
            }
        for case .string(let alias) in aliases
        where FieldRules.isURI(alias) && seen.insert(BytewiseString(alias)).inserted {
            result.append(["id": .string(alias), "relation": "alias"])
        }
        return result
    }

    /// Adds the archive's content pointers (IMB v0.1 §17.2): the profile (`cid` over JCS(actor)), avatar and header
    /// (`#icon`/`#image` attachments), each `Create` object as `post` (`cid` over its JCS bytes) with its media as
    /// `attachment` (`cid` over the file bytes, `partOf` the post), each `Announce` as `repost`, `likes.json` as
    /// `like` and `bookmarks.json` as `bookmark`.
    /// - Parameters:
    ///   - exporter: The exporter to fill.
    ///   - progress: Called with the number of items read so far, every 256 items and at the end.
    /// - Returns: Entries per collection and notes (what was skipped and why).
    /// - Throws: ``MigrationReason/malformedJSON`` naming the document for unparsable JSON; an entry rule's error
    ///   naming the item.
    public func addEntries(
        into exporter: inout BundleExporter,
        progress: ((Int) -> Void)? = nil
    ) throws(MigrationError) -> ImportSummary {
        var summary = ImportSummary()
        summary.notes += readingNotes
        var seen = Set<[BytewiseString]>()
        var items = 0
        var skipped: [String: Int] = [:]
        func add(_ entry: JSONObject, _ place: String) throws(MigrationError) {
            items += 1
            if items % 256 == 0 { progress?(items) }
            let key = MigrationCollectionName.content.sortKey(of: entry).map { BytewiseString($0) }
            guard seen.insert(key).inserted else { return }
            try PlatformRules.add(entry, to: .content, into: &exporter, place: place, summary: &summary)
        }
        func skip(_ why: String) { skipped[why, default: 0] += 1 }

        // actor.json → profile, avatar, header.
        let actorPath = root + "actor.json"
        if let entry = objectEntry(actor, uri: actorID, rel: "profile", location: actorPath) {
            try add(entry, actorPath)
        } else {
            skip("actor.json: not I-JSON, no profile entry")
        }
        for (member, fragment) in [("icon", "icon"), ("image", "image")] {
            guard let image = actor[member]?.objectValue else { continue }
            if let entry = attachmentEntry(image, uri: "\(actorID)#\(fragment)", partOf: actorID) {
                try add(entry, "\(actorPath) /\(member)")
            } else {
                skip("actor.json /\(member): file not in the archive")
            }
        }

        // outbox.json → posts, reposts, attachments.
        var posts = 0
        var reposts = 0
        var attachments = 0
        func activity(_ item: JSONValue, _ index: Int) throws(MigrationError) {
            let place = "\(root)outbox.json /orderedItems/\(index)"
            guard let activity = item.objectValue, let type = activity["type"]?.stringValue else {
                skip("outbox.json: item without a type")
                return
            }
            switch type {
            case "Create":
                guard let object = activity["object"]?.objectValue, let id = object["id"]?.stringValue,
                    FieldRules.isURI(id, allowingFragment: true)
                else {
                    skip("outbox.json: Create without an embedded object with an id")
                    return
                }
                guard let entry = objectEntry(object, uri: id, rel: "post", location: root + "outbox.json") else {
                    skip("outbox.json: object not I-JSON")
                    return
                }
                try add(entry, place)
                posts += 1
                let media: [JSONValue] =
                    switch object["attachment"] {
                    case .array(let list): list
                    case .object(let single): [.object(single)]
                    default: []
                    }
                for (position, value) in media.enumerated() {
                    guard let attachment = value.objectValue else { continue }
                    let url = attachment["url"]?.stringValue ?? ""
                    if url.hasPrefix("https://") || url.hasPrefix("http://") {
                        skip("outbox.json: attachment with an absolute URL (file not in the archive)")
                        continue
                    }
                    guard
                        let entry = attachmentEntry(attachment, uri: "\(id)#attachments/\(position)", partOf: id)
                    else {
                        skip("outbox.json: attachment file not in the archive")
                        continue
                    }
                    try add(entry, "\(place)/object/attachment/\(position)")
                    attachments += 1
                }
            case "Announce":
                guard let id = activity["id"]?.stringValue, FieldRules.isURI(id, allowingFragment: true),
                    let entry = objectEntry(activity, uri: id, rel: "repost", location: root + "outbox.json")
                else {
                    skip("outbox.json: Announce without an id or not I-JSON")
                    return
                }
                try add(entry, place)
                reposts += 1
            default:
                skip("outbox.json: activity type \(type)")
            }
        }
        if let count = try forEachItem(in: "outbox.json", activity) {
            summary.notes.append(
                "outbox.json: \(count) activities → \(posts) posts, \(reposts) reposts, \(attachments) attachments"
            )
        } else {
            summary.notes.append("outbox.json: not in the archive")
        }

        // likes.json, bookmarks.json → like, bookmark.
        for (file, rel) in [("likes.json", "like"), ("bookmarks.json", "bookmark")] {
            var count = 0
            let found = try forEachItem(in: file) { (item, index) throws(MigrationError) in
                let uri = item.stringValue ?? item["id"]?.stringValue ?? ""
                guard FieldRules.isURI(uri, allowingFragment: true) else {
                    skip("\(file): item that is not a URI")
                    return
                }
                try add(["uri": .string(uri), "rel": .string(rel)], "\(root)\(file) /orderedItems/\(index)")
                count += 1
            }
            if found != nil { summary.notes.append("\(file): \(count) \(rel)s") }
        }
        for (why, count) in skipped.sorted(by: { $0.key < $1.key }) {
            summary.notes.append("skipped \(count)× \(why)")
        }
        progress?(items)
        return summary
    }

    // MARK: - Helpers

    private static func object(
        _ bytes: [UInt8],
        name: String,
        limits: ArchiveLimits
    ) throws(MigrationError)
        -> JSONObject
    {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes, limits: JSONLimits(maxDepth: 64, maxBytes: limits.maxJSONBytes))
        } catch {
            throw MigrationError(.malformedJSON, "\(name): \(error.reason)")
        }
        guard let object = value.objectValue else { throw MigrationError(.malformedJSON, "\(name): not a JSON object") }
        return object
    }

    /// Calls `body` with each element of a document's top-level `orderedItems`, parsing one element at a time (a
    /// large `outbox.json` is never held as one parsed tree); falls back to a whole parse when the document is not
    /// shaped so, which then reports the precise JSON error.
    /// - Returns: The number of elements, or `nil` when the archive has no such document.
    private func forEachItem(
        in name: String,
        _ body: (JSONValue, Int) throws(MigrationError) -> Void
    ) throws(MigrationError) -> Int? {
        guard let bytes = scan.documents[BytewiseString(root + name)] else { return nil }
        if let ranges = JSONArrayScanner.elements(of: "orderedItems", in: bytes) {
            for (index, range) in ranges.enumerated() {
                let value: JSONValue
                do {
                    value = try JSONValue(parsing: Array(bytes[range]))
                } catch {
                    throw MigrationError(.malformedJSON, "\(root)\(name) /orderedItems/\(index): \(error.reason)")
                }
                try body(value, index)
            }
            return ranges.count
        }
        let items = try document(name)?["orderedItems"]?.arrayValue ?? []
        for (index, item) in items.enumerated() { try body(item, index) }
        return items.count
    }

    private func document(_ name: String) throws(MigrationError) -> JSONObject? {
        guard let bytes = scan.documents[BytewiseString(root + name)] else { return nil }
        return try Self.object(bytes, name: root + name, limits: limits)
    }

    /// A `post`/`repost`/`profile` entry: `cid` over JCS(object) (§10.3.2); `nil` when the object is not I-JSON.
    private func objectEntry(_ object: JSONObject, uri: String, rel: String, location: String) -> JSONObject? {
        guard let bytes = try? JSONValue.object(object).serialized(.canonical) else { return nil }
        var entry: JSONObject = [
            "uri": .string(uri), "rel": .string(rel),
            "cid": .string(ContentIdentifier(rawContentOf: bytes).description),
            "mediaType": "application/activity+json",
        ]
        if let published = object["published"]?.stringValue, FieldRules.isTimestamp(published) {
            entry.append("created", .string(published))
        }
        if let type = object["type"]?.stringValue, !type.isEmpty { entry.append("schema", .string(type)) }
        if FieldRules.isRelativePath(location) { entry.append("locations", [.string(location)]) }
        return entry
    }

    /// An `attachment` entry for an archive-relative `url`: `cid` over the file bytes, `size`, `partOf`; `nil` when
    /// the file is not in the archive.
    private func attachmentEntry(_ attachment: JSONObject, uri: String, partOf: String) -> JSONObject? {
        guard var relative = attachment["url"]?.stringValue ?? attachment["href"]?.stringValue else { return nil }
        while relative.hasPrefix("/") { relative.removeFirst() }
        let candidates = [relative, relative.hasPrefix("system/") ? String(relative.dropFirst(7)) : relative]
        guard
            let path = candidates.compactMap({ try? ArchiveReader.safePath(root + $0) }).first(where: {
                scan.files[BytewiseString($0)] != nil
            }),
            let file = scan.files[BytewiseString(path)]
        else { return nil }
        var entry: JSONObject = [
            "uri": .string(uri), "rel": "attachment", "cid": .string(file.cid.description),
            "mediaType": .string(Self.mediaType(attachment["mediaType"]?.stringValue, path: path)),
            "size": .number(Double(file.size)), "partOf": .string(partOf),
        ]
        if FieldRules.isRelativePath(path) { entry.append("locations", [.string(path)]) }
        return entry
    }

    /// The attachment's declared media type (lower-case, parameters dropped), else one guessed from the extension.
    static func mediaType(_ declared: String?, path: String) -> String {
        if let declared {
            let bare = declared.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if let bare, bare.split(separator: "/", omittingEmptySubsequences: false).count == 2,
                !bare.hasPrefix("/"), !bare.hasSuffix("/"), !bare.contains(" ")
            {
                return bare
            }
        }
        let types = [
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
            "avif": "image/avif", "heic": "image/heic", "mp4": "video/mp4", "webm": "video/webm",
            "mov": "video/quicktime", "mp3": "audio/mpeg", "ogg": "audio/ogg", "m4a": "audio/mp4", "wav": "audio/wav",
            "flac": "audio/flac", "opus": "audio/ogg",
        ]
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return types[ext] ?? "application/octet-stream"
    }
}
