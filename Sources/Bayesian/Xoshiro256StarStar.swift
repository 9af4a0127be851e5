/// Blackman and Vigna's xoshiro256** generator: 256 bits of state, a period of 2²⁵⁶ − 1
/// and a stream fixed by its specification, so a seed reproduces a run on every platform
/// (unlike `SystemRandomNumberGenerator`).
///
/// The state is filled from SplitMix64 (Steele, Lea and Flood), as the authors recommend,
/// so that nearby seeds give unrelated streams and the state is never all zero.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator whose state is the first four SplitMix64 outputs for `seed`.
  public init(seed: UInt64) {
    var mixer = seed
    s0 = Self.splitMix(&mixer)
    s1 = Self.splitMix(&mixer)
    s2 = Self.splitMix(&mixer)
    s3 = Self.splitMix(&mixer)
  }

  /// The generator of chain `stream` (0, 1, …) of a run seeded with `seed`: its state comes
  /// from SplitMix64 started at the `stream`-th SplitMix64 output for `seed`, so every
  /// chain has its own stream and adding chains does not change the earlier ones.
  public init(seed: UInt64, stream: Int) {
    var mixer = seed
    var chainSeed = Self.splitMix(&mixer)
    for _ in 0..<max(stream, 0) { chainSeed = Self.splitMix(&mixer) }
    self.init(seed: chainSeed)
  }

  /// SplitMix64's next output, advancing `state`.
  static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let shifted = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= shifted
    s3 = rotateLeft(s3, 45)
    return result
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
