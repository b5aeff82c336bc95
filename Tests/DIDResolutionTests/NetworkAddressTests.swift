// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDResolution
import Testing

@Suite("SSRF guard address classes")
struct NetworkAddressTests {
    static let cases: [(String, NetworkAddress.Restriction?)] = [
        ("127.0.0.1", .loopback), ("127.255.0.9", .loopback), ("::1", .loopback),
        ("0.0.0.0", .unspecified), ("::", .unspecified),
        ("10.1.2.3", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork), ("100.64.0.1", .privateNetwork), ("fd12:3456::1", .privateNetwork),
        ("fec0::1", .privateNetwork),
        ("169.254.1.1", .linkLocal), ("fe80::1", .linkLocal),
        ("224.0.0.1", .multicast), ("ff02::1", .multicast),
        ("169.254.169.254", .metadata), ("100.100.100.200", .metadata), ("fd00:ec2::254", .metadata),
        ("240.0.0.1", .reserved), ("255.255.255.255", .reserved), ("2001:db8::1", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .privateNetwork), ("64:ff9b::a9fe:a9fe", .metadata),
        ("93.184.216.34", nil), ("172.32.0.1", nil), ("100.128.0.1", nil), ("2606:2800:220:1::1", nil),
        ("::ffff:93.184.216.34", nil),
    ]

    @Test(
        "Specs/resolver.md §2.2: loopback, private, link-local, multicast, unspecified, metadata (v4 and v6)",
        arguments: cases
    )
    func classify(text: String, restriction: NetworkAddress.Restriction?) throws {
        let address = try #require(NetworkAddress(text))
        #expect(address.restriction == restriction)
    }

    @Test("RFC 4291 §2.2 parsing and RFC 5952 text")
    func parsing() throws {
        #expect(NetworkAddress("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(NetworkAddress("::ffff:1.2.3.4")?.bytes.suffix(4) == [1, 2, 3, 4])
        #expect(NetworkAddress("1.2.3.4")?.description == "1.2.3.4")
        for bad in ["1.2.3", "1.2.3.256", "01.2.3.4", "1::2::3", "12345::", "localhost", "1:2:3:4:5:6:7:8:9", ""] {
            #expect(NetworkAddress(bad) == nil, "\(bad)")
        }
    }
}
