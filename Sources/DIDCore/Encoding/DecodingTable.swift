// swift-did: decentralized identity for Swift. Apache-2.0.

/// The inverse of an encoding alphabet: byte → digit value, 0xFF for bytes outside the alphabet.
/// - Parameter alphabet: The alphabet's characters in value order (at most 255 of them).
/// - Returns: A 256-entry lookup table.
func decodingTable(for alphabet: [UInt8]) -> [UInt8] {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
    return table
}
