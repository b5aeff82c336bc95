// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

// The collection descriptors of a manifest, checked (IMB v0.1 §9, §14.2 step 3).
extension MigrationManifest {
    /// Checks one collection descriptor: members, counts, the order and uniqueness of inline items, page arithmetic.
    static func checkCollection(
        _ value: JSONValue,
        _ name: MigrationCollectionName
    ) throws(MigrationError)
        -> MigrationCollection
    {
        let pointer = name.pointer
        let p = { (member: String) in FieldRules.pointer(pointer, member) }
        let object = try FieldRules.object(value, at: pointer)
        let isPaged = object["pages"] != nil || object["pageSize"] != nil
        if isPaged, object["items"] != nil {
            throw FieldRules.invalid(pointer, "must not be both inline and paged")
        }
        var allowed: Set<String> =
            isPaged ? ["count", "merkleRoot", "pageSize", "pages"] : ["count", "merkleRoot", "items"]
        if name == .followers { allowed.insert("consent") }
        try FieldRules.closed(object, allowed, at: pointer)
        if name == .followers, object["consent"] != "not-asserted" {
            throw FieldRules.invalid(p("consent"), "must be \"not-asserted\"")
        }
        let count = try FieldRules.integer(object["count"], at: p("count"))
        let merkleRoot = try RootEncoding.decodeField(
            try FieldRules.string(object["merkleRoot"], at: p("merkleRoot")),
            at: p("merkleRoot")
        )
        if !isPaged {
            var items: [JSONObject] = []
            var previous: [String]?
            for (index, item) in try FieldRules.array(object["items"], at: p("items")).enumerated() {
                let at = p("items") + "/\(index)"
                try name.validate(item, at: at)
                guard case .object(let entry) = item else { continue }
                let key = name.sortKey(of: entry)
                if let previous {
                    let order = MigrationCollectionName.compare(previous, key)
                    if order == 0 { throw MigrationError(.duplicate, "\(at) repeats the sort key of the entry before") }
                    if order > 0 { throw MigrationError(.order, "\(at) sorts before the entry before it") }
                }
                previous = key
                items.append(entry)
            }
            guard items.count == count else {
                throw MigrationError(.countMismatch, "\(p("count")) is \(count) but there are \(items.count) items")
            }
            return MigrationCollection(name: name, count: count, merkleRoot: merkleRoot, form: .inline(items: items))
        }
        guard count >= 1 else { throw FieldRules.invalid(p("count"), "must be at least 1 in a paged collection") }
        let pageSize = try FieldRules.integer(object["pageSize"], at: p("pageSize"), in: 1...65536)
        guard pageSize & (pageSize - 1) == 0 else { throw FieldRules.invalid(p("pageSize"), "must be a power of two") }
        let values = try FieldRules.array(object["pages"], at: p("pages"))
        var pages: [PageDescriptor] = []
        for (index, value) in values.enumerated() {
            let at = p("pages") + "/\(index)"
            let page = try FieldRules.object(value, at: at)
            try FieldRules.closed(page, ["href", "count", "cid", "root"], at: at)
            let href = try FieldRules.string(page["href"], at: at + "/href")
            guard FieldRules.isHref(href) else {
                throw FieldRules.invalid(at + "/href", "must be a relative path or an https URI")
            }
            let pageCount = try FieldRules.integer(page["count"], at: at + "/count", in: 1...65536)
            let cid: ContentIdentifier
            do {
                cid = try ContentIdentifier(try FieldRules.string(page["cid"], at: at + "/cid"))
            } catch {
                throw FieldRules.invalid(at + "/cid", "must be a raw CID (\(error.reason))")
            }
            let root = try RootEncoding.decodeField(
                try FieldRules.string(page["root"], at: at + "/root"),
                at: at + "/root"
            )
            pages.append(PageDescriptor(href: href, count: pageCount, cid: cid, root: root))
        }
        let expectedPages = (count + pageSize - 1) / pageSize
        guard pages.count == expectedPages else {
            throw MigrationError(
                .countMismatch,
                "\(p("pages")) has \(pages.count) pages, count/pageSize needs \(expectedPages)"
            )
        }
        for (index, page) in pages.enumerated() {
            let expected = index == pages.count - 1 ? count - pageSize * (pages.count - 1) : pageSize
            guard page.count == expected else {
                throw MigrationError(
                    .countMismatch,
                    "\(p("pages"))/\(index)/count is \(page.count), expected \(expected)"
                )
            }
        }
        return MigrationCollection(
            name: name,
            count: count,
            merkleRoot: merkleRoot,
            form: .paged(pageSize: pageSize, pages: pages)
        )
    }
}

extension RootEncoding {
    static func decodeField(_ text: String, at pointer: String) throws(MigrationError) -> [UInt8] {
        do {
            return try decode(text)
        } catch {
            throw FieldRules.invalid(pointer, "is not a root (\(error.reason))")
        }
    }
}
