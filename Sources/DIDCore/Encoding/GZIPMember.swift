// swift-did: decentralized identity for Swift. Apache-2.0.
//
// Why in DIDCore: the gzip framing is shared by the Bitstring Status List inflater (DIDCredentials) and the Mastodon
// `.tar.gz` reader (DIDMigration). DIDCore is pure Swift and below both, so neither module has to import the other
// and a hundred lines need no module of their own. The DEFLATE data (RFC 1951) is decoded by each user: a bounded
// pure-Swift inflater for small status lists, zlib (through ZIPFoundation) for archives of gigabytes.

/// The framing of a gzip file (RFC 1952): the member header (§2.3.1) and trailer (CRC-32 and ISIZE) around DEFLATE
/// data that the caller decodes.
///
/// One rule for every reader in this package: **a gzip file is a series of members (RFC 1952 §2.2), and its content
/// is the concatenation of every member's data**; each member's trailer is checked. A reader whose DEFLATE decoder
/// stops at the end of a member (zlib's raw inflate does) finds where the member ended with
/// ``memberEnd(in:from:trailer:fileLength:)`` and goes on with the next one.
public enum GZIPMember {
    /// The length of the member header at the start of `bytes` (RFC 1952 §2.3.1): ID1 ID2 = 1f 8b, CM = 8
    /// (DEFLATE), no reserved FLG bits, then the optional FEXTRA, FNAME, FCOMMENT and FHCRC fields.
    /// - Parameter bytes: The start of the file (the whole header must be present).
    /// - Returns: The number of header bytes; the DEFLATE data starts there.
    /// - Throws: ``DIDError`` ``DIDError/Code/invalidEncoding`` when the bytes are not a gzip member header.
    public static func headerLength(of bytes: some Collection<UInt8>) throws(DIDError) -> Int {
        let head = Array(bytes.prefix(65_536 + 10))
        guard head.count >= 10, head[0] == 0x1F, head[1] == 0x8B else { throw error("not gzip data (magic 1f 8b)") }
        guard head[2] == 8 else { throw error("the compression method is not DEFLATE") }
        let flags = head[3]
        guard flags & 0xE0 == 0 else { throw error("reserved header flags are set") }
        var offset = 10
        if flags & 0x04 != 0 {
            guard head.count >= offset + 2 else { throw error("truncated FEXTRA field") }
            offset += 2 + (Int(head[offset]) | Int(head[offset + 1]) << 8)
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
            guard let end = head[min(offset, head.count)...].firstIndex(of: 0) else {
                throw error("unterminated FNAME or FCOMMENT field")
            }
            offset = end + 1
        }
        if flags & 0x02 != 0 { offset += 2 }
        guard offset <= head.count else { throw error("truncated header") }
        return offset
    }

    /// A member's trailer (RFC 1952 §2.3.1): the CRC-32 of the uncompressed data and its length modulo 2³².
    public struct Trailer: Sendable, Hashable {
        /// CRC32 of the uncompressed data.
        public let crc32: UInt32
        /// ISIZE: the uncompressed length modulo 2³².
        public let size: UInt32

        /// The trailer decoded data of this CRC-32 and length must have.
        /// - Parameters:
        ///   - crc32: The CRC-32 of the data.
        ///   - byteCount: The data's length.
        public init(crc32: UInt32, byteCount: Int) {
            self.crc32 = crc32
            self.size = UInt32(truncatingIfNeeded: byteCount)
        }

        /// Reads the 8 trailer bytes (little-endian CRC32, ISIZE).
        /// - Parameter bytes: The trailer.
        /// - Throws: ``DIDError`` ``DIDError/Code/invalidEncoding`` when there are not 8 bytes.
        public init(_ bytes: some Collection<UInt8>) throws(DIDError) {
            let bytes = Array(bytes)
            guard bytes.count == 8 else { throw GZIPMember.error("truncated trailer") }
            func littleEndian(_ offset: Int) -> UInt32 {
                (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
            }
            crc32 = littleEndian(0)
            size = littleEndian(4)
        }

        /// Checks the decoded data against the trailer.
        /// - Parameters:
        ///   - crc32: The CRC-32 of the decoded bytes.
        ///   - byteCount: The number of decoded bytes.
        /// - Throws: ``DIDError`` ``DIDError/Code/invalidEncoding`` on a CRC-32 or length mismatch.
        public func check(crc32: UInt32, byteCount: Int) throws(DIDError) {
            guard crc32 == self.crc32 else { throw GZIPMember.error("CRC-32 mismatch") }
            guard UInt32(truncatingIfNeeded: byteCount) == size else { throw GZIPMember.error("length mismatch") }
        }
    }

    /// Where a member ends, for a DEFLATE decoder that does not report how much input it used: the first offset at
    /// or after `start` where the expected trailer (the decoded data's CRC-32 and length) is followed by the end of
    /// the file or by the next member's magic (1f 8b). 64 bits of trailer make a false match negligible.
    /// - Parameters:
    ///   - window: File bytes from `start` on, covering the end of the DEFLATE data, the trailer and, when present,
    ///     the next member's first two bytes.
    ///   - start: The file offset of `window`'s first byte.
    ///   - trailer: The trailer the decoded data must have.
    ///   - fileLength: The file's length.
    /// - Returns: The file offset just after the member's trailer.
    /// - Throws: ``DIDError`` ``DIDError/Code/invalidEncoding`` when no such trailer is in the window (a corrupt
    ///   member: wrong CRC-32 or length, or garbage after it).
    public static func memberEnd(
        in window: [UInt8],
        from start: Int,
        trailer: Trailer,
        fileLength: Int
    ) throws(DIDError) -> Int {
        var index = 0
        while index + 8 <= window.count {
            let end = start + index + 8
            if (try? Trailer(window[index..<(index + 8)])) == trailer,
                end == fileLength || window[(index + 8)...].starts(with: [0x1F, 0x8B])
            {
                return end
            }
            index += 1
        }
        throw error("no member trailer matches the decoded data (CRC-32 or length mismatch, or trailing garbage)")
    }

    /// The CRC-32 of RFC 1952 §8 (ISO-HDLC, reflected polynomial 0xEDB88320).
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - crc: The CRC-32 of the bytes before these, for incremental use; 0 to start.
    /// - Returns: The CRC-32.
    public static func crc32(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var value = ~crc
        for byte in bytes { value = crcTable[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8) }
        return ~value
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func error(_ reason: String) -> DIDError { DIDError(.invalidEncoding, "gzip: \(reason) (RFC 1952)") }
}
