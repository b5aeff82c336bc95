// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCommands
import DIDCore
import DIDCrypto
import Foundation
import Testing

/// An error of any category, to check that every ``CategorizedError`` leaves the CLI with its category's status.
private struct AnyCategoryError: CategorizedError {
    struct Code: CategorizedErrorCode {
        let category: ErrorCategory
        var description: String { category.rawValue }
    }

    let code: Code
    let reason: String
    let location = ErrorLocation()
}

/// The CLI's one error → exit status table (``DIDCommands/ExitStatus/init(_:)``) and its use for every library error.
@Suite("Exit status per error category")
struct ExitStatusTableTests {
    static let table: [(ErrorCategory, Int32)] = [
        (.malformedInput, 65), (.rejected, 1), (.notFound, 1), (.unsupported, 1), (.refusedByPolicy, 77),
        (.permissionDenied, 77), (.conflict, 73), (.io, 74), (.network, 74), (.overloaded, 75),
        (.internalFailure, 70),
    ]

    @Test("the table names every category once")
    func tableIsComplete() {
        #expect(Self.table.map(\.0) == ErrorCategory.allCases)
    }

    @Test("each category has its sysexits status", arguments: table)
    func status(category: ErrorCategory, status: Int32) {
        #expect(DIDCommands.ExitStatus(category).rawValue == status)
        let failure = CommandFailure(AnyCategoryError(code: .init(category: category), reason: "what went wrong"))
        #expect(failure.status.rawValue == status)
        #expect(failure.message == "what went wrong")
    }

    /// Errors of the libraries below the CLI, one per code where the codes can be listed.
    static let libraryErrors: [any CategorizedError] =
        ResolutionError.Code.allCases.map { ResolutionError($0, "detail") }
        + [ResolutionError.Cause.networkFailure, .refusedAddress, .overloaded].map {
            ResolutionError(.internalError, "fetch failed", cause: $0)
        }
        + [
            DIDError(.invalidDID, "x"), DIDError(.invalidJSON, "x"), DIDError(.unsupportedMulticodec, "x"),
            DIDError(.invalidDocument, "x"), DIDCryptoError(.invalidKeyLength, "x"), DIDCryptoError(.invalidJWS, "x"),
            DIDCryptoError(.unsupportedKeyType, "x"), DIDCryptoError(.internalFailure, "x"),
        ]

    @Test("property: any library error exits with its category's status and a message without source location")
    func libraryErrorsExitByCategory() {
        for error in Self.libraryErrors {
            let failure = CommandFailure(error)
            #expect(failure.status == DIDCommands.ExitStatus(error.category), "\(error)")
            #expect(!failure.message.contains(".swift"), "\(failure.message)")
        }
    }

    @Test("a malformed DID exits 65 and a DID whose method has no driver exits 1, each named by its keyword")
    func resolutionRule() {
        let malformed = CommandFailure(ResolutionError(.invalidDid, "'@' is not allowed"))
        #expect(malformed.status == .malformedInput)
        #expect(malformed.message == "invalidDid: '@' is not allowed")
        #expect(CommandFailure(ResolutionError(.methodNotSupported, "no driver")).status == .negative)
        #expect(CommandFailure(ResolutionError(.internalError, "down", cause: .networkFailure)).status == .ioError)
    }

    @Test(
        "Foundation's file-access errors: permission 77, an existing file 73, a missing file or other I/O 74",
        arguments: [
            (CocoaError(.fileReadNoPermission), DIDCommands.ExitStatus.permissionDenied),
            (CocoaError(.fileWriteNoPermission), .permissionDenied),
            (CocoaError(.fileWriteFileExists), .cannotCreate), (CocoaError(.fileReadNoSuchFile), .ioError),
            (CocoaError(.fileWriteOutOfSpace), .ioError),
        ]
    )
    func cocoaErrors(error: CocoaError, status: DIDCommands.ExitStatus) {
        #expect(CommandFailure(error).status == status)
    }

    @Test(
        "POSIX errors: EACCES and EPERM 77, EEXIST 73, others 74",
        arguments: [
            (POSIXError(.EACCES), DIDCommands.ExitStatus.permissionDenied), (POSIXError(.EPERM), .permissionDenied),
            (POSIXError(.EEXIST), .cannotCreate), (POSIXError(.ENOSPC), .ioError), (POSIXError(.EIO), .ioError),
        ]
    )
    func posixErrors(error: POSIXError, status: DIDCommands.ExitStatus) {
        #expect(CommandFailure(error).status == status)
    }
}
