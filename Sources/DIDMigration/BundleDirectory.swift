// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// A bundle stored in a directory (IMB v0.1 §7.2): `bundle.json` at the root and the page files at the relative
/// paths their `href`s name. Reading does not verify; ``BundleVerifier/verifyBundle(at:now:replayStore:progress:)``
/// does.
///
/// Page files are read one at a time into a buffer of at most the §16 page limit (64 MiB), so memory stays
/// O(manifest + page) whatever the collection size (§14.3). A page `href` never leaves the directory: `href`s are
/// restricted relative paths (§7.3), and a page file reached through a symbolic link that points outside the
/// directory is refused.
public struct BundleDirectory: Sendable {
    /// The bundle directory.
    public let folder: URL
    /// The manifest file, `bundle.json` in ``folder`` unless the caller named another file.
    public let manifestURL: URL

    /// Opens a bundle directory.
    /// - Parameter url: The bundle folder, or its `bundle.json` (any manifest file; its folder is the bundle's).
    /// - Throws: ``MigrationReason/invalidField`` naming the path when neither a folder with a `bundle.json` nor a
    ///   manifest file is there.
    public init(at url: URL) throws(MigrationError) {
        var isDirectory: ObjCBool = false
        let path = url.standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MigrationError(.invalidField, "\(path): no such bundle folder or manifest file")
        }
        if isDirectory.boolValue {
            folder = url.standardizedFileURL
            manifestURL = folder.appendingPathComponent("bundle.json")
            guard FileManager.default.fileExists(atPath: manifestURL.path) else {
                throw MigrationError(.invalidField, "\(path) has no bundle.json (IMB v0.1 §7.2)")
            }
        } else {
            manifestURL = url.standardizedFileURL
            folder = manifestURL.deletingLastPathComponent()
        }
    }

    /// The manifest file's bytes, at most 16 MiB (§16).
    /// - Returns: The bytes as stored.
    /// - Throws: ``MigrationReason/tooLarge`` above 16 MiB, ``MigrationReason/invalidField`` (category I/O) when unreadable.
    public func manifestBytes() throws(MigrationError) -> [UInt8] {
        var buffer: [UInt8] = []
        switch PageFile.read(manifestURL, limit: MigrationManifest.limits.maxBytes, into: &buffer) {
        case .success: return buffer
        case .missing: throw MigrationError(.invalidField, "\(manifestURL.path): no such file", category: .io)
        case .tooLarge(let size):
            throw MigrationError(.tooLarge, "\(manifestURL.lastPathComponent) has \(size) bytes, more than 16 MiB")
        case .unreadable(let reason):
            throw MigrationError(.invalidField, "\(manifestURL.path): \(reason)", category: .io)
        }
    }

    /// The manifest, parsed and structurally checked (§14.2 steps 1–3) but NOT verified: no proof, no roots, no
    /// pages.
    /// - Returns: The manifest.
    /// - Throws: The first failed check of steps 1–3, naming the JSON Pointer; or the errors of ``manifestBytes()``.
    public func manifest() throws(MigrationError) -> MigrationManifest {
        try MigrationManifest(bytes: manifestBytes())
    }

    /// Streams one collection's entries in bundle order — inline items, or each page's lines page by page — without
    /// verifying them (no CID, no root, no order check). A collection the manifest does not have yields nothing.
    /// - Parameters:
    ///   - collection: The collection.
    ///   - body: Called with each entry in order.
    /// - Throws: The errors of ``manifest()``; ``MigrationReason/pageMissing`` for a page file that is absent or an
    ///   `https` page (not fetched); ``MigrationReason/tooLarge`` for a page above 64 MiB;
    ///   ``MigrationReason/pageFormat`` or ``MigrationReason/pageNotCanonical`` naming `href:line` for a line that
    ///   is not a JSON object; anything `body` throws.
    public func forEachEntry(
        in collection: MigrationCollectionName,
        _ body: (JSONObject) throws(MigrationError) -> Void
    ) throws(MigrationError) {
        guard let described = try manifest().collection(collection) else { return }
        switch described.form {
        case .inline(let items):
            for item in items { try body(item) }
        case .paged(_, let pages):
            var buffer: [UInt8] = []
            for page in pages {
                try readPage(page, into: &buffer)
                var start = 0
                var lineNumber = 0
                for end in buffer.indices where buffer[end] == 0x0A {
                    lineNumber += 1
                    let value: JSONValue
                    do {
                        value = try buffer.withUnsafeBytes { (all) throws(DIDError) in
                            try JSONValue(
                                parsing: UnsafeRawBufferPointer(rebasing: all[start..<end]),
                                limits: MigrationManifest.limits
                            )
                        }
                    } catch let error as DIDError {
                        throw MigrationError(.pageNotCanonical, "\(page.href):\(lineNumber): \(error.reason)")
                    } catch {
                        throw MigrationError(.pageNotCanonical, "\(page.href):\(lineNumber): \(error)")
                    }
                    guard case .object(let entry) = value else {
                        throw MigrationError(.pageNotCanonical, "\(page.href):\(lineNumber): not a JSON object")
                    }
                    start = end + 1
                    try body(entry)
                }
                guard start == buffer.count else {
                    throw MigrationError(.pageFormat, "\(page.href): the last line does not end with LF")
                }
            }
        }
    }

    /// The file of a page `href`, when it is a relative path inside ``folder``; `nil` for an `https` page.
    func fileURL(of href: String) -> URL? {
        guard FieldRules.isRelativePath(href) else { return nil }
        return folder.appendingPathComponent(href)
    }

    /// Reads one page's bytes into `buffer` (replacing its contents, keeping its capacity).
    /// - Throws: ``MigrationReason/pageMissing``, ``MigrationReason/tooLarge`` or ``MigrationReason/invalidField``,
    ///   each naming the `href`.
    func readPage(_ page: PageDescriptor, into buffer: inout [UInt8]) throws(MigrationError) {
        guard let url = fileURL(of: page.href) else {
            throw MigrationError(.pageMissing, "\(page.href): https pages are not fetched; only local files are read")
        }
        guard isInside(url) else {
            throw MigrationError(.invalidField, "\(page.href) leads outside the bundle folder (a symbolic link)")
        }
        switch PageFile.read(url, limit: PageVerifier.maxPageBytes, into: &buffer) {
        case .success: return
        case .missing: throw MigrationError(.pageMissing, "\(page.href): the page file is missing")
        case .tooLarge(let size):
            throw MigrationError(.tooLarge, "\(page.href) has \(size) bytes, more than the 64 MiB page limit (§16)")
        case .unreadable(let reason):
            throw MigrationError(.invalidField, "\(page.href): \(reason)", category: .io)
        }
    }

    /// Whether `url`, with symbolic links resolved, is below ``folder`` with its links resolved (§7.3).
    private func isInside(_ url: URL) -> Bool {
        let base = folder.resolvingSymlinksInPath().path
        let resolved = url.resolvingSymlinksInPath().path
        return resolved.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
}

/// Whole-file reads into a reusable buffer with a size limit checked before reading (POSIX `open`/`fstat`/`read`,
/// no `Data` copy).
enum PageFile {
    enum Outcome {
        case success
        case missing
        case tooLarge(Int)
        case unreadable(String)
    }

    static func read(_ url: URL, limit: Int, into buffer: inout [UInt8]) -> Outcome {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreadable(String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .unreadable("not a regular file") }
        let size = Int(status.st_size)
        guard size <= limit else { return .tooLarge(size) }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(0, count: size))
        var total = 0
        let failure: String? = buffer.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return nil }
            while total < size {
                let got = systemRead(descriptor, base + total, size - total)
                if got < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                if got == 0 { break }
                total += got
            }
            return nil
        }
        if let failure { return .unreadable(failure) }
        // A file that shrank after fstat is read as far as it goes; its CID then fails to match.
        buffer.removeLast(size - total)
        return .success
    }
}
