// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// A Foundation file-access error (`CocoaError` or `POSIXError`, reading or writing a file the user named)
/// classified once: its ``DIDCore/ErrorCategory`` and a one-line message.
struct FileAccessFailure {
    /// Permission denied for the `…NoPermission` codes, conflict when the file exists, I/O for the rest (no such
    /// file, a full disk, an I/O error).
    let category: ErrorCategory
    /// One line with the path, when Foundation gave it.
    let message: String

    /// Classifies a file-access error.
    /// - Parameter error: The error Foundation threw.
    init(_ error: CocoaError) {
        let path = (error.userInfo[NSFilePathErrorKey] as? String).map { " (\($0))" } ?? ""
        switch error.code {
        case .fileReadNoPermission, .fileWriteNoPermission:
            category = .permissionDenied
            message = "permission denied\(path)"
        case .fileReadNoSuchFile, .fileNoSuchFile:
            category = .io
            message = "no such file\(path)"
        case .fileWriteFileExists:
            category = .conflict
            message = "the file exists\(path)"
        default:
            category = .io
            message = "I/O error\(path): \(error.localizedDescription)"
        }
    }

    /// Classifies a system call's error: permission denied for `EACCES` and `EPERM`, conflict for `EEXIST`, I/O for
    /// the rest.
    /// - Parameter error: The error Foundation threw.
    init(_ error: POSIXError) {
        switch error.code {
        case .EACCES, .EPERM: category = .permissionDenied
        case .EEXIST: category = .conflict
        default: category = .io
        }
        message = String(cString: strerror(error.code.rawValue))
    }
}
