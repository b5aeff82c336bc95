// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// A page descriptor of a paged collection (IMB v0.1 §9.2).
public struct PageDescriptor: Sendable, Hashable {
    /// `href`: where the page's bytes are (a relative path or an `https` URI, §7.3).
    public let href: String
    /// `count`: the number of entries (lines).
    public let count: Int
    /// `cid`: the raw CID of the page file's bytes.
    public let cid: ContentIdentifier
    /// `root`: the MTH of the page's entries (32 bytes).
    public let root: [UInt8]
}

/// A collection of a manifest, inline or paged (IMB v0.1 §9).
public struct MigrationCollection: Sendable, Hashable {
    /// Where its entries are.
    public enum Form: Sendable, Hashable {
        /// `items`: the entries in the manifest.
        case inline(items: [JSONObject])
        /// `pageSize` and `pages`: the entries in JSON Lines files.
        case paged(pageSize: Int, pages: [PageDescriptor])
    }

    /// Which collection.
    public let name: MigrationCollectionName
    /// `count`.
    public let count: Int
    /// `merkleRoot`, decoded (32 bytes).
    public let merkleRoot: [UInt8]
    /// The entries or the pages.
    public let form: Form
}
