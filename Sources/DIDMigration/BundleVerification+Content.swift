// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import DIDCrypto
import Foundation

extension BundleVerification {
    /// Checks content bytes obtained for a content entry (§14.2 step 13, not mandatory): the CID of the bytes (with
    /// the entry's codec) and, when given, `size`. Records `content[<uri> <rel>]`.
    /// - Parameters:
    ///   - bytes: The bytes the entry's `cid` hashes: a file's bytes, or the full JCS of an ActivityPub object.
    ///   - entry: The content entry.
    /// - Returns: The check.
    @discardableResult
    public mutating func verifyContent(_ bytes: [UInt8], for entry: ContentEntry) -> MigrationCheck {
        let name = MigrationCheckName.content(uri: entry.uri, rel: entry.rel)
        let check: MigrationCheck
        if let cid = entry.cid {
            let computed = ContentIdentifier(codec: cid.codec, sha256Digest: Digest.sha256(bytes))
            if computed != cid {
                check = MigrationCheck(
                    name,
                    .failed,
                    reason: .contentCIDMismatch,
                    detail: "the bytes have CID \(computed), not \(cid)",
                    isMandatory: false
                )
            } else if let size = entry.size, size != bytes.count {
                check = MigrationCheck(
                    name,
                    .failed,
                    reason: .contentCIDMismatch,
                    detail: "\(bytes.count) bytes, size says \(size)",
                    isMandatory: false
                )
            } else {
                check = MigrationCheck(name, .verified, isMandatory: false)
            }
        } else {
            check = MigrationCheck(
                name,
                .notChecked,
                reason: .contentCIDMismatch,
                detail: "the entry has no cid",
                isMandatory: false
            )
        }
        record(check)
        return check
    }

    /// Checks an ActivityPub object obtained for a content entry: its CID is over the full RFC 8785 JCS bytes of the
    /// object (§10.3.2). An object that cannot be canonicalized fails.
    /// - Parameters:
    ///   - object: The object, parsed.
    ///   - entry: The content entry.
    /// - Returns: The check.
    @discardableResult
    public mutating func verifyContent(object: JSONValue, for entry: ContentEntry) -> MigrationCheck {
        guard let bytes = try? object.serialized(.canonical) else {
            let check = MigrationCheck(
                .content(uri: entry.uri, rel: entry.rel),
                .failed,
                reason: .contentCIDMismatch,
                detail: "the object cannot be canonicalized",
                isMandatory: false
            )
            record(check)
            return check
        }
        return verifyContent(bytes, for: entry)
    }
}
