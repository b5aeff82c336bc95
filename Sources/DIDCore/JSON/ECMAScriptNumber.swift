// swift-did: decentralized identity for Swift. Apache-2.0.

/// Formats numbers as ECMAScript's `Number::toString` does (ECMA-262 §6.1.6.1.20), the form RFC 8785 §3.2.2.3
/// requires for canonical JSON.
///
/// The digits are the shortest that round-trip to the same binary64 value (closest to it when several are
/// equally short); `-0` is written `0`; integers up to 10^21 in plain form; very large and very small magnitudes
/// in exponential form with an explicit sign (`1e+21`, `1e-7`).
public enum ECMAScriptNumber {
    /// Returns the ECMAScript `Number::toString` form of a number (RFC 8785 §3.2.2.3, ECMA-262 §6.1.6.1.20).
    /// - Parameter value: A finite number.
    /// - Returns: The text, for example `"1e+21"`, `"0.000001"` or `"333333333.3333333"`.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/unrepresentableJSON`` for NaN and ±Infinity.
    public static func string(for value: Double) throws(DIDError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(24)
        try write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the ECMAScript form of `value` to `output`.
    static func write(_ value: Double, into output: inout [UInt8]) throws(DIDError) {
        guard value.isFinite else {
            throw DIDError(
                .unrepresentableJSON,
                "\(value.isNaN ? "NaN" : "an infinite number") cannot be written as JSON (RFC 8259 §6, RFC 8785 §3.2.2.3)"
            )
        }
        // Fast path: integers below 2^53 are their own shortest round-trip digits.
        if value.magnitude < 9_007_199_254_740_992, let integer = Int64(exactly: value) {
            writeInteger(integer, into: &output)
            return
        }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        writeShortest(value.magnitude, into: &output)
    }

    private static func writeInteger(_ integer: Int64, into output: inout [UInt8]) {
        if integer < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        if magnitude < 10 {
            output.append(0x30 + UInt8(magnitude))
            return
        }
        let start = output.count
        while magnitude > 0 {
            output.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        var low = start
        var high = output.count - 1
        while low < high {
            output.swapAt(low, high)
            low += 1
            high -= 1
        }
    }

    /// Writes a positive finite value from its shortest round-trip digits, which Swift's `description` produces
    /// (closest when equally short), re-laid out by ECMA-262 §6.1.6.1.20 steps 5–10.
    private static func writeShortest(_ value: Double, into output: inout [UInt8]) {
        // `description` forms: "123.456", "0.001", "1e-05", "1.2345e+16", "5e-324".
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digit bytes
        withUnsafeMutableBytes(of: &digits) { buffer in
            var count = 0  // k, significant digits kept
            var integerDigits = 0  // digits before the point, before stripping
            var leadingZeros = 0  // zeros stripped from the front
            var seenPoint = false
            var exponent = 0
            var exponentNegative = false
            var inExponent = false
            var trailingZeros = 0
            for byte in value.description.utf8 {
                if inExponent {
                    if byte == UInt8(ascii: "-") {
                        exponentNegative = true
                    } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                        exponent = exponent * 10 + Int(byte - 0x30)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "."):
                    seenPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    inExponent = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if !seenPoint { integerDigits += 1 }
                    if count == 0 && byte == UInt8(ascii: "0") {
                        leadingZeros += 1
                    } else if count < buffer.count {
                        buffer[count] = byte
                        count += 1
                        trailingZeros = byte == UInt8(ascii: "0") ? trailingZeros + 1 : 0
                    }
                default:
                    break
                }
            }
            count -= trailingZeros
            // value = 0.d1d2…dk × 10^n, that is s × 10^(n−k) in ECMA-262's terms.
            let n = integerDigits - leadingZeros + (exponentNegative ? -exponent : exponent)
            let k = count
            let digitBytes = UnsafeRawBufferPointer(rebasing: buffer[0..<k])
            if k <= n && n <= 21 {
                output.append(contentsOf: digitBytes)
                output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
            } else if 0 < n && n <= 21 {
                output.append(contentsOf: digitBytes[0..<n])
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digitBytes[n..<k])
            } else if -6 < n && n <= 0 {
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
                output.append(contentsOf: digitBytes)
            } else {
                output.append(digitBytes[0])
                if k > 1 {
                    output.append(UInt8(ascii: "."))
                    output.append(contentsOf: digitBytes[1..<k])
                }
                output.append(UInt8(ascii: "e"))
                let e = n - 1
                output.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                var magnitude = e.magnitude
                let start = output.count
                repeat {
                    output.append(0x30 + UInt8(magnitude % 10))
                    magnitude /= 10
                } while magnitude > 0
                var low = start
                var high = output.count - 1
                while low < high {
                    output.swapAt(low, high)
                    low += 1
                    high -= 1
                }
            }
        }
    }
}
