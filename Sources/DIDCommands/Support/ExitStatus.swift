// swift-did: decentralized identity for Swift. Apache-2.0.

public import ArgumentParser
public import DIDCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit codes of every `did` command: the BSD `sysexits.h` values, plus 1 for a negative answer and 2 for an
/// incomplete bundle verification.
///
/// A library error leaves the command with the status of its ``DIDCore/ErrorCategory``, decided once here
/// (``init(_:)``):
///
/// | category | status |
/// | --- | --- |
/// | malformed input | 65 `EX_DATAERR` |
/// | rejected, not found, unsupported | 1 (a negative answer) |
/// | permission denied, refused by policy | 77 `EX_NOPERM` |
/// | conflict | 73 `EX_CANTCREAT` |
/// | I/O, network | 74 `EX_IOERR` |
/// | overloaded | 75 `EX_TEMPFAIL` |
/// | internal failure | 70 `EX_SOFTWARE` |
///
/// The rule for every command that reads input (a DID, a document, a credential, a presentation, a bundle, a key
/// file): input that is not parseable as the thing asked for exits 65; a well-formed object that fails a rule or
/// a signature exits 1. A wrong command line exits 64 before any input is read.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Success.
    case success = 0
    /// A negative answer: a resolution error, an invalid signature, a credential that does not verify.
    case negative = 1
    /// A verification that could not be finished: nothing failed, but a mandatory check was not made (the
    /// audience of a bundle with a domain when none was given) — `did migrate verify`'s `incomplete` outcome (IMB v0.1 §14.1).
    case incomplete = 2
    /// The command line is wrong (`EX_USAGE`).
    case usage = 64
    /// The input data is malformed (`EX_DATAERR`).
    case malformedInput = 65
    /// An internal error (`EX_SOFTWARE`).
    case internalError = 70
    /// What was to be created already exists (`EX_CANTCREAT`).
    case cannotCreate = 73
    /// An I/O or network error (`EX_IOERR`).
    case ioError = 74
    /// A temporary failure: try again later (`EX_TEMPFAIL`).
    case temporaryFailure = 75
    /// A wrong passphrase, a permission problem or a refusal by policy (`EX_NOPERM`).
    case permissionDenied = 77

    /// The status of a failure of `category` (the table above).
    /// - Parameter category: The kind of failure.
    public init(_ category: ErrorCategory) {
        self =
            switch category {
            case .malformedInput: .malformedInput
            case .rejected, .notFound, .unsupported: .negative
            case .permissionDenied, .refusedByPolicy: .permissionDenied
            case .conflict: .cannotCreate
            case .io, .network: .ioError
            case .overloaded: .temporaryFailure
            case .internalFailure: .internalError
            }
    }

    /// The ArgumentParser exit code for this status.
    public var exitCode: ExitCode { ExitCode(rawValue) }
}

/// A failure a command reports to the user: one line on stderr and an exit status.
///
/// Library errors are turned into this by ``CommandFailure/init(_:)`` so that no Swift source location or debug
/// dump ever reaches the user.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// The exit status.
    public let status: ExitStatus
    /// The one-line message, without the `error: ` prefix.
    public let message: String

    /// Creates a failure with an explicit status and message.
    /// - Parameters:
    ///   - status: The exit status.
    ///   - message: One line for stderr.
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Classifies any error thrown by the libraries or the system: the status of its category (``ExitStatus``'s
    /// table) and its description, which never holds a source location. A resolution error is named by its DID
    /// Core 1.0 keyword; a file-access error of Foundation gets its category from ``FileAccessFailure``.
    /// - Parameter error: The error to classify.
    public init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as ResolutionError:
            self.init(ExitStatus(error.category), "\(error.code.legacyKeyword): \(error.reason)")
        case let error as any CategorizedError:
            self.init(ExitStatus(error.category), error.description)
        case let error as CocoaError:
            let failure = FileAccessFailure(error)
            self.init(ExitStatus(failure.category), failure.message)
        case let error as POSIXError:
            let failure = FileAccessFailure(error)
            self.init(ExitStatus(failure.category), failure.message)
        default:
            self.init(.internalError, "internal error: \(type(of: error))")
        }
    }

    /// `error: <message>`, always one line: control characters in the message (a newline in a file name, say) are
    /// written as `\u{…}` escapes.
    public var description: String {
        var line = "error: "
        for scalar in message.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                line += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                line.unicodeScalars.append(scalar)
            }
        }
        return line
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, printing any failure as one `error:` line on stderr and exiting with its ``ExitStatus``.
    /// - Parameter body: The command's work.
    /// - Throws: An `ExitCode` for ArgumentParser to exit with.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let failure = CommandFailure(error)
            StandardError.write(failure.description)
            throw failure.status.exitCode
        }
    }
}

/// Writes lines to the standard error stream.
enum StandardError {
    /// Writes one line. A failure is ignored: there is nowhere left to report it, and the exit status still tells.
    static func write(_ line: String) {
        _ = writeAll(Array((line + "\n").utf8), to: STDERR_FILENO)
    }
}

/// Writes JSON and text to the standard output stream.
enum StandardOutput {
    /// Writes `value` as pretty JSON followed by a newline.
    /// - Throws: ``CommandFailure`` with ``ExitStatus/ioError`` when stdout cannot be written (disk full, closed).
    static func write(json value: JSONValue) throws {
        var bytes = try value.serialized(.pretty)
        bytes.append(UInt8(ascii: "\n"))
        try write(bytes: bytes)
    }

    /// Writes one line.
    /// - Throws: ``CommandFailure`` with ``ExitStatus/ioError`` when stdout cannot be written.
    static func write(line: String) throws(CommandFailure) {
        try write(bytes: Array((line + "\n").utf8))
    }

    private static func write(bytes: [UInt8]) throws(CommandFailure) {
        if let code = writeAll(bytes, to: STDOUT_FILENO) {
            throw CommandFailure(.ioError, "cannot write to standard output: \(String(cString: strerror(code)))")
        }
    }
}

/// Writes all of `bytes` to `descriptor`, continuing after short writes and interrupts.
/// - Returns: `nil` on success, else the `errno` of the write that failed.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
