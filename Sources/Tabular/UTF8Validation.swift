/// Finds the first byte that does not start a well-formed UTF-8 sequence.
enum UTF8Validation {
  /// The offset of the first invalid sequence in `bytes`, or `nil` when all of it is
  /// valid UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
  static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i < n {
      // ASCII fast path, 32 and then eight bytes at a time.
      while i + 32 <= n {
        let words =
          raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
        if words & 0x8080_8080_8080_8080 != 0 { break }
        i += 32
      }
      while i + 8 <= n {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        i += 8
      }
      guard i < n else { return nil }
      let b0 = bytes[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return i
      }
      guard i + length <= n else { return i }
      let b1 = bytes[i + 1]
      if b1 < low || b1 > high { return i }
      var k = 2
      while k < length {
        if bytes[i + k] & 0xC0 != 0x80 { return i }
        k += 1
      }
      i += length
    }
    return nil
  }
}
