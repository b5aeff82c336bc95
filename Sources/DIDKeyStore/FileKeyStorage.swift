// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCrypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The default ``KeyStorage``: one file `NAME.json` per key in a folder that only its owner can use
/// (Specs/keystore.md §7).
///
/// - The folder is created with mode 0700 when the first key is stored; files are created with mode 0600.
/// - A folder or file that the group or others can access (any of the mode bits 0077) is refused with
///   ``KeyStoreError/Code/insecurePermissions`` and a reason that says which `chmod` fixes it.
/// - Every write goes to a new temporary file `.tmp-…` in the same folder (`O_EXCL`, mode 0600), which is written,
///   `fsync`ed and then moved into place; the folder is `fsync`ed afterwards. A new name is committed with
///   `link(2)`, which fails instead of replacing an existing file, so a name is never overwritten by a create; a
///   replacement uses `rename(2)`. After a crash at any point the name holds its old or its new contents, never a
///   part; a stale temporary file (names starting with `.` are never keys) is the worst that can be left.
/// - Symbolic links are not followed for key files.
public struct FileKeyStorage: KeyStorage {
    /// The folder.
    public let directory: String

    /// Test hook: called with the temporary file's path after it was written and flushed, before it is moved into
    /// place. A thrown error is passed on *without* removing the temporary file, as if the process had died there.
    var beforeCommit: (@Sendable (_ temporaryPath: String) throws(KeyStoreError) -> Void)?

    /// Uses `directory` as the keystore folder (it need not exist yet).
    /// - Parameter directory: An absolute or relative path.
    public init(directory: String) {
        self.directory = directory
    }

    /// Uses the default folder, ``defaultDirectory(environment:)``.
    /// - Throws: ``KeyStoreError/Code/storageFailure`` when no folder can be determined.
    public init() throws(KeyStoreError) {
        self.init(directory: try Self.defaultDirectory())
    }

    /// The default keystore folder: `$DID_KEYSTORE` if set and not empty, else `$XDG_DATA_HOME/swift-did/keys` if
    /// `XDG_DATA_HOME` is an absolute path (XDG Base Directory Specification 0.8), else
    /// `$HOME/.local/share/swift-did/keys` (the home folder from the password database when `HOME` is unset).
    /// - Parameter environment: The environment to read; `nil` for the process's.
    /// - Returns: The folder path.
    /// - Throws: ``KeyStoreError/Code/storageFailure`` when there is no home folder either.
    public static func defaultDirectory(
        environment: [String: String]? = nil
    ) throws(KeyStoreError) -> String {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let path = environment["DID_KEYSTORE"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return data + "/swift-did/keys"
        }
        var home = environment["HOME"] ?? ""
        if home.isEmpty, let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir {
            home = String(cString: directory)
        }
        guard !home.isEmpty else {
            throw KeyStoreError(
                .storageFailure,
                "no keystore folder: set DID_KEYSTORE, XDG_DATA_HOME or HOME"
            )
        }
        return home + "/.local/share/swift-did/keys"
    }

    /// The path of the file that holds `name`: `directory/NAME.json`.
    /// - Parameter name: A key name.
    /// - Returns: The path.
    public func path(for name: KeyName) -> String {
        directory + "/" + name.value + ".json"
    }

    /// The names of the `*.json` files in the folder that are valid key names, sorted; none when the folder does
    /// not exist yet.
    public func names() throws(KeyStoreError) -> [KeyName] {
        guard try checkDirectory(creating: false) else { return [] }
        guard let handle = opendir(directory) else {
            throw Self.failure(errno, "cannot list", directory)
        }
        defer { closedir(handle) }
        var names: [KeyName] = []
        while let entry = readdir(handle) {
            let fileName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard fileName.hasSuffix(".json") else { continue }
            if let name = try? KeyName(String(fileName.dropLast(5))) { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads the file of `name`, after checking that it is a regular file only its owner can access.
    public func read(_ name: KeyName) throws(KeyStoreError) -> [UInt8] {
        let path = path(for: name)
        guard try checkDirectory(creating: false) else { throw Self.notFound(name) }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw Self.notFound(name) }
            if code == ELOOP { throw KeyStoreError(.invalidFile, "\(path) is a symbolic link; key files must not be") }
            throw Self.failure(code, "cannot open", path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(errno, "cannot inspect", path) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw KeyStoreError(.invalidFile, "\(path) is not a regular file")
        }
        try Self.checkPrivate(mode: status.st_mode, path: path, fix: "chmod 600")
        guard status.st_size <= 1 << 20 else {
            throw KeyStoreError(.invalidFile, "\(path) is larger than 1 MiB; it is not a key file")
        }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(errno, "cannot read", path)
            }
            if count == 0 { break }
            contents.append(contentsOf: buffer[0..<count])
        }
        return contents
    }

    /// Creates the file of a new name atomically; fails with ``KeyStoreError/Code/keyExists`` if it exists.
    public func create(_ name: KeyName, contents: [UInt8]) throws(KeyStoreError) {
        _ = try checkDirectory(creating: true)
        let path = path(for: name)
        let temporary = try writeTemporaryFile(for: name, contents: contents)
        try beforeCommit?(temporary)
        if link(temporary, path) != 0 {
            let code = errno
            if code == EEXIST {
                unlink(temporary)
                throw Self.exists(name)
            }
            guard code == EPERM || code == EOPNOTSUPP || code == ENOSYS else {
                unlink(temporary)
                throw Self.failure(code, "cannot create", path)
            }
            // File systems without hard links: check, then rename (a narrow race with another writer remains).
            var status = stat()
            if lstat(path, &status) == 0 {
                unlink(temporary)
                throw Self.exists(name)
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw Self.failure(code, "cannot create", path)
            }
        } else {
            unlink(temporary)
        }
        try syncDirectory()
    }

    /// Replaces the file of an existing name atomically (`rename(2)` over it).
    public func replace(_ name: KeyName, contents: [UInt8]) throws(KeyStoreError) {
        guard try checkDirectory(creating: false) else { throw Self.notFound(name) }
        let path = path(for: name)
        var status = stat()
        guard lstat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT { throw Self.notFound(name) }
            throw Self.failure(code, "cannot inspect", path)
        }
        let temporary = try writeTemporaryFile(for: name, contents: contents)
        try beforeCommit?(temporary)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.failure(code, "cannot replace", path)
        }
        try syncDirectory()
    }

    /// Removes the file of `name`.
    public func delete(_ name: KeyName) throws(KeyStoreError) {
        guard try checkDirectory(creating: false) else { throw Self.notFound(name) }
        let path = path(for: name)
        guard unlink(path) == 0 else {
            let code = errno
            if code == ENOENT { throw Self.notFound(name) }
            throw Self.failure(code, "cannot delete", path)
        }
        try syncDirectory()
    }

    // MARK: - Files

    /// Writes `contents` to a new temporary file in the folder (mode 0600, `O_EXCL`) and flushes it.
    /// - Returns: Its path.
    private func writeTemporaryFile(for name: KeyName, contents: [UInt8]) throws(KeyStoreError) -> String {
        let suffix = SecureRandom.bytes(count: 8).map { String($0, radix: 16).leftPadded() }.joined()
        let temporary = directory + "/.tmp-" + name.value + "-" + suffix
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure(errno, "cannot create a file in", directory) }
        var failure: KeyStoreError?
        contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.failure(errno, "cannot write", temporary)
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(descriptor) != 0 {
            failure = Self.failure(errno, "cannot flush", temporary)
        }
        if close(descriptor) != 0 && failure == nil {
            failure = Self.failure(errno, "cannot close", temporary)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        return temporary
    }

    /// Flushes the folder's entries (the rename or link) to disk.
    private func syncDirectory() throws(KeyStoreError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(errno, "cannot open", directory) }
        defer { close(descriptor) }
        // Some file systems cannot fsync a folder (EINVAL); the data itself was flushed already.
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw Self.failure(errno, "cannot flush", directory)
        }
    }

    /// Checks the folder: a folder that only its owner can access. Creates it (mode 0700, parents too) when
    /// `creating` is set.
    /// - Returns: Whether the folder exists (always true when creating).
    private func checkDirectory(creating: Bool) throws(KeyStoreError) -> Bool {
        var status = stat()
        if stat(directory, &status) != 0 {
            let code = errno
            guard code == ENOENT else { throw Self.failure(code, "cannot inspect", directory) }
            guard creating else { return false }
            try makeDirectories()
            guard stat(directory, &status) == 0 else { throw Self.failure(errno, "cannot inspect", directory) }
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw KeyStoreError(.storageFailure, "the keystore \(directory) is not a folder")
        }
        try Self.checkPrivate(mode: status.st_mode, path: directory, fix: "chmod 700", what: "keystore folder")
        return true
    }

    /// `mkdir -p` with mode 0700 for every folder it creates.
    private func makeDirectories() throws(KeyStoreError) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 {
                let code = errno
                if code == EEXIST { continue }
                throw Self.failure(code, "cannot create the folder", prefix)
            }
            // The umask may have removed bits; it cannot have added any, but be exact.
            chmod(prefix, 0o700)
        }
    }

    /// Refuses a mode with group or other bits.
    private static func checkPrivate(
        mode: mode_t,
        path: String,
        fix: String,
        what: String = "key file"
    ) throws(KeyStoreError) {
        let permissions = mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw KeyStoreError(
                .insecurePermissions,
                "the \(what) \(path) can be accessed by other users (mode \(String(permissions, radix: 8))); "
                    + "fix it with: \(fix) '\(path)'"
            )
        }
    }

    // MARK: - Errors

    private static func notFound(_ name: KeyName) -> KeyStoreError {
        KeyStoreError(.keyNotFound, "no key named \"\(name)\" in the keystore")
    }

    private static func exists(_ name: KeyName) -> KeyStoreError {
        KeyStoreError(.keyExists, "a key named \"\(name)\" already exists; it is never overwritten")
    }

    private static func failure(_ code: Int32, _ action: String, _ path: String) -> KeyStoreError {
        let message = String(cString: strerror(code))
        if code == EACCES || code == EPERM {
            return KeyStoreError(.permissionDenied, "permission denied: \(action) \(path)")
        }
        return KeyStoreError(.storageFailure, "\(action) \(path): \(message)")
    }
}

/// `read(2)`, named apart from the protocol's `read(_:)` requirement.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #elseif canImport(Musl)
    Musl.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}

extension String {
    /// Two hex digits.
    fileprivate func leftPadded() -> String { count < 2 ? "0" + self : self }
}
