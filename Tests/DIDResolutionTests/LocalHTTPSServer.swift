// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A test CA and a server certificate for `localhost`, generated with the `openssl` command line tool into a
/// fresh temporary folder the first time a test needs them (no private key is committed).
struct WebTestCA: Sendable {
    let folder: URL
    var caFile: String { folder.appendingPathComponent("ca.pem").path }
    var certificateFile: String { folder.appendingPathComponent("server.pem").path }
    var keyFile: String { folder.appendingPathComponent("server.key").path }

    static let shared: Result<WebTestCA, WebTestFailure> = {
        do { return .success(try make()) } catch let error as WebTestFailure { return .failure(error) } catch {
            return .failure(WebTestFailure(description: "\(error)"))
        }
    }()

    private static func make() throws -> WebTestCA {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swift-did-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "subjectAltName=DNS:localhost\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n".write(
            to: folder.appendingPathComponent("server.ext"),
            atomically: true,
            encoding: .utf8
        )
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run(
            ["req", "-x509"] + curve + [
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=swift-did test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            in: folder
        )
        try run(
            ["req"] + curve + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
            in: folder
        )
        try run(
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
            ],
            in: folder
        )
        return WebTestCA(folder: folder)
    }

    private static func run(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw WebTestFailure(description: "openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(text)")
        }
    }
}

/// A failure of the test harness itself (not of the code under test).
struct WebTestFailure: Error, CustomStringConvertible {
    let description: String
}

/// A real HTTPS server on 127.0.0.1 (Tests/DIDResolutionTests/Support/did_web_test_server.py, python3 `http.server`
/// + `ssl`) with the test CA's `localhost` certificate, serving scripted routes. It stops itself after 120 s.
final class LocalHTTPSServer: @unchecked Sendable {
    // Immutable after init.
    let port: Int
    let ca: WebTestCA
    private let process: Process

    /// One scripted answer.
    struct Route {
        var status = 200
        var headers: [String: String] = [:]
        var body = ""
        var size: Int?
        var delay: Double?
        var trickle: Double?
        var noLength = false

        var json: JSONValue {
            var object: JSONObject = [
                "status": .number(Double(status)),
                "headers": .object(
                    JSONObject(headers.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .string($0.value)) })
                ),
                "body": .string(body),
                "noLength": .bool(noLength),
            ]
            if let size { object["size"] = .number(Double(size)) }
            if let delay { object["delay"] = .number(delay) }
            if let trickle { object["trickle"] = .number(trickle) }
            return .object(object)
        }
    }

    init(routes: [String: Route]) throws {
        ca = try WebTestCA.shared.get()
        let routesFile = ca.folder.appendingPathComponent("routes-\(UUID().uuidString).json")
        let routesJSON = JSONValue.object(JSONObject(routes.map { .init(key: $0.key, value: $0.value.json) }))
        try Data(try routesJSON.serialized()).write(to: routesFile)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Support/did_web_test_server.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, ca.certificateFile, ca.keyFile, routesFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the port; give the server 10 s to start.
        var line = Data()
        let deadline = Date().addingTimeInterval(10)
        let handle = output.fileHandleForReading
        while !line.contains(0x0A) && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8),
            let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw WebTestFailure(description: "the test HTTPS server did not start (python3 missing?)")
        }
        self.port = port
    }

    deinit { stop() }

    /// The did:web DID of a path on this server (`[]` → the `.well-known` document).
    func did(_ segments: [String] = []) -> String {
        (["did:web:localhost%3A\(port)"] + segments).joined(separator: ":")
    }

    /// Stops the server (idempotent).
    func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the child may inherit a signal mask blocking SIGTERM from the thread that spawned it.
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
    }
}
