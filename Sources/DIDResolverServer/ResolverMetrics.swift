// swift-did: decentralized identity for Swift. Apache-2.0.

public import CoreMetrics
import DIDCore
import Prometheus
import Synchronization

/// The service's metrics (`Specs/resolver.md` §4: `/metrics` in Prometheus text format), written through
/// swift-metrics into a Prometheus registry that this object owns.
///
/// Every application gets its own instance, so tests run in parallel without the process-wide
/// `MetricsSystem.bootstrap` (which may be called once per process); the `did-resolver` executable bootstraps the
/// global system with ``factory`` so that library metrics land in the same registry.
///
/// Label values are bounded: routes are templates (`/1.0/identifiers/{identifier}`, never a DID), methods are the
/// standard HTTP methods or `other`, statuses are three-digit codes, cache outcomes and error classes are closed sets.
public final class ResolverMetrics: Sendable {
    /// The swift-metrics factory that writes into this registry.
    public let factory: any MetricsFactory
    private let registry: PrometheusCollectorRegistry
    private let requestSeries = Mutex<[RequestKey: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// Names of the exposed metrics.
    enum Name {
        static let requests = "did_resolver_http_requests_total"
        static let requestDuration = "did_resolver_http_request_duration_seconds"
        static let cache = "did_resolver_cache_results_total"
        static let originFetches = "did_resolver_origin_fetches_total"
        static let originErrors = "did_resolver_origin_fetch_errors_total"
        static let originDuration = "did_resolver_origin_fetch_duration_seconds"
        static let originInFlight = "did_resolver_origin_fetches_in_flight"
        static let originWaiting = "did_resolver_origin_fetches_waiting"
        static let originRejected = "did_resolver_origin_fetches_rejected_total"
    }

    /// The media type of the exposition (Prometheus text format 0.0.4).
    static let contentType = "text/plain; version=0.0.4"

    /// Creates an empty registry and its factory.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let latency: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        factory.durationHistogramBuckets[Name.requestDuration] = latency
        factory.durationHistogramBuckets[Name.originDuration] = latency
        self.registry = registry
        self.factory = factory
    }

    /// The exposition of every metric so far, in Prometheus text format 0.0.4.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    // MARK: HTTP requests

    /// Counts one answered request and records its latency.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let factory = self.factory
        let (counter, timer) = requestSeries.withLock { table in
            if let series = table[key] { return series }
            let dimensions = [("route", route), ("method", method), ("status", String(status))]
            let series = (
                CoreMetrics.Counter(label: Name.requests, dimensions: dimensions, factory: factory),
                CoreMetrics.Timer(label: Name.requestDuration, dimensions: dimensions, factory: factory)
            )
            table[key] = series
            return series
        }
        counter.increment()
        timer.recordNanoseconds(duration.nanoseconds)
    }

    /// The method label: the standard methods by name, anything else `other` (methods are open-ended tokens).
    static func methodLabel(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT": method
        default: "other"
        }
    }

    // MARK: Cache

    /// Counts one cache outcome, labelled by its status (see ``DIDResolution/ResolutionCache``).
    func cacheResult(_ status: CacheOutcome.Status) {
        CoreMetrics.Counter(label: Name.cache, dimensions: [("outcome", status.rawValue)], factory: factory)
            .increment()
    }

    // MARK: Origin fetches

    /// Counts one origin fetch that got an HTTP answer (`result` is its status class, such as `2xx`) or none
    /// (`result` is `error`, and the error class is counted too).
    func originFetch(result: String, errorClass: String?, duration: Duration) {
        CoreMetrics.Counter(label: Name.originFetches, dimensions: [("result", result)], factory: factory).increment()
        if let errorClass {
            CoreMetrics.Counter(label: Name.originErrors, dimensions: [("class", errorClass)], factory: factory)
                .increment()
        }
        CoreMetrics.Timer(label: Name.originDuration, dimensions: [], factory: factory).recordNanoseconds(
            duration.nanoseconds
        )
    }

    /// Moves the gauge of origin fetches in progress.
    func originInFlight(_ delta: Double) {
        let meter = CoreMetrics.Meter(label: Name.originInFlight, dimensions: [], factory: factory)
        if delta >= 0 { meter.increment(by: delta) } else { meter.decrement(by: -delta) }
    }

    /// Moves the gauge of origin fetches waiting for a slot.
    func originWaiting(_ delta: Double) {
        let meter = CoreMetrics.Meter(label: Name.originWaiting, dimensions: [], factory: factory)
        if delta >= 0 { meter.increment(by: delta) } else { meter.decrement(by: -delta) }
    }

    /// Counts an origin fetch that waited out its slot timeout.
    func originRejected() {
        CoreMetrics.Counter(label: Name.originRejected, dimensions: [], factory: factory).increment()
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }
}
