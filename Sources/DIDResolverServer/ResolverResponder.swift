// swift-did: decentralized identity for Swift. Apache-2.0.
//
// Longer than the ~400 lines a file is kept to, on purpose: this hand-written responder is one routing `switch`
// whose routes share the limits, the negotiation and the cache headers, and it is to be replaced by Hummingbird's
// router (one handler per route). Splitting it before then would spread one dispatch over several files only for
// that replacement to redo it; the pieces that stand alone (`ResumeOnce`, `ResolverETag`) are in their own files.

import DIDCore
public import DIDResolution
import HTTPTypes
public import Hummingbird
import NIOCore
import NIOPosix

/// The service's request handler: limits, routing, content negotiation and the error → status mapping of
/// `Specs/resolver.md` §1 and §4 (DIF Universal Resolver API).
public struct ResolverResponder: HTTPResponder {
    /// The request context.
    public typealias Context = ResolverRequestContext

    let configuration: ResolverServerConfiguration
    let resolver: StandardResolver
    let rateLimiter: ResolverRateLimiter
    let concurrency: ResolverConcurrencyLimiter
    let metrics: ResolverMetrics
    let readiness: ResolverReadiness
    /// Rendered bodies of earlier answers (pure ones served without resolving; did:web ones while the document is
    /// unchanged).
    let rendered: RenderedResponseCache
    /// The bound on origin fetches in front of `resolver`'s did:web fetcher, when there is one.
    var originGate: OriginFetchGate?

    /// Creates the responder.
    /// - Parameters:
    ///   - configuration: Limits and cache-header settings.
    ///   - resolver: The resolver behind the service.
    ///   - metrics: Where requests and cache outcomes are counted (and what `/metrics` shows).
    ///   - readiness: What `/ready` reports.
    ///   - now: Monotonic seconds for the rate limiter (tests inject their own).
    public init(
        configuration: ResolverServerConfiguration,
        resolver: StandardResolver,
        metrics: ResolverMetrics = ResolverMetrics(),
        readiness: ResolverReadiness = ResolverReadiness(),
        now: @escaping @Sendable () -> Double = ResolverResponder.monotonicSeconds
    ) {
        self.configuration = configuration
        self.resolver = resolver
        self.metrics = metrics
        self.readiness = readiness
        self.rateLimiter = ResolverRateLimiter(
            burst: configuration.rateLimitBurst,
            perSecond: configuration.rateLimitPerSecond,
            now: now
        )
        self.concurrency = ResolverConcurrencyLimiter(limit: configuration.maximumConcurrentResolutions)
        self.rendered = RenderedResponseCache(
            maximumEntries: configuration.renderedResponseCacheEntries,
            maximumBytes: configuration.renderedResponseCacheBytes
        )
    }

    /// Seconds on a monotonic clock.
    @Sendable public static func monotonicSeconds() -> Double {
        let elapsed = ContinuousClock.now - Self.start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let start = ContinuousClock.now

    /// Answers one request and counts it (route template, method, status, latency); never throws (every failure
    /// is a problem response).
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The request context.
    /// - Returns: The response.
    public func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let response = await answer(request, context: context)
        metrics.request(
            route: Self.route(request.uri.path),
            method: ResolverMetrics.methodLabel(request.method.rawValue),
            status: response.status.code,
            duration: ContinuousClock.now - start
        )
        return response
    }

    /// The route template of a path, the `route` label of the request metrics (never a DID: bounded cardinality).
    static func route(_ path: String) -> String {
        switch path {
        case "/health", "/ready", "/metrics", "/1.0/methods", "/1.0/traits", "/1.0/testIdentifiers",
            "/1.0/properties":
            path
        default:
            path.hasPrefix(IdentifierRequest.prefix) ? IdentifierRequest.prefix + "{identifier}" : "other"
        }
    }

    private func answer(_ request: Request, context: Context) async -> Response {
        let target = request.uri.string
        if target.utf8.count > configuration.maximumURLLength {
            return ProblemResponse.http(
                414,
                detail: "the request target is longer than \(configuration.maximumURLLength) bytes"
            )
        }
        var headerBytes = 0
        for field in request.headers { headerBytes += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        if headerBytes > configuration.maximumHeaderBytes {
            return ProblemResponse.http(
                431,
                detail: "the request header fields are larger than \(configuration.maximumHeaderBytes) bytes"
            )
        }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        switch path {
        case "/health":
            return only(.get, request) { Self.json(["status": "ok"]) }
        case "/ready":
            return only(.get, request) {
                guard readiness.isReady else {
                    return ProblemResponse.http(503, detail: "the service is shutting down")
                }
                return Self.json(["status": "ready"])
            }
        case "/metrics":
            return only(.get, request) {
                Response(
                    status: .ok,
                    headers: [.contentType: ResolverMetrics.contentType, .cacheControl: "no-store"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition()))
                )
            }
        default:
            break
        }
        let client = context.remoteAddress?.ipAddress ?? "local"
        if let wait = rateLimiter.acquire(client: client) {
            return ProblemResponse.http(
                429,
                detail: "too many requests from this client; retry after \(wait) s",
                headers: [(.retryAfter, String(wait))]
            )
        }
        switch path {
        case "/1.0/methods":
            return only(.get, request) { Self.json(.array(resolver.methodNames.map { .string($0) })) }
        case "/1.0/traits":
            return only(.get, request) {
                Self.json(.object(ResolverCatalog.traits(methods: resolver.supportedMethods)))
            }
        case "/1.0/testIdentifiers":
            return only(.get, request) {
                Self.json(.object(ResolverCatalog.testIdentifiers(methods: resolver.supportedMethods)))
            }
        case "/1.0/properties":
            return only(.get, request) {
                Self.json(.object(ResolverCatalog.properties(configuration, methods: resolver.methodNames)))
            }
        default:
            break
        }
        guard path.hasPrefix(IdentifierRequest.prefix) else {
            return ProblemResponse.http(404, detail: "no such resource; see /1.0/identifiers/{did}")
        }
        let rest = target.dropFirst(IdentifierRequest.prefix.count)
        switch request.method {
        case .get, .head:
            return await identifiers(request, target: rest, bodyOptions: nil)
        case .post:
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: configuration.maximumBodyBytes)
            } catch {
                return ProblemResponse.http(
                    413,
                    detail: "the request body is larger than \(configuration.maximumBodyBytes) bytes"
                )
            }
            let bytes = Array(body.readableBytesView)
            var options: JSONObject = [:]
            if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                do {
                    guard case .object(let object) = try JSONValue(parsing: bytes) else {
                        return ProblemResponse.response(
                            for: ResolutionError(.invalidOptions, "the body must be a JSON object of options")
                        )
                    }
                    options = object
                } catch {
                    return ProblemResponse.response(
                        for: ResolutionError(.invalidOptions, "the body is not valid JSON: \(error.reason)")
                    )
                }
            }
            return await identifiers(request, target: rest, bodyOptions: options)
        default:
            return ProblemResponse.http(
                405,
                detail: "only GET and POST are served here",
                headers: [(.allow, "GET, HEAD, POST")]
            )
        }
    }

    private func only(
        _ method: HTTPRequest.Method,
        _ request: Request,
        _ body: () throws -> Response
    ) rethrows
        -> Response
    {
        guard request.method == method || (method == .get && request.method == .head) else {
            return ProblemResponse.http(405, detail: "only GET is served here", headers: [(.allow, "GET, HEAD")])
        }
        return try body()
    }

    static func json(_ value: JSONValue) -> Response {
        let bytes = (try? value.serialized(.compact)) ?? Array("null".utf8)
        return Response(
            status: .ok,
            headers: [.contentType: DIDMediaType.json, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    // MARK: Resolution and dereferencing

    private func identifiers(_ request: Request, target: Substring, bodyOptions: JSONObject?) async -> Response {
        // GET and HEAD: the target and Accept are the whole request; a pure answer (did:key, did:jwk) seen before is
        // served from its rendered bytes.
        let renderedKey =
            bodyOptions == nil ? RenderedResponseCache.key(accept: request.headers[.accept], target: target) : nil
        if let renderedKey, let hit = rendered.lookup(renderedKey), hit.document == nil {
            return finish(request, rendered: hit, cache: nil)
        }
        let parsed: IdentifierRequest
        do {
            parsed = try IdentifierRequest(target: target)
        } catch {
            return ProblemResponse.response(for: error)
        }
        var optionsJSON = parsed.options
        if let bodyOptions { for member in bodyOptions { optionsJSON[member.key] = member.value } }
        let accept = optionsJSON["accept"]?.stringValue ?? request.headers[.accept]
        var relationship: VerificationRelationship?
        if let value = optionsJSON["verificationRelationship"] {
            guard let name = value.stringValue, let known = VerificationRelationship(rawValue: name) else {
                return ProblemResponse.response(
                    for: ResolutionError(.invalidOptions, "option 'verificationRelationship' names no relationship")
                )
            }
            relationship = known
            optionsJSON["verificationRelationship"] = nil
        }
        let options: ResolutionOptions
        do {
            options = try ResolutionOptions(json: optionsJSON)
        } catch {
            return ProblemResponse.response(for: error)
        }
        if parsed.isDereference {
            guard let representation = ResolverContentNegotiation.forDereferencing(accept: accept) else {
                return notAcceptable(accept)
            }
            return await dereference(
                parsed.identifier,
                representation: representation,
                relationship: relationship,
                options: options,
                request: request
            )
        }
        guard let representation = ResolverContentNegotiation.forResolution(accept: accept) else {
            return notAcceptable(accept)
        }
        let did: DID
        do {
            did = try DID(parsed.identifier)
        } catch {
            return ProblemResponse.response(for: ResolutionError(.invalidDid, error.reason))
        }
        let resolver = self.resolver
        let outcome = await limited { () async -> Result<ResolutionResult, ResolutionError> in
            do throws(ResolutionError) {
                return .success(try await resolver.resolve(did, options: options))
            } catch {
                return .failure(error)
            }
        }
        guard let outcome else { return timedOut() }
        let result: ResolutionResult
        switch outcome {
        case .success(let value): result = value
        case .failure(let error): return ProblemResponse.response(for: error)
        }
        let cache = result.didResolutionMetadata.cache
        if let cache { metrics.cacheResult(cache.status) }
        if let error = result.error { return ProblemResponse.response(for: error) }
        // Pure functions of the request: did:key and did:jwk answers (no cache metadata).
        let pure = cache == nil && (did.method == .key || did.method == .jwk)
        if let renderedKey, cache != nil, case .document(let mediaType) = representation,
            let document = result.didDocument, let hit = rendered.lookup(renderedKey),
            hit.document == document, hit.status == result.httpStatus, hit.contentType == mediaType
        {
            return finish(request, rendered: hit, cache: cache)
        }
        let bytes: [UInt8]
        let contentType: String
        var document: DIDDocument?
        switch representation {
        case .result(let mediaType):
            guard let serialized = try? result.serialized(.compact) else {
                return ProblemResponse.response(for: ResolutionError(.internalError, "the result cannot be written"))
            }
            bytes = serialized
            contentType = mediaType
        case .document(let mediaType):
            do {
                bytes = try result.representation(mediaType: mediaType).didDocumentStream
            } catch {
                return ProblemResponse.response(for: error)
            }
            contentType = mediaType
            document = result.didDocument
        case .uriList:
            return notAcceptable(accept)
        }
        let answer = RenderedResponse(
            status: result.httpStatus,
            contentType: contentType,
            bytes: bytes,
            document: pure ? nil : document
        )
        // Kept: pure answers in any representation; did:web documents (the result representation carries the age).
        if let renderedKey, pure || (cache != nil && document != nil) { rendered.store(renderedKey, answer) }
        return finish(request, rendered: answer, cache: cache)
    }

    private func dereference(
        _ identifier: String,
        representation: ResolverRepresentation,
        relationship: VerificationRelationship?,
        options: ResolutionOptions,
        request: Request
    ) async -> Response {
        var dereferencingOptions = DereferencingOptions(
            verificationRelationship: relationship,
            resolutionOptions: options
        )
        switch representation {
        case .document(let mediaType): dereferencingOptions.accept = mediaType
        case .uriList: dereferencingOptions.accept = DIDMediaType.uriList
        case .result: break
        }
        let resolver = self.resolver
        let finalOptions = dereferencingOptions
        let outcome = await limited { await resolver.dereference(identifier, options: finalOptions) }
        guard let result = outcome else { return timedOut() }
        if let error = result.error { return ProblemResponse.response(for: error) }
        switch representation {
        case .uriList:
            guard case .uriList(let urls) = result.content, let first = urls.first else {
                return notAcceptable(DIDMediaType.uriList)
            }
            var response = finish(
                request,
                status: 303,
                contentType: DIDMediaType.uriList,
                bytes: Array((urls.joined(separator: "\r\n") + "\r\n").utf8),
                cache: nil
            )
            response.headers[.location] = first
            return response
        case .result(let mediaType):
            guard let bytes = try? result.json().serialized(.compact) else {
                return ProblemResponse.response(for: ResolutionError(.internalError, "the result cannot be written"))
            }
            let status = result.httpStatus == 303 ? 200 : result.httpStatus
            return finish(request, status: status, contentType: mediaType, bytes: bytes, cache: nil)
        case .document(let mediaType):
            guard let content = result.content else {
                return ProblemResponse.response(for: ResolutionError(.notFound, "the DID URL names no content"))
            }
            if case .uriList = content { return notAcceptable(mediaType) }
            guard let bytes = try? content.json.serialized(.compact) else {
                return ProblemResponse.response(for: ResolutionError(.internalError, "the content cannot be written"))
            }
            return finish(request, status: result.httpStatus, contentType: mediaType, bytes: bytes, cache: nil)
        }
    }

    private func notAcceptable(_ accept: String?) -> Response {
        ProblemResponse.response(
            for: ResolutionError(
                .representationNotSupported,
                "no representation matches Accept '\(accept.map { String($0.prefix(200)) } ?? "")'"
            )
        )
    }

    private func timedOut() -> Response {
        ProblemResponse.http(504, detail: "the resolution did not finish within \(configuration.requestTimeout)")
    }

    /// Runs `body` inside the concurrency bound and the request timeout; `nil` when the timeout came first.
    private func limited<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T? {
        let concurrency = self.concurrency
        let timeout = configuration.requestTimeout
        let once = ResumeOnce<T?>()
        let timer = CancellableTimer()
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let delay = TimeAmount.nanoseconds(
            nanoseconds.overflow ? Int64.max : nanoseconds.partialValue &+ attoseconds / 1_000_000_000
        )
        return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            once.set(continuation)
            let work = Task {
                // `nil`: the timeout cancelled this request while it waited for a slot (it has been answered).
                guard let value = await concurrency.run(body) else { return }
                // The timer holds the work task (and so its result) until it fires: stop it now.
                if once.resume(value) { timer.cancel() }
            }
            // A timer on an event loop rather than a second task: no task creation or thread hop per request.
            let scheduled = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: delay) {
                if once.resume(nil) { work.cancel() }
            }
            timer.set { scheduled.cancel() }
        }
    }

    /// Adds the cache headers (`ETag` over the body, `Cache-Control`, `Age`) and answers `If-None-Match`.
    private func finish(
        _ request: Request,
        status: Int,
        contentType: String,
        bytes: [UInt8],
        cache: CacheOutcome?
    ) -> Response {
        finish(
            request,
            rendered: RenderedResponse(status: status, contentType: contentType, bytes: bytes, document: nil),
            cache: cache
        )
    }

    /// ``finish(_:status:contentType:bytes:cache:)`` for a body already rendered (the `Age` of `cache` is this
    /// request's).
    private func finish(_ request: Request, rendered: RenderedResponse, cache: CacheOutcome?) -> Response {
        let status = rendered.status
        let contentType = rendered.contentType
        let etag = rendered.etag
        var cacheControl = "public, max-age=\(configuration.computedMaxAge)"
        var age: Int?
        if let cache {
            cacheControl = cache.isStale ? "public, max-age=0" : "public, max-age=\(configuration.fetchedMaxAge)"
            age = max(0, cache.ageSeconds)
        }
        var headers: HTTPFields = [.eTag: etag, .cacheControl: cacheControl, .vary: "Accept"]
        if let age { headers[.age] = String(age) }
        if (200..<300).contains(status), let match = request.headers[.ifNoneMatch],
            ResolverETag.matches(match, etag)
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        let body = request.method == .head ? ByteBuffer() : rendered.body
        if request.method == .head { headers[.contentLength] = String(rendered.body.readableBytes) }
        return Response(
            status: ProblemResponse.status(status),
            headers: headers,
            body: ResponseBody(byteBuffer: body)
        )
    }
}
