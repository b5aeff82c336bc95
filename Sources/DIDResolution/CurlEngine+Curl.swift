// swift-did: decentralized identity for Swift. Apache-2.0.

import CCurl
import DIDMethodWeb
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcurl's multi interface driven by one background thread. Callers hand over ``Transfer``s and await them;
/// the thread adds them to the multi handle, runs `curl_multi_perform`/`curl_multi_poll`, and resumes each caller
/// when its transfer is done. Connections stay in the multi handle's pool and are reused.
///
/// Thread safety (why `@unchecked Sendable` holds): `state` is a `Mutex`; `multi` is used by the engine thread
/// only, except `curl_multi_wakeup`, which libcurl documents as callable from any thread; `active` and every
/// transfer's easy handle and buffers are touched by the engine thread only (the libcurl callbacks run on it).
final class CurlEngine: @unchecked Sendable {
    /// One GET to run.
    struct Request: Sendable {
        var url: String
        var host: String
        var port: Int
        var addresses: [NetworkAddress]
        var headers: [DIDWebHeader]
        var configuration: HTTPSFetcher.Configuration
        var timeout: Duration
    }

    private struct State {
        var pending: [Transfer] = []
        var cancelled: [Transfer] = []
        var shuttingDown = false
        var statistics = HTTPSFetcher.Statistics(transfers: 0, connectionsOpened: 0)
    }

    private static let globalInit: CURLcode = ccurl_global_init()

    private let multi: UnsafeMutableRawPointer
    private let state = Mutex(State())
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]

    init() {
        precondition(Self.globalInit == CURLE_OK, "curl_global_init failed")
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed (out of memory)") }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = "swift-did.curl"
        thread.start()
    }

    var statistics: HTTPSFetcher.Statistics { state.withLock { $0.statistics } }

    /// Stops the thread; transfers still running finish as cancelled.
    func shutdown() {
        state.withLock { $0.shuttingDown = true }
        curl_multi_wakeup(multi)
    }

    /// Runs one request on the engine thread; cancelling the calling task aborts the transfer.
    func perform(_ request: Request) async throws(DIDWebFetchError) -> DIDWebResponse {
        let transfer = Transfer(request)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                state.withLock {
                    $0.pending.append(transfer)
                    $0.statistics.transfers += 1
                }
                curl_multi_wakeup(multi)
            }
        } onCancel: {
            state.withLock {
                transfer.cancelRequested = true
                $0.cancelled.append(transfer)
            }
            curl_multi_wakeup(multi)
        }
        return try result.get()
    }

    // MARK: The engine thread

    private func run() {
        while true {
            let (started, cancelled, stop) = state.withLock { state in
                let work = (
                    state.pending.map { ($0, $0.cancelRequested) }, state.cancelled, state.shuttingDown
                )
                state.pending = []
                state.cancelled = []
                return work
            }
            for (transfer, isCancelled) in started {
                if isCancelled || stop {
                    finish(transfer, .failure(DIDWebFetchError(.cancelled, "the request was cancelled")))
                } else {
                    start(transfer)
                }
            }
            for transfer in cancelled where !transfer.finished {
                finish(transfer, .failure(DIDWebFetchError(.cancelled, "the request was cancelled")))
            }
            if stop {
                for transfer in Array(active.values) {
                    finish(transfer, .failure(DIDWebFetchError(.cancelled, "the fetcher shut down")))
                }
                break
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = ccurl_message_result(message)
                if let transfer = active[easy] { complete(transfer, easy: easy, code: code) }
            }
            var descriptors: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &descriptors)
        }
        curl_multi_cleanup(multi)
    }

    private func start(_ transfer: Transfer) {
        guard let easy = curl_easy_init() else {
            finish(transfer, .failure(DIDWebFetchError(.transportFailure, "curl_easy_init failed")))
            return
        }
        transfer.easy = easy
        let request = transfer.request
        let configuration = request.configuration
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        var ok = true
        func set(_ option: CURLoption, _ value: Int) { ok = ok && ccurl_setopt_long(easy, option, value) == CURLE_OK }
        func set(_ option: CURLoption, _ value: String) {
            ok = ok && ccurl_setopt_string(easy, option, value) == CURLE_OK
        }
        set(CURLOPT_URL, request.url)
        set(CURLOPT_PROTOCOLS_STR, "https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "https")
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        set(CURLOPT_SSLVERSION, ccurl_tls_v1_2)
        if let caFile = configuration.caFile { set(CURLOPT_CAINFO, caFile) }
        set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        set(CURLOPT_TIMEOUT_MS, max(1, Self.milliseconds(request.timeout)))
        set(CURLOPT_USERAGENT, configuration.userAgent)
        set(CURLOPT_NETRC, 0)
        set(CURLOPT_AUTOREFERER, 0)
        ok =
            ok
            && ccurl_setopt_offset(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maximumBodySize))
                == CURLE_OK
        var headerList: UnsafeMutablePointer<curl_slist>?
        let defaultAccept = "Accept: application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8"
        let hasAccept = request.headers.contains { $0.name.lowercased() == "accept" }
        let headerLines =
            (hasAccept ? [] : [defaultAccept]) + request.headers.map { "\($0.name): \($0.value)" }
        for line in headerLines { headerList = curl_slist_append(headerList, line) }
        transfer.headerList = headerList
        ok = ok && ccurl_setopt_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)) == CURLE_OK
        // Pin the name to the addresses that were checked: libcurl does no lookup of its own.
        let pinned = request.addresses.map { $0.isIPv6 ? "[\($0)]" : "\($0)" }.joined(separator: ",")
        transfer.resolveList = curl_slist_append(nil, "\(request.host):\(request.port):\(pinned)")
        ok =
            ok && ccurl_setopt_pointer(easy, CURLOPT_RESOLVE, UnsafeMutableRawPointer(transfer.resolveList)) == CURLE_OK
        ok = ok && ccurl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer) == CURLE_OK
        ok = ok && ccurl_setopt_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteBody) == CURLE_OK
        ok = ok && ccurl_setopt_pointer(easy, CURLOPT_WRITEDATA, context) == CURLE_OK
        ok = ok && ccurl_setopt_callback(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader) == CURLE_OK
        ok = ok && ccurl_setopt_pointer(easy, CURLOPT_HEADERDATA, context) == CURLE_OK
        guard ok else {
            finish(transfer, .failure(DIDWebFetchError(.transportFailure, "libcurl refused an option")))
            return
        }
        guard curl_multi_add_handle(multi, easy) == CURLM_OK else {
            finish(transfer, .failure(DIDWebFetchError(.transportFailure, "curl_multi_add_handle failed")))
            return
        }
        transfer.added = true
        active[easy] = transfer
    }

    private func complete(_ transfer: Transfer, easy: UnsafeMutableRawPointer, code: CURLcode) {
        var connects = 0
        _ = ccurl_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        state.withLock { $0.statistics.connectionsOpened += connects }
        guard code == CURLE_OK else {
            finish(transfer, .failure(transfer.error(for: code)))
            return
        }
        var status = 0
        _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var ip: UnsafeMutablePointer<CChar>?
        _ = ccurl_getinfo_string(easy, CURLINFO_PRIMARY_IP, &ip)
        let connected = ip.flatMap { NetworkAddress(String(cString: $0)) }
        guard let connected, transfer.request.addresses.contains(connected) else {
            let text = ip.map { String(cString: $0) } ?? "an unknown address"
            finish(
                transfer,
                .failure(
                    DIDWebFetchError(.refusedAddress, "connected to \(text), which is not an address that was checked")
                )
            )
            return
        }
        finish(transfer, .success(DIDWebResponse(status: status, headers: transfer.headers, body: transfer.body)))
    }

    private func finish(_ transfer: Transfer, _ result: Result<DIDWebResponse, DIDWebFetchError>) {
        guard !transfer.finished else { return }
        transfer.finished = true
        if let easy = transfer.easy {
            if transfer.added { curl_multi_remove_handle(multi, easy) }
            active[easy] = nil
            curl_easy_cleanup(easy)
            transfer.easy = nil
        }
        transfer.release()
        transfer.continuation?.resume(returning: result)
        transfer.continuation = nil
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    // MARK: Name lookup

    /// Resolves a host name once with `getaddrinfo` (off the cooperative pool), keeping every distinct address.
    static func lookUp(host: String, port: Int) async throws(DIDWebFetchError) -> [NetworkAddress] {
        let result: Result<[NetworkAddress], DIDWebFetchError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: lookUpBlocking(host: host, port: port)) }
        }
        return try result.get()
    }

    private static func lookUpBlocking(host: String, port: Int) -> Result<[NetworkAddress], DIDWebFetchError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            return .failure(
                DIDWebFetchError(.dnsFailure, "\(host) did not resolve: \(String(cString: gai_strerror(status)))")
            )
        }
        defer { freeaddrinfo(list) }
        var addresses: [NetworkAddress] = []
        var entry = list
        while let current = entry {
            var bytes: [UInt8] = []
            if current.pointee.ai_family == AF_INET, let raw = current.pointee.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { socket in
                    withUnsafeBytes(of: socket.pointee.sin_addr) { bytes = Array($0) }
                }
            } else if current.pointee.ai_family == AF_INET6, let raw = current.pointee.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { socket in
                    withUnsafeBytes(of: socket.pointee.sin6_addr) { bytes = Array($0) }
                }
            }
            if let address = NetworkAddress(bytes: bytes), !addresses.contains(address) { addresses.append(address) }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(DIDWebFetchError(.dnsFailure, "\(host) has no addresses")) }
        return .success(addresses)
    }
}

/// One transfer's state. `cancelRequested` is guarded by the engine's mutex; everything else is used by the engine
/// thread only, after the hand-over through the mutex (see ``CurlEngine``).
final class Transfer: @unchecked Sendable {
    let request: CurlEngine.Request
    var continuation: CheckedContinuation<Result<DIDWebResponse, DIDWebFetchError>, Never>?
    var cancelRequested = false
    var finished = false
    var added = false
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var resolveList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    var body: [UInt8] = []
    var headers: [DIDWebHeader] = []
    var bodyTooLarge = false

    init(_ request: CurlEngine.Request) {
        self.request = request
        errorBuffer.initialize(to: 0)
    }

    deinit {
        release()
        errorBuffer.deallocate()
    }

    func release() {
        curl_slist_free_all(headerList)
        headerList = nil
        curl_slist_free_all(resolveList)
        resolveList = nil
    }

    func error(for code: CURLcode) -> DIDWebFetchError {
        let detail = errorBuffer.pointee == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer)
        let url = request.url
        switch code {
        case CURLE_WRITE_ERROR where bodyTooLarge, CURLE_FILESIZE_EXCEEDED:
            return DIDWebFetchError(
                .bodyTooLarge,
                "\(url): the body exceeds the cap of \(request.configuration.maximumBodySize) bytes"
            )
        case CURLE_OPERATION_TIMEDOUT:
            return DIDWebFetchError(.timeout, "\(url): \(detail)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return DIDWebFetchError(.dnsFailure, "\(url): \(detail)")
        case CURLE_COULDNT_CONNECT:
            return DIDWebFetchError(.connectionFailed, "\(url): \(detail)")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return DIDWebFetchError(.tlsFailure, "\(url): \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return DIDWebFetchError(.invalidURL, "\(url): \(detail)")
        default:
            return DIDWebFetchError(.transportFailure, "\(url): \(detail) (curl error \(code.rawValue))")
        }
    }
}

/// `CURLOPT_WRITEFUNCTION`: appends to the body, failing the transfer past the cap.
private let curlWriteBody: ccurl_data_callback = { data, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard transfer.body.count + length <= transfer.request.configuration.maximumBodySize else {
        transfer.bodyTooLarge = true
        return 0
    }
    if let data, length > 0 {
        transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
    }
    return length
}

/// `CURLOPT_HEADERFUNCTION`: collects the header fields of the last response (a status line starts afresh).
private let curlWriteHeader: ccurl_data_callback = { data, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard let data else { return length }
    var bytes = UnsafeRawBufferPointer(start: data, count: length)[...]
    while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
    let line = String(decoding: bytes, as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        transfer.headers = []
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        transfer.headers.append(DIDWebHeader(name: name, value: value))
    }
    return length
}
