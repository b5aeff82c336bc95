// swift-did: decentralized identity for Swift. Apache-2.0.

import Foundation
import Testing

/// The built `did-resolver` executable: options from the environment, serving, and SIGTERM.
@Suite("did-resolver executable", .serialized, .timeLimit(.minutes(1)))
struct ResolverBinaryTests {
    /// The executable next to the test bundle, else in the package's `.build/debug`.
    static func binary() -> URL? {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            let testExecutable = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            candidates.append(testExecutable.deletingLastPathComponent().appendingPathComponent("did-resolver"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/did-resolver"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(
        "SIGTERM and SIGINT stop the service gracefully (/ready 503 while draining, exit 0); DID_RESOLVER_PORT sets the port",
        arguments: [SIGTERM, SIGINT]
    )
    func signal(_ signal: Int32) async throws {
        let binary = try #require(Self.binary(), "build did-resolver first (swift build --build-tests)")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--log-level", "warning"]
        var environment = ProcessInfo.processInfo.environment
        environment["DID_RESOLVER_PORT"] = "0"
        // A drain long enough that /ready is asked while it lasts even on a loaded machine.
        environment["DID_RESOLVER_SHUTDOWN_DRAIN"] = "6"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // First line: "did-resolver listening on http://127.0.0.1:PORT".
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let port = try #require(
            text.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        )
        #expect(text.hasPrefix("did-resolver listening on http://127.0.0.1:"))
        let response = try await serverTestCurl([
            "-H", "Accept: application/did+json", "http://127.0.0.1:\(port)/1.0/identifiers/" + serverTestKeyDID,
        ])
        #expect(response.status == 200)
        kill(process.processIdentifier, signal)
        // The drain (DID_RESOLVER_SHUTDOWN_DRAIN) keeps serving, with /ready at 503.
        // The signal handler runs asynchronously: ask until /ready turns (at most 3 s), well inside the drain.
        var ready = try await serverTestCurl(["http://127.0.0.1:\(port)/ready"])
        for _ in 0..<30 where ready.status == 200 {
            try await Task.sleep(for: .milliseconds(100))
            ready = try await serverTestCurl(["http://127.0.0.1:\(port)/ready"])
        }
        #expect(ready.status == 503)
        #expect(ready.headers["content-type"] == "application/problem+json")
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        if !process.isRunning { #expect(process.terminationStatus == 0) }
    }
}
