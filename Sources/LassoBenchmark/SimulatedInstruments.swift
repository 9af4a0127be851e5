import Dispatch
import LinearAlgebra

/// The benchmark data: n rows of p binary candidate instruments (A/B assignments), a few
/// of which move the endogenous variable x, and fold ids 1…10.
///
/// Every random number is SplitMix64's k-th output for the seed, a pure function of k,
/// so `Fixtures/scripts/bench_lasso_reference.py` rebuilds the same data bit for bit
/// with numpy (no transcendental functions are involved):
///
///     u(k)   = (splitmix64(seed, k) >> 11) · 2⁻⁵³                  uniform in [0, 1)
///     m_ij   = 1 if u(i·p + j) < 0.5 else 0                       (0-based i, j)
///     e_i    = u(n·p + 12i) + … + u(n·p + 12i + 11) − 6            (summed in order)
///     x_i    = Σ_t π_t m_{i, j_t} + e_i                            (summed in order of t)
///     fold_i = i mod 10 + 1
///
/// With `continuous`, m_ij = u(i·p + j) itself (uniform candidates, same x formula): the
/// same sizes without two-valued columns, to time the general route.
struct SimulatedInstruments {
  static let seed: UInt64 = 20_240_531
  /// The zero-based columns that move x, and by how much.
  static let truth: [(column: Int, effect: Double)] = [(2, 0.5), (16, 0.3), (41, 0.2), (100, 0.1), (149, 0.05)]

  let x: Matrix
  let y: [Double]
  let folds: [Int]

  init(rows n: Int, columns p: Int, folds k: Int, continuous: Bool = false) {
    var storage = [Double](repeating: 0, count: n * p)
    var y = [Double](repeating: 0, count: n)
    storage.withUnsafeMutableBufferPointer { m in
      let target = Shared(m)
      DispatchQueue.concurrentPerform(iterations: p) { j in
        guard let column = target.buffer.baseAddress.map({ $0 + j * n }) else { return }
        for i in 0..<n {
          let u = Self.uniform(UInt64(i * p + j))
          column[i] = continuous ? u : (u < 0.5 ? 1 : 0)
        }
      }
    }
    let noiseBase = UInt64(n * p)
    for i in 0..<n {
      var e = Self.uniform(noiseBase + UInt64(12 * i))
      for t in 1..<12 { e = e + Self.uniform(noiseBase + UInt64(12 * i + t)) }
      e = e - 6
      var v = 0.0
      for (column, effect) in Self.truth where column < p { v = v + effect * storage[i + column * n] }
      y[i] = v + e
    }
    x = Matrix(rows: n, columns: p, columnMajor: storage)
    self.y = y
    folds = (0..<n).map { $0 % k + 1 }
  }

  /// SplitMix64's output number `k` (0-based) for `seed`: the generator is a counter, so
  /// any output can be computed directly.
  static func splitmix(_ k: UInt64) -> UInt64 {
    var z = seed &+ (k &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  static func uniform(_ k: UInt64) -> Double { Double(splitmix(k) >> 11) * 0x1p-53 }

  /// FNV-1a over the bit patterns of `values` (a checksum the Python script repeats).
  static func fingerprint(_ values: [Double]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for v in values {
      var bits = v.bitPattern
      for _ in 0..<8 {
        h = (h ^ (bits & 0xff)) &* 0x0000_0100_0000_01b3
        bits >>= 8
      }
    }
    return h
  }

  /// The generator's output buffer, shared by the jobs (each writes its own column).
  private struct Shared: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
  }
}
