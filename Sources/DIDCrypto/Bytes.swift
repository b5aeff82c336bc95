// swift-did: decentralized identity for Swift. Apache-2.0.

/// Calls `body` with the bytes of `collection` as one contiguous buffer, copying only when the collection has no
/// contiguous storage (arrays, slices, `Data` and buffer pointers don't need a copy).
@inline(__always)
func withContiguousBytes<C: Collection<UInt8>, R, E: Error>(
    of collection: C,
    _ body: (UnsafeRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    let contiguous = collection.withContiguousStorageIfAvailable { buffer in
        Result { () throws(E) -> R in try body(UnsafeRawBufferPointer(buffer)) }
    }
    if let contiguous { return try contiguous.get() }
    let copy = Array(collection)
    return try copy.withUnsafeBytes { buffer in Result { () throws(E) -> R in try body(buffer) } }.get()
}

/// Reads 32 bytes as four little-endian 64-bit words.
@inline(__always)
func littleEndianWords(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
    (
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    )
}

/// Writes four little-endian 64-bit words as 32 bytes.
func bytes(littleEndianWords words: (UInt64, UInt64, UInt64, UInt64)) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: 32) { buffer, initialized in
        let raw = UnsafeMutableRawBufferPointer(buffer)
        raw.storeBytes(of: words.0.littleEndian, toByteOffset: 0, as: UInt64.self)
        raw.storeBytes(of: words.1.littleEndian, toByteOffset: 8, as: UInt64.self)
        raw.storeBytes(of: words.2.littleEndian, toByteOffset: 16, as: UInt64.self)
        raw.storeBytes(of: words.3.littleEndian, toByteOffset: 24, as: UInt64.self)
        initialized = 32
    }
}

/// Compares two big-endian unsigned integers of equal length: whether `lhs` > `rhs`.
func isGreaterBigEndian(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Bool {
    precondition(lhs.count == rhs.count)
    for index in 0..<rhs.count where lhs[index] != rhs[index] {
        return lhs[index] > rhs[index]
    }
    return false
}

/// Hex of bytes, lower case (for messages about public data only; never for secrets).
func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output = [UInt8]()
    for byte in bytes {
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: output, as: UTF8.self)
}
