/// Decimal digits read eight bytes at a time from a little-endian 64-bit word (the byte
/// at the lowest address in the lowest eight bits), for ``DecimalParser``.
enum EightDigits {
  private static let zeros: UInt64 = 0x3030_3030_3030_3030
  private static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// How many of the word's bytes, from the lowest address on, are ASCII digits (0…8).
  ///
  /// A byte's top bit is set in `byte + 0x46` when the byte is above `9` and in
  /// `byte - 0x30` when it is below `0` (or not ASCII). Carries and borrows only move
  /// towards later bytes, and none start from a digit, so the first flagged byte is exact.
  @inline(__always)
  static func leadingDigitCount(_ word: UInt64) -> Int {
    let flags = ((word &+ 0x4646_4646_4646_4646) | (word &- zeros)) & highBits
    return flags.trailingZeroBitCount >> 3
  }

  /// The value of the first `count` bytes of `word` read as decimal digits, the first
  /// byte the most significant.
  ///
  /// - Precondition: `1 <= count <= 8` and those bytes are ASCII digits.
  @inline(__always)
  static func value(of word: UInt64, count: Int) -> UInt64 {
    // Shift the digits to the top bytes, so that the bytes below read as leading zeros.
    var v = (word &- zeros) &<< UInt64(64 - 8 * count)
    // Byte k becomes 10·d(k) + d(k+1): pairs of digits in the even bytes.
    v = v &* 10 &+ (v >> 8)
    // Pairs p0, p2, p4, p6 (bytes 0, 2, 4, 6): p0·10⁶ + p2·10⁴ + p4·10² + p6, in the high half.
    let pairMask: UInt64 = 0x0000_00FF_0000_00FF
    let outer = (v & pairMask) &* (100 &+ (1_000_000 << 32))
    let inner = ((v >> 16) & pairMask) &* (1 &+ (10_000 << 32))
    return (outer &+ inner) >> 32
  }

  /// 10^k for k = 0 … 8.
  @inline(__always)
  static func powerOfTen(_ k: Int) -> UInt64 {
    switch k {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    default: 100_000_000
    }
  }
}
