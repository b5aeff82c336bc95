// swift-did: decentralized identity for Swift. Apache-2.0.

import Foundation

/// An IPv4 or IPv6 address as bytes, classified for the SSRF guard of `Specs/resolver.md` §2.
public struct NetworkAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address bytes: 4 for IPv4, 16 for IPv6, network order.
    public let bytes: [UInt8]

    /// Why an address is not a public unicast address.
    public enum Restriction: String, Sendable, Hashable, CaseIterable {
        /// `0.0.0.0/8`, `::/128`.
        case unspecified
        /// `127.0.0.0/8`, `::1`.
        case loopback
        /// RFC 1918 `10/8`, `172.16/12`, `192.168/16`; IPv6 unique local `fc00::/7` and the deprecated
        /// site-local `fec0::/10`; shared address space `100.64/10` (RFC 6598).
        case privateNetwork = "private"
        /// `169.254/16`, `fe80::/10`.
        case linkLocal = "link-local"
        /// `224/4`, `ff00::/8`.
        case multicast
        /// Cloud metadata endpoints: `169.254.169.254`, `169.254.170.2`, `100.100.100.200`, `fd00:ec2::254`.
        case metadata
        /// Reserved and special-purpose ranges (`192.0.0/24`, `198.18/15`, `240/4`, broadcast, documentation).
        case reserved
    }

    /// Creates an address from 4 or 16 bytes.
    /// - Parameter bytes: The address in network order.
    /// - Returns: `nil` unless there are 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted IPv4 (`127.0.0.1`) or IPv6 text (`::1`, `fe80::1`, `::ffff:10.0.0.1`); RFC 4291 §2.2.
    /// - Parameter text: The address text, without brackets or zone.
    /// - Returns: `nil` when the text is not an address.
    public init?(_ text: String) {
        if let v4 = Self.parseIPv4(Substring(text)) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    /// Whether this is an IPv6 address.
    public var isIPv6: Bool { bytes.count == 16 }

    /// The IPv4 address embedded in an IPv4-mapped (`::ffff:0:0/96`), IPv4-compatible or NAT64 (`64:ff9b::/96`)
    /// IPv6 address; `nil` otherwise.
    public var embeddedIPv4: NetworkAddress? {
        guard isIPv6 else { return nil }
        let prefix = Array(bytes[0..<12])
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
        let nat64: [UInt8] = [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        let compatible = [UInt8](repeating: 0, count: 12)
        if prefix == mapped || prefix == nat64
            || (prefix == compatible && bytes[12...].contains { $0 != 0 }
                && !(bytes[12...15] == [0, 0, 0, 1]))
        {
            return NetworkAddress(bytes: Array(bytes[12..<16]))
        }
        return nil
    }

    /// Why this address must not be fetched from without an explicit allowance, or `nil` for a public address.
    public var restriction: Restriction? {
        if let inner = embeddedIPv4 { return inner.restriction }
        return isIPv6 ? v6Restriction : v4Restriction
    }

    private var v4Restriction: Restriction? {
        let a = bytes[0]
        let b = bytes[1]
        if bytes == [169, 254, 169, 254] || bytes == [169, 254, 170, 2] || bytes == [100, 100, 100, 200] {
            return .metadata
        }
        switch a {
        case 0: return .unspecified
        case 10: return .privateNetwork
        case 127: return .loopback
        case 100 where b & 0xC0 == 64: return .privateNetwork
        case 169 where b == 254: return .linkLocal
        case 172 where b & 0xF0 == 16: return .privateNetwork
        case 192 where b == 168: return .privateNetwork
        case 192 where b == 0 && bytes[2] == 0: return .reserved
        case 192 where b == 0 && bytes[2] == 2: return .reserved
        case 198 where b & 0xFE == 18: return .reserved
        case 198 where b == 51 && bytes[2] == 100: return .reserved
        case 203 where b == 0 && bytes[2] == 113: return .reserved
        case 224...239: return .multicast
        case 240...255: return .reserved
        default: return nil
        }
    }

    private var v6Restriction: Restriction? {
        if bytes.allSatisfy({ $0 == 0 }) { return .unspecified }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return .loopback }
        if bytes == [0xFD, 0x00, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54] { return .metadata }
        if bytes[0] == 0xFF { return .multicast }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return .privateNetwork }
        if bytes[0] & 0xFE == 0xFC { return .privateNetwork }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return .reserved }
        if bytes[0] == 0x01 && bytes[1...7].allSatisfy({ $0 == 0 }) { return .reserved }  // 100::/64 discard
        return nil
    }

    /// Dotted IPv4 for IPv4, RFC 5952 form (lower case, longest zero run as `::`) for IPv6.
    public var description: String {
        if !isIPv6 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [UInt16] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
        }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength && end - index > 1 {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            out.append(value)
        }
        return out
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var embedded: [UInt8]?
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawGap = halves.count == 2
        for (halfIndex, half) in halves.enumerated() {
            if half.isEmpty { continue }
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            for (pieceIndex, piece) in pieces.enumerated() {
                let isLast = halfIndex == halves.count - 1 && pieceIndex == pieces.count - 1
                if isLast, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    embedded = v4
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                if halfIndex == 0 { head.append(value) } else { tail.append(value) }
            }
        }
        let embeddedGroups = embedded == nil ? 0 : 2
        let used = head.count + tail.count + embeddedGroups
        if sawGap {
            guard used < 8 else { return nil }
        } else {
            guard used == 8 else { return nil }
        }
        let groups = head + [UInt16](repeating: 0, count: 8 - used) + tail
        var out: [UInt8] = []
        for group in groups {
            out.append(UInt8(group >> 8))
            out.append(UInt8(group & 0xFF))
        }
        if let embedded { out += embedded }
        return out.count == 16 ? out : nil
    }
}
