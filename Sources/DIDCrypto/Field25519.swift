// swift-did: decentralized identity for Swift. Apache-2.0.

/// An element of GF(2^255 − 19), the field under Curve25519 and Ed25519, in five 51-bit limbs.
///
/// Used for one public-data computation only: decoding an Ed25519 public key (RFC 8032 §5.1.3) and mapping it to
/// its X25519 (Montgomery) u-coordinate, u = (1 + y) / (1 − y) (RFC 7748 §4.1). Public inputs only: nothing here
/// is constant-time and nothing needs to be.
///
/// Limbs are "loosely reduced": after ``multiplied(by:)`` or ``squared()`` each limb is below 2^52, so sums of two
/// such elements stay below 2^53 and products of limbs (with the factor 19 folded in) fit in 128 bits.
struct Field25519: Sendable {
    var l0: UInt64
    var l1: UInt64
    var l2: UInt64
    var l3: UInt64
    var l4: UInt64

    private static let mask: UInt64 = (1 << 51) - 1

    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
        self.l0 = l0
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
        self.l4 = l4
    }

    static let zero = Field25519(0, 0, 0, 0, 0)
    static let one = Field25519(1, 0, 0, 0, 0)
    /// The Edwards curve constant d = −121665/121666 (RFC 8032 §5.1).
    static let edwardsD = Field25519(
        929_955_233_495_203,
        466_365_720_129_213,
        1_662_059_464_998_953,
        2_033_849_074_728_123,
        1_442_794_654_840_575
    )

    /// Loads 32 little-endian bytes, ignoring the top bit (bit 255), as RFC 8032 §5.1.3 and RFC 7748 §5 do.
    init(littleEndian w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        l0 = w0 & Self.mask
        l1 = (w0 >> 51 | w1 << 13) & Self.mask
        l2 = (w1 >> 38 | w2 << 26) & Self.mask
        l3 = (w2 >> 25 | w3 << 39) & Self.mask
        l4 = (w3 >> 12) & Self.mask
    }

    /// The fully reduced value as four little-endian 64-bit words (the 32-byte encoding, RFC 7748 §5).
    var littleEndianWords: (UInt64, UInt64, UInt64, UInt64) {
        var h = self
        h.carry()
        // Now each limb < 2^51 + 2^13·19; h < 2p. Subtract p when h ≥ p: q = 1 iff h + 19 ≥ 2^255.
        var q = (h.l0 &+ 19) >> 51
        q = (h.l1 &+ q) >> 51
        q = (h.l2 &+ q) >> 51
        q = (h.l3 &+ q) >> 51
        q = (h.l4 &+ q) >> 51
        h.l0 &+= 19 &* q
        h.l1 &+= h.l0 >> 51
        h.l0 &= Self.mask
        h.l2 &+= h.l1 >> 51
        h.l1 &= Self.mask
        h.l3 &+= h.l2 >> 51
        h.l2 &= Self.mask
        h.l4 &+= h.l3 >> 51
        h.l3 &= Self.mask
        h.l4 &= Self.mask
        return (
            h.l0 | h.l1 << 51,
            h.l1 >> 13 | h.l2 << 38,
            h.l2 >> 26 | h.l3 << 25,
            h.l3 >> 39 | h.l4 << 12
        )
    }

    /// Whether the value is 0 mod p.
    var isZero: Bool {
        let w = littleEndianWords
        return (w.0 | w.1 | w.2 | w.3) == 0
    }

    /// Equality mod p.
    func isEqual(to other: Field25519) -> Bool {
        let a = littleEndianWords
        let b = other.littleEndianWords
        return a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3
    }

    /// One carry pass: every limb below 2^51 except a possible small excess in `l0` folded back from `l4`.
    private mutating func carry() {
        l1 &+= l0 >> 51
        l0 &= Self.mask
        l2 &+= l1 >> 51
        l1 &= Self.mask
        l3 &+= l2 >> 51
        l2 &= Self.mask
        l4 &+= l3 >> 51
        l3 &= Self.mask
        l0 &+= 19 &* (l4 >> 51)
        l4 &= Self.mask
    }

    static func + (a: Field25519, b: Field25519) -> Field25519 {
        Field25519(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4)
    }

    /// a − b, computed as a + 4p − b so that no limb underflows for loosely reduced inputs (limbs < 2^53).
    static func - (a: Field25519, b: Field25519) -> Field25519 {
        var r = Field25519(
            (a.l0 &+ 0x1F_FFFF_FFFF_FFB4) &- b.l0,
            (a.l1 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l1,
            (a.l2 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l2,
            (a.l3 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l3,
            (a.l4 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l4
        )
        r.carry()
        return r
    }

    static prefix func - (a: Field25519) -> Field25519 { zero - a }

    @inline(__always)
    private static func wide(_ a: UInt64, _ b: UInt64) -> UInt128 {
        UInt128(truncatingIfNeeded: a) &* UInt128(truncatingIfNeeded: b)
    }

    /// Reduces five 128-bit column sums to loosely reduced limbs.
    ///
    /// Column sums stay below 2^111 for loosely reduced inputs (limbs < 2^53), so every carry `r >> 51` fits in 64
    /// bits and is added as a 64-bit value, as in curve25519-donna-c64.
    @inline(__always)
    private static func reduce(
        _ r0: UInt128,
        _ r1: UInt128,
        _ r2: UInt128,
        _ r3: UInt128,
        _ r4: UInt128
    ) -> Field25519 {
        let r1 = r1 &+ UInt128(UInt64(truncatingIfNeeded: r0 >> 51))
        let r2 = r2 &+ UInt128(UInt64(truncatingIfNeeded: r1 >> 51))
        let r3 = r3 &+ UInt128(UInt64(truncatingIfNeeded: r2 >> 51))
        let r4 = r4 &+ UInt128(UInt64(truncatingIfNeeded: r3 >> 51))
        let carry = UInt64(truncatingIfNeeded: r4 >> 51)
        var l0 = (UInt64(truncatingIfNeeded: r0) & mask) &+ carry &* 19
        var l1 = UInt64(truncatingIfNeeded: r1) & mask
        l1 &+= l0 >> 51
        l0 &= mask
        return Field25519(
            l0,
            l1,
            UInt64(truncatingIfNeeded: r2) & mask,
            UInt64(truncatingIfNeeded: r3) & mask,
            UInt64(truncatingIfNeeded: r4) & mask
        )
    }

    /// The product mod p (schoolbook on 51-bit limbs, 2^255 ≡ 19).
    @inline(__always)
    func multiplied(by b: Field25519) -> Field25519 {
        let a = self
        let b1 = b.l1 &* 19
        let b2 = b.l2 &* 19
        let b3 = b.l3 &* 19
        let b4 = b.l4 &* 19
        let r0 =
            Self.wide(a.l0, b.l0) &+ Self.wide(a.l1, b4) &+ Self.wide(a.l2, b3) &+ Self.wide(a.l3, b2)
            &+ Self.wide(a.l4, b1)
        let r1 =
            Self.wide(a.l0, b.l1) &+ Self.wide(a.l1, b.l0) &+ Self.wide(a.l2, b4) &+ Self.wide(a.l3, b3)
            &+ Self.wide(a.l4, b2)
        let r2 =
            Self.wide(a.l0, b.l2) &+ Self.wide(a.l1, b.l1) &+ Self.wide(a.l2, b.l0) &+ Self.wide(a.l3, b4)
            &+ Self.wide(a.l4, b3)
        let r3 =
            Self.wide(a.l0, b.l3) &+ Self.wide(a.l1, b.l2) &+ Self.wide(a.l2, b.l1) &+ Self.wide(a.l3, b.l0)
            &+ Self.wide(a.l4, b4)
        let r4 =
            Self.wide(a.l0, b.l4) &+ Self.wide(a.l1, b.l3) &+ Self.wide(a.l2, b.l2) &+ Self.wide(a.l3, b.l1)
            &+ Self.wide(a.l4, b.l0)
        return Self.reduce(r0, r1, r2, r3, r4)
    }

    /// The square mod p (15 limb products instead of 25).
    @inline(__always)
    func squared() -> Field25519 {
        let a0 = l0
        let a1 = l1
        let a2 = l2
        let a3 = l3
        let a4 = l4
        let a0x2 = a0 &* 2
        let a1x2 = a1 &* 2
        let a1x38 = a1 &* 38
        let a2x38 = a2 &* 38
        let a3x19 = a3 &* 19
        let a3x38 = a3 &* 38
        let a4x19 = a4 &* 19
        let r0 = Self.wide(a0, a0) &+ Self.wide(a1x38, a4) &+ Self.wide(a2x38, a3)
        let r1 = Self.wide(a0x2, a1) &+ Self.wide(a2x38, a4) &+ Self.wide(a3x19, a3)
        let r2 = Self.wide(a0x2, a2) &+ Self.wide(a1, a1) &+ Self.wide(a3x38, a4)
        let r3 = Self.wide(a0x2, a3) &+ Self.wide(a1x2, a2) &+ Self.wide(a4x19, a4)
        let r4 = Self.wide(a0x2, a4) &+ Self.wide(a1x2, a3) &+ Self.wide(a2, a2)
        return Self.reduce(r0, r1, r2, r3, r4)
    }

    /// The value squared `count` times (self^(2^count)).
    func squared(times count: Int) -> Field25519 {
        var r = self
        for _ in 0..<count { r = r.squared() }
        return r
    }

    /// self^((p − 5) / 8) = self^(2^252 − 3), by the addition chain of ref10 `fe_pow22523`.
    func power22523() -> Field25519 {
        let z = self
        let z2 = z.squared()  // 2
        let z9 = z2.squared(times: 2).multiplied(by: z)  // 9
        let z11 = z9.multiplied(by: z2)  // 11
        let z2_5_0 = z11.squared().multiplied(by: z9)  // 2^5 − 1
        let z2_10_0 = z2_5_0.squared(times: 5).multiplied(by: z2_5_0)  // 2^10 − 1
        let z2_20_0 = z2_10_0.squared(times: 10).multiplied(by: z2_10_0)  // 2^20 − 1
        let z2_40_0 = z2_20_0.squared(times: 20).multiplied(by: z2_20_0)  // 2^40 − 1
        let z2_50_0 = z2_40_0.squared(times: 10).multiplied(by: z2_10_0)  // 2^50 − 1
        let z2_100_0 = z2_50_0.squared(times: 50).multiplied(by: z2_50_0)  // 2^100 − 1
        let z2_200_0 = z2_100_0.squared(times: 100).multiplied(by: z2_100_0)  // 2^200 − 1
        let z2_250_0 = z2_200_0.squared(times: 50).multiplied(by: z2_50_0)  // 2^250 − 1
        return z2_250_0.squared(times: 2).multiplied(by: z)  // 2^252 − 3
    }
}

/// The result of decoding an Ed25519 public key: validity and, when defined, the X25519 u-coordinate.
enum Ed25519PointDecoding: Sendable {
    /// Not a point encoding RFC 8032 §5.1.3 accepts (y ≥ p, no square root for x, or x = 0 with the sign bit set).
    case invalid
    /// A valid point. `montgomeryU` is u = (1 + y)/(1 − y) as four little-endian words, or `nil` for the identity
    /// point (y = 1), which has no Montgomery image.
    case valid(montgomeryU: (UInt64, UInt64, UInt64, UInt64)?)

    /// Decodes a 32-byte Ed25519 public key and maps it to Montgomery form with one field exponentiation.
    ///
    /// RFC 8032 §5.1.3 decoding needs x² = num/den, num = y² − 1, den = d·y² + 1, to be a square; the map needs
    /// 1/(1 − y). Both come from one inverse square root: with z = 1 − y and X = num·den·z², X is a square iff
    /// num/den is (den and z are non-zero), and r = X³·(X⁷)^((p−5)/8) satisfies X·r² = ±1 exactly when X is a
    /// square (RFC 8032 §5.1.3 step 3 with u = 1, v = X). Then 1/X = ±r², and 1/z = z·num·den·(1/X).
    ///
    /// No subgroup or small-order check is made (did:key v0.7 §Encryption Method Creation uses the field formula).
    /// - Parameter words: The 32 bytes as four little-endian 64-bit words.
    static func decode(_ words: (UInt64, UInt64, UInt64, UInt64)) -> Ed25519PointDecoding {
        let sign = words.3 >> 63
        let y = Field25519(littleEndian: words.0, words.1, words.2, words.3)
        // Canonical y: the 255-bit value must be below p = 2^255 − 19.
        let top = words.3 & 0x7FFF_FFFF_FFFF_FFFF
        if top == 0x7FFF_FFFF_FFFF_FFFF && words.2 == .max && words.1 == .max && words.0 >= 0xFFFF_FFFF_FFFF_FFED {
            return .invalid
        }
        let y2 = y.squared()
        let num = y2 - .one
        let den = y2.multiplied(by: .edwardsD) + .one
        let z = Field25519.one - y
        if num.isZero {
            // y = ±1, x = 0: the sign bit must be clear. y = 1 is the identity (no Montgomery image); y = −1 maps
            // to u = 0.
            guard sign == 0 else { return .invalid }
            return .valid(montgomeryU: z.isZero ? nil : (0, 0, 0, 0))
        }
        let numDen = num.multiplied(by: den)
        let x = numDen.multiplied(by: z.squared())
        let x3 = x.squared().multiplied(by: x)
        let x7 = x3.squared().multiplied(by: x)
        let r = x3.multiplied(by: x7.power22523())
        let r2 = r.squared()
        let check = x.multiplied(by: r2)
        let inverseX: Field25519
        if check.isEqual(to: .one) {
            inverseX = r2
        } else if check.isEqual(to: -Field25519.one) {
            inverseX = -r2
        } else {
            return .invalid
        }
        let inverseZ = z.multiplied(by: numDen).multiplied(by: inverseX)
        let u = (Field25519.one + y).multiplied(by: inverseZ)
        return .valid(montgomeryU: u.littleEndianWords)
    }
}
