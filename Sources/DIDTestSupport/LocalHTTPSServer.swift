// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A test CA and a server certificate for `localhost`, generated with the `openssl` command line tool into a
/// fresh temporary folder the first time a test needs them (no private key is committed).
public struct WebTestCA: Sendable {
    /// The folder holding the CA and server files.
    public let folder: URL
    /// The CA certificate (PEM), for `--ca-file`.
    public var caFile: String { folder.appendingPathComponent("ca.pem").path }
    /// The server certificate (PEM).
    public var certificateFile: String { folder.appendingPathComponent("server.pem").path }
    /// The server private key (PEM).
    public var keyFile: String { folder.appendingPathComponent("server.key").path }

    /// The CA of this test process, made on first use.
    public static let shared: Result<WebTestCA, WebTestFailure> = {
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
public struct WebTestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}

/// A real HTTPS server on 127.0.0.1 (Tests/DIDResolutionTests/Support/did_web_test_server.py, python3 `http.server`
/// + `ssl`) with the test CA's `localhost` certificate, serving scripted routes. It stops itself after 120 s.
public final class LocalHTTPSServer: @unchecked Sendable {
    // Immutable after init.
    /// The port on 127.0.0.1.
    public let port: Int
    /// The CA that signed the server certificate.
    public let ca: WebTestCA
    private let process: Process

    /// One scripted answer.
    public struct Route {
        /// The status code.
        public var status = 200
        /// Header fields; `{PORT}` in a value becomes the port.
        public var headers: [String: String] = [:]
        /// The body; `{PORT}` becomes the port.
        public var body = ""
        /// Instead of `body`, this many filler bytes.
        public var size: Int?
        /// Seconds before the headers.
        public var delay: Double?
        /// Seconds between 16-byte pieces of the body.
        public var trickle: Double?
        /// Send no Content-Length (close the connection to end the body).
        public var noLength = false

        /// Creates a route.
        /// - Parameters:
        ///   - status: The status code.
        ///   - headers: Header fields.
        ///   - body: The body.
        ///   - size: Filler size instead of the body.
        ///   - delay: Seconds before the headers.
        ///   - trickle: Seconds between body pieces.
        ///   - noLength: Whether to omit Content-Length.
        public init(
            status: Int = 200,
            headers: [String: String] = [:],
            body: String = "",
            size: Int? = nil,
            delay: Double? = nil,
            trickle: Double? = nil,
            noLength: Bool = false
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.size = size
            self.delay = delay
            self.trickle = trickle
            self.noLength = noLength
        }

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

    /// Starts a server.
    /// - Parameters:
    ///   - routes: Scripted answers by request path.
    ///   - root: A folder whose files are served for paths without a route.
    /// - Throws: ``WebTestFailure`` when the CA or the server cannot be made.
    public init(routes: [String: Route], root: String? = nil) throws {
        ca = try WebTestCA.shared.get()
        let routesFile = ca.folder.appendingPathComponent("routes-\(UUID().uuidString).json")
        let routesJSON = JSONValue.object(JSONObject(routes.map { .init(key: $0.key, value: $0.value.json) }))
        try Data(try routesJSON.serialized()).write(to: routesFile)
        let script = TestVectors.repositoryRoot.appendingPathComponent(
            "Tests/DIDResolutionTests/Support/did_web_test_server.py"
        )
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", script.path, ca.certificateFile, ca.keyFile, routesFile.path] + (root.map { [$0] } ?? [])
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
    public func did(_ segments: [String] = []) -> String {
        (["did:web:localhost%3A\(port)"] + segments).joined(separator: ":")
    }

    /// Stops the server (idempotent).
    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the child may inherit a signal mask blocking SIGTERM from the thread that spawned it.
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
    }
}
