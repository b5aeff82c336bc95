// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDMethodWeb

/// The HTTP caching directives of an origin answer (RFC 9111 §5.2.2, RFC 5861), as the cache reads them.
struct CacheDirectives: Sendable, Hashable {
    var maxAge: Double?
    var sharedMaxAge: Double?
    var noStore = false
    var noCache = false
    var mustRevalidate = false
    var staleWhileRevalidate: Double?
    var staleIfError: Double?
    var expires: Double?
    var date: Double?
    var etag: String?
    var lastModified: String?

    init(headers: [DIDWebHeader]) {
        for header in headers {
            switch header.name.lowercased() {
            case "cache-control":
                for part in header.value.split(separator: ",") {
                    let pieces = part.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: " \t\"")
                    }
                    let name = pieces[0].lowercased()
                    let seconds = pieces.count > 1 ? Double(pieces[1]).map { max(0, $0) } : nil
                    switch name {
                    case "max-age": maxAge = seconds
                    case "s-maxage": sharedMaxAge = seconds
                    case "no-store": noStore = true
                    case "no-cache": noCache = true
                    case "must-revalidate", "proxy-revalidate": mustRevalidate = true
                    case "stale-while-revalidate": staleWhileRevalidate = seconds
                    case "stale-if-error": staleIfError = seconds
                    case "private": noStore = true  // a shared cache must not keep private answers (RFC 9111 §5.2.2.7)
                    default: break
                    }
                }
            case "expires":
                // An invalid Expires means "already expired" (RFC 9111 §5.3).
                expires = HTTPDate.parse(header.value) ?? 0
            case "date": date = HTTPDate.parse(header.value)
            case "etag": etag = header.value
            case "last-modified": lastModified = header.value
            default: break
            }
        }
    }

    /// The freshness lifetime the origin asks for (RFC 9111 §4.2.1), or `nil` when it says nothing.
    func originLifetime(now: Double) -> Double? {
        if let sharedMaxAge { return sharedMaxAge }
        if let maxAge { return maxAge }
        if let expires { return max(0, expires - (date ?? now)) }
        return nil
    }
}

/// `trimmingCharacters(in:)` for a few ASCII characters, without Foundation.
extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self[...]
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

/// RFC 9110 §5.6.7 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to seconds since 1970.
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
            let monthIndex = months.firstIndex(of: String(parts[2]))
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day), time[0] < 24, time[1] < 60, time[2] < 61 else { return nil }
        let days = GregorianCalendar.daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
        return Double(days * 86_400 + time[0] * 3600 + time[1] * 60 + time[2])
    }

    static func format(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let rest = total - days * 86_400
        let (year, month, day) = GregorianCalendar.date(daysSinceEpoch: days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) GMT"
    }
}
