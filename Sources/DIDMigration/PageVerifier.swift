// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import Foundation

/// The page checks of §14.2 step 11.
enum PageVerifier {
    struct Failure: Error {
        let code: MigrationReason
        let location: String
        let reason: String
    }

    /// The §16 page size limit.
    static let maxPageBytes = 64 * 1024 * 1024

    /// Checks one page (§14.2 step 11); entries with an `attestation` are appended to `attestations` for step 12.
    static func verify(
        _ bytes: [UInt8],
        page: PageDescriptor,
        collection: MigrationCollectionName,
        attestations: inout [PendingAttestation]
    ) -> Result<(first: [String], last: [String]), Failure> {
        let href = page.href
        guard bytes.count <= maxPageBytes else {
            return .failure(Failure(code: .tooLarge, location: href, reason: "the page is larger than 64 MiB"))
        }
        guard ContentIdentifier(rawContentOf: bytes) == page.cid else {
            return .failure(
                Failure(code: .pageCIDMismatch, location: href, reason: "the page's bytes do not have CID \(page.cid)")
            )
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return .failure(
                Failure(code: .pageFormat, location: href, reason: "the page starts with a byte order mark")
            )
        }
        guard bytes.last == 0x0A else {
            return .failure(Failure(code: .pageFormat, location: href, reason: "the last line does not end with LF"))
        }
        guard isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(Failure(code: .pageFormat, location: href, reason: "the page is not valid UTF-8"))
        }
        var accumulator = MerkleAccumulator()
        var first: [String] = []
        var previous: [String]?
        var lineNumber = 0
        var start = 0
        var canonical: [UInt8] = []
        var leafInput: [UInt8] = [0x00]
        for end in bytes.indices where bytes[end] == 0x0A {
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            guard !line.isEmpty else {
                return .failure(Failure(code: .pageFormat, location: "\(href):\(lineNumber)", reason: "empty line"))
            }
            guard lineNumber <= page.count else {
                return .failure(
                    Failure(code: .pageCountMismatch, location: href, reason: "more than \(page.count) lines")
                )
            }
            let key: [String]
            if let fast = line.withUnsafeBytes({ EntryFastPath.sortKey(of: $0, in: collection) }) {
                key = fast
            } else {
                let location = "\(href):\(lineNumber)"
                switch checkEntry(line, collection: collection, location: location, into: &canonical) {
                case .failure(let failure): return .failure(failure)
                case .success(let (slow, attestation)):
                    key = slow
                    if let attestation {
                        attestations.append(PendingAttestation(location: location, attestation: attestation))
                    }
                }
            }
            if let previous {
                let order = MigrationCollectionName.compare(previous, key)
                if order >= 0 {
                    return .failure(
                        Failure(
                            code: order == 0 ? .duplicate : .order,
                            location: "\(href):\(lineNumber)",
                            reason: order == 0
                                ? "repeats the sort key of the line before" : "sorts before the line before"
                        )
                    )
                }
            } else {
                first = key
            }
            previous = key
            leafInput.removeSubrange(1...)
            leafInput.append(contentsOf: line)
            accumulator.append(Digest.sha256(leafInput))
        }
        guard lineNumber == page.count else {
            return .failure(
                Failure(code: .pageCountMismatch, location: href, reason: "\(lineNumber) lines, expected \(page.count)")
            )
        }
        guard accumulator.root == page.root else {
            return .failure(
                Failure(code: .pageRootMismatch, location: href, reason: "the MTH of the lines is not the page's root")
            )
        }
        return .success((first, previous ?? []))
    }

    /// Whether every byte is below 0x80 (then the page is valid UTF-8 without building a string), eight at a time.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var index = 0
            var seen: UInt64 = 0
            while index + 8 <= buffer.count {
                seen |= buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < buffer.count {
                seen |= UInt64(buffer[index])
                index += 1
            }
            return seen & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The full checks of one line (§14.2 step 11d): parse, §5.1, byte-identical to its JCS, valid for the
    /// collection. Returns the entry's sort key and its attestation.
    static func checkEntry(
        _ line: ArraySlice<UInt8>,
        collection: MigrationCollectionName,
        location: String,
        into canonical: inout [UInt8]
    ) -> Result<([String], attestation: JSONObject?), Failure> {
        let value: JSONValue
        do {
            value = try line.withUnsafeBytes { (buffer) throws(DIDError) in
                try JSONValue(parsing: buffer, limits: MigrationManifest.limits)
            }
            try FieldRules.checkProfile(value)
            canonical.removeAll(keepingCapacity: true)
            try value.write(to: &canonical, style: .canonical)
        } catch let error as DIDError {
            return .failure(Failure(code: .pageNotCanonical, location: location, reason: error.reason))
        } catch let error as MigrationError {
            return .failure(Failure(code: .pageNotCanonical, location: location, reason: error.reason))
        } catch {
            return .failure(Failure(code: .pageNotCanonical, location: location, reason: "\(error)"))
        }
        guard canonical.elementsEqual(line) else {
            return .failure(
                Failure(code: .pageNotCanonical, location: location, reason: "the line is not the JCS of its value")
            )
        }
        do {
            try collection.validate(value, at: location)
        } catch {
            return .failure(Failure(code: error.code, location: location, reason: error.reason))
        }
        guard case .object(let entry) = value else {
            return .failure(Failure(code: .invalidField, location: location, reason: "the entry is not an object"))
        }
        return .success((collection.sortKey(of: entry), entry["attestation"]?.objectValue))
    }
}
