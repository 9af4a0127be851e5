/// Distinct byte strings numbered in order of first appearance, looked up by their bytes
/// without creating a `String` (a hash table with open addressing).
struct ByteStringTable {
  /// The strings' bytes, one after another.
  private var storage: [UInt8] = []
  /// Where string `k` starts in `storage`; the last entry is `storage.count`.
  private var starts: [Int] = [0]
  /// String numbers (-1 = empty slot); the count is a power of two.
  private var slots = [Int32](repeating: -1, count: 16)
  /// The hash of each string.
  private var hashes: [UInt64] = []

  /// The number of distinct strings.
  var count: Int { hashes.count }

  /// The bytes of string `k`.
  func bytes(_ k: Int) -> ArraySlice<UInt8> { storage[starts[k]..<starts[k + 1]] }

  /// The number of `text`, adding it when it is new.
  @inline(__always)
  mutating func code(of text: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = Self.hash(text)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let k = slots[slot]
      if k < 0 { break }
      if hashes[Int(k)] == hash && equals(Int(k), text) { return k }
      slot = (slot + 1) & mask
    }
    let k = Int32(truncatingIfNeeded: hashes.count)
    slots[slot] = k
    hashes.append(hash)
    storage.append(contentsOf: text)
    starts.append(storage.count)
    if hashes.count * 2 > slots.count { rehash() }
    return k
  }

  /// Whether string `k` is `text`.
  @inline(__always)
  private func equals(_ k: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[k]
    guard starts[k + 1] - start == text.count else { return false }
    return storage.withUnsafeBufferPointer { all in
      var i = 0
      while i < text.count {
        if all[start + i] != text[i] { return false }
        i += 1
      }
      return true
    }
  }

  /// Doubles the slots and re-inserts every string.
  private mutating func rehash() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for (k, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(truncatingIfNeeded: k)
    }
  }

  /// A 64-bit hash of `text`, mixing eight bytes at a time.
  @inline(__always)
  static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = UInt64(truncatingIfNeeded: text.count) &* multiplier
    guard let base = text.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= text.count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      h = (h ^ word) &* multiplier
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < text.count {
      tail |= UInt64(text[i]) &<< shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* multiplier
    return h ^ (h >> 32)
  }
}
