// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDMigration
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DIDCommand {
    /// `did migrate`: export, verify, inspect and convert Identity Migration Bundles (Specs/migration/format.md).
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Export, verify and inspect Identity Migration Bundles (account migration, IMB v0.1).",
            discussion: """
                A bundle is a folder with a signed bundle.json and JSON Lines pages (Specs/migration/format.md). \
                `verify` exits 0 only when every mandatory check passes, 1 when the bundle is rejected and 2 when \
                a mandatory check could not be made (incomplete).
                """,
            subcommands: [Export.self, Verify.self, Inspect.self, ToMastodon.self]
        )
    }
}

/// Opens `PATH` (the bundle folder or its `bundle.json`) as a bundle directory.
/// - Throws: ``CommandFailure`` 74 when nothing is there or the folder has no `bundle.json`.
func openBundle(_ path: String) throws -> BundleDirectory {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        throw CommandFailure(.ioError, "no bundle at \(path)")
    }
    if isDirectory.boolValue, !FileManager.default.fileExists(atPath: url.appendingPathComponent("bundle.json").path) {
        throw CommandFailure(.ioError, "\(path) has no bundle.json")
    }
    do {
        return try BundleDirectory(at: url)
    } catch {
        throw CommandFailure(.ioError, error.description)
    }
}

/// Creates `directory` atomically: `fill` writes into a hidden staging sibling, which is renamed to `directory` only
/// when `fill` returns; on any failure the staging folder is removed and `directory` never appears.
/// - Throws: ``CommandFailure`` 74 when `directory` exists or cannot be created, or what `fill` throws.
func writeAtomically<T>(_ directory: URL, _ fill: (URL) async throws -> T) async throws -> T {
    let fileManager = FileManager.default
    guard !fileManager.fileExists(atPath: directory.path) else {
        throw CommandFailure(.ioError, "\(directory.path) already exists")
    }
    let staging = directory.deletingLastPathComponent()
        .appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString.lowercased())")
    do {
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
        throw CommandFailure(.ioError, "cannot create \(staging.path)")
    }
    defer { try? fileManager.removeItem(at: staging) }
    let result = try await fill(staging)
    do {
        try fileManager.moveItem(at: staging, to: directory)
    } catch {
        throw CommandFailure(.ioError, "cannot move the output into \(directory.path)")
    }
    return result
}

/// While alive, SIGINT and SIGTERM remove the hidden working folders of an output folder (`.NAME.work-…` sort runs,
/// `.NAME.partial-…` staging) before the process exits with 130 or 143, so an interrupted export leaves nothing
/// behind. The output folder itself only ever appears complete (it is renamed into place).
final class InterruptCleanup {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers for `output`.
    init(output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).work-", ".\(output.lastPathComponent).partial-"]
        var sources: [any DispatchSourceSignal] = []
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
                for name in names where prefixes.contains(where: { name.hasPrefix($0) }) {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
                }
                exit(status)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Restores the default handlers.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
