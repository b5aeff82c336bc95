// swift-did: decentralized identity for Swift. Apache-2.0.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files that hold secrets: created new with mode 0600, never overwriting, never left half-written.
enum SecretFile {
    /// Creates `path` with mode 0600 and writes `contents` to it, flushed to disk.
    ///
    /// An existing file is never replaced. If writing fails, the new file is removed again, so no partial secret
    /// is left behind.
    /// - Parameters:
    ///   - path: The file to create.
    ///   - contents: The bytes to write.
    /// - Throws: ``CommandFailure`` with ``ExitStatus/ioError`` or ``ExitStatus/permissionDenied``.
    static func create(at path: String, contents: [UInt8]) throws(CommandFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case EEXIST:
                throw CommandFailure(.ioError, "\(path) already exists; refusing to overwrite it")
            case EACCES, EPERM:
                throw CommandFailure(.permissionDenied, "permission denied creating \(path)")
            default:
                throw CommandFailure(.ioError, "cannot create \(path): \(String(cString: strerror(code)))")
            }
        }
        var failure: CommandFailure?
        if let code = writeAll(contents, to: descriptor) {
            failure = CommandFailure(.ioError, "cannot write \(path): \(String(cString: strerror(code)))")
        }
        if failure == nil && fsync(descriptor) != 0 {
            failure = CommandFailure(.ioError, "cannot flush \(path): \(String(cString: strerror(errno)))")
        }
        if close(descriptor) != 0 && failure == nil {
            failure = CommandFailure(.ioError, "cannot close \(path): \(String(cString: strerror(errno)))")
        }
        if let failure {
            unlink(path)
            throw failure
        }
    }
}
