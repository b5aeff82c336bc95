// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDResolution
import DIDResolverServer
import Foundation
import Logging
import ServiceLifecycle
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 client over one keep-alive TCP connection to 127.0.0.1, sending request targets as raw bytes
/// (so invalid UTF-8 reaches the server as it is). Runs on its own thread, never on the cooperative pool.
final class RawHTTPClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    private let port: Int
    private var socket: Int32 = -1
    private var pending: [UInt8] = []

    init(port: Int) { self.port = port }

    deinit { disconnect() }

    private func connect() -> Bool {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            return false
        }
        socket = descriptor
        pending = []
        return true
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
        pending = []
    }

    /// `GET target` (raw bytes); one retry on a fresh connection when the server had closed the old one.
    func get(_ target: [UInt8]) -> Response? {
        let request = Array("GET ".utf8) + target + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        for _ in 0..<2 {
            if socket < 0, !connect() { return nil }
            if let response = exchange(request) {
                if response.headers["connection"]?.lowercased() == "close" { disconnect() }
                return response
            }
            disconnect()
        }
        return nil
    }

    private func exchange(_ request: [UInt8]) -> Response? {
        let sent = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return nil }
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = Self.find([13, 10, 13, 10], in: pending)
            if headerEnd == nil, !receive() { return nil }
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: pending[..<end], as: UTF8.self).split(separator: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        while pending.count < end + 4 + length {
            if !receive() { return nil }
        }
        let body = Array(pending[(end + 4)..<(end + 4 + length)])
        pending.removeFirst(end + 4 + length)
        return Response(status: status, headers: headers, body: body)
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        pending.append(contentsOf: chunk[..<count])
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

/// Runs `body` on a new thread (blocking I/O stays off the cooperative pool).
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// The resident set size of this process, from /proc/self/statm.
func residentBytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Starts a service on an ephemeral port, runs `body` with the port, then shuts it down gracefully.
func withRunningService(
    _ configuration: ResolverServerConfiguration,
    resolver: StandardResolver? = nil,
    _ body: @escaping @Sendable (Int, ServiceGroup) async throws -> Void
) async throws {
    let (ports, portSink) = AsyncStream<Int>.makeStream()
    let service = try buildService(
        configuration: configuration,
        resolver: resolver,
        logger: Logger(label: "test"),
        onServerRunning: { portSink.yield($0) }
    )
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(services: [service], logger: Logger(label: "test"))
    )
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(port, group)
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

@Suite("did-resolver under abuse, over a real socket", .serialized, .timeLimit(.minutes(3)))
struct ResolverAbuseTests {
    /// Bad request targets: long DIDs, invalid UTF-8 (encoded and raw), bad percent-encodings, NUL,
    /// did:web at private addresses, dot segments in `relativeRef`, broken options.
    static let badTargets: [(name: String, target: [UInt8])] = [
        ("10 KB DID", Array(("/1.0/identifiers/did:key:z" + String(repeating: "a", count: 10_240)).utf8)),
        ("7 KB DID", Array(("/1.0/identifiers/did:key:z" + String(repeating: "b", count: 7_000)).utf8)),
        ("7 KB encoded DID", Array(("/1.0/identifiers/did%3Ajwk%3A" + String(repeating: "c", count: 7_000)).utf8)),
        ("encoded invalid UTF-8", Array("/1.0/identifiers/did%3Akey%3A%FF%FE%C3".utf8)),
        ("plain invalid UTF-8", Array("/1.0/identifiers/did:key:z6Mk%C3%28".utf8)),
        ("raw invalid UTF-8", Array("/1.0/identifiers/did:key:z6Mk".utf8) + [0xFF, 0xFE, 0xC3]),
        ("raw NUL", Array("/1.0/identifiers/did:key:z6Mk".utf8) + [0x00] + Array("abc".utf8)),
        ("raw control byte", Array("/1.0/identifiers/did:key:z6Mk".utf8) + [0x01]),
        ("raw space", Array("/1.0/identifiers/did:key:z6Mk abc".utf8)),
        ("bad percent-encoding", Array("/1.0/identifiers/did:key:z6Mk%zz".utf8)),
        ("truncated percent-encoding", Array("/1.0/identifiers/did%3Akey%3Az6Mk%2".utf8)),
        ("lone percent", Array("/1.0/identifiers/did:key:%".utf8)),
        ("bad option encoding", Array("/1.0/identifiers/did%3Akey%3Az6Mk?accept=%G1".utf8)),
        ("encoded NUL", Array("/1.0/identifiers/did:key:z6Mk%00abc".utf8)),
        ("encoded NUL, URL-encoded form", Array("/1.0/identifiers/did%3Akey%3A%00".utf8)),
        ("NUL in an option", Array("/1.0/identifiers/did%3Akey%3Az6Mk?accept=a%00b".utf8)),
        ("did:web at loopback", Array("/1.0/identifiers/did:web:localhost".utf8)),
        ("did:web at loopback with a port and path", Array("/1.0/identifiers/did:web:localhost%3A8443:u:alice".utf8)),
        ("did:web at an IP literal", Array("/1.0/identifiers/did:web:169.254.169.254".utf8)),
        ("relativeRef traversal", Array("/1.0/identifiers/did:srvtest:ok?service=files&relativeRef=/../../etc".utf8)),
        (
            "encoded relativeRef traversal",
            Array("/1.0/identifiers/did:srvtest:ok?service=files&relativeRef=%2F%2E%2E%2Fx".utf8)
        ),
        ("broken JSON options", Array("/1.0/identifiers/did%3Akey%3Az6Mk?%7B%22accept%22%3A".utf8)),
    ]

    /// Checks one answer: a 4xx with an RFC 9457 problem body whose `status` matches.
    static func problemFailure(_ response: RawHTTPClient.Response?) -> String? {
        guard let response else { return "no response" }
        guard (400..<500).contains(response.status) else { return "status \(response.status)" }
        guard response.headers["content-type"] == "application/problem+json" else {
            return "content type \(response.headers["content-type"] ?? "none")"
        }
        guard case .object(let problem) = try? JSONValue(parsing: response.body),
            problem["status"]?.numberValue == Double(response.status), problem["type"]?.stringValue != nil
        else { return "not a problem body: \(String(decoding: response.body.prefix(200), as: UTF8.self))" }
        return nil
    }

    @Test("Every bad input gets a 4xx problem body")
    func everyBadInputIsAProblem() async throws {
        var configuration = ResolverServerConfiguration(port: 0)
        configuration.rateLimitPerSecond = 0
        configuration.shutdownDrain = .zero
        try await withRunningService(configuration, resolver: serverTestResolver()) { port, _ in
            let failures = await onThread { () -> [String] in
                let client = RawHTTPClient(port: port)
                return Self.badTargets.compactMap { name, target in
                    Self.problemFailure(client.get(target)).map { "\(name): \($0)" }
                }
            }
            #expect(failures.isEmpty, "\(failures)")
        }
    }

    @Test("20,000 bad requests: every one a 4xx problem, the resident set grows by less than 16 MiB")
    func noLeak() async throws {
        var configuration = ResolverServerConfiguration(port: 0)
        configuration.rateLimitPerSecond = 0
        configuration.shutdownDrain = .zero
        try await withRunningService(configuration, resolver: serverTestResolver()) { port, _ in
            let targets = Self.badTargets.map(\.target)
            let run = { @Sendable (count: Int) async -> (failures: Int, example: String?) in
                await onThread {
                    let client = RawHTTPClient(port: port)
                    var failures = 0
                    var example: String?
                    for index in 0..<count {
                        if let failure = Self.problemFailure(client.get(targets[index % targets.count])) {
                            failures += 1
                            example = example ?? failure
                        }
                    }
                    return (failures, example)
                }
            }
            // Warm-up: caches, buffers and allocator pools reach their working size first.
            let warmUp = await run(2_000)
            #expect(warmUp.failures == 0, "\(warmUp.example ?? "")")
            let before = try #require(residentBytes())
            let measured = await run(20_000)
            let after = try #require(residentBytes())
            #expect(measured.failures == 0, "\(measured.example ?? "")")
            let growth = after - before
            print(
                "RSS before \(before / 1024) KiB, after 20,000 bad requests \(after / 1024) KiB, growth \(growth / 1024) KiB"
            )
            #expect(growth < 16 << 20)
            // Bounded label cardinality: after 22,000 bad requests the exposition is small and names no DID.
            let metrics = try await serverTestCurl(["http://127.0.0.1:\(port)/metrics"])
            #expect(metrics.status == 200)
            #expect(metrics.body.utf8.count < 64 << 10)
            #expect(!metrics.body.contains("did:"))
        }
    }
}
