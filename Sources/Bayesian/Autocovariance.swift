#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The autocovariances of a series, `γ_k = (1/n) Σ_{i<n−k} (x_i − x̄)(x_{i+k} − x̄)` for every
/// lag `k < n` (the biased estimator ArviZ and Stan use), in O(n log n) by the FFT of the
/// zero-padded series: the inverse transform of its power spectrum is the circular
/// autocorrelation, which padding to twice the length makes linear.
enum Autocovariance {
  static func of(_ x: [Double]) -> [Double] {
    let n = x.count
    guard n > 0 else { return [] }
    let mean = x.reduce(0, +) / Double(n)
    var size = 1
    while size < 2 * n { size <<= 1 }
    var real = [Double](repeating: 0, count: size)
    var imaginary = [Double](repeating: 0, count: size)
    for i in 0..<n { real[i] = x[i] - mean }
    transform(&real, &imaginary)
    for i in 0..<size {
      real[i] = real[i] * real[i] + imaginary[i] * imaginary[i]
      imaginary[i] = 0
    }
    // The power spectrum is real and even, so the forward transform is the inverse times `size`.
    transform(&real, &imaginary)
    let scale = 1 / (Double(size) * Double(n))
    return (0..<n).map { real[$0] * scale }
  }

  /// The in-place iterative radix-2 FFT (`size` a power of 2), `X_k = Σ x_j e^(−2πijk/size)`.
  static func transform(_ real: inout [Double], _ imaginary: inout [Double]) {
    let size = real.count
    guard size > 1 else { return }
    // Bit-reversal permutation.
    var j = 0
    for i in 1..<size {
      var bit = size >> 1
      while j & bit != 0 {
        j ^= bit
        bit >>= 1
      }
      j |= bit
      if i < j {
        real.swapAt(i, j)
        imaginary.swapAt(i, j)
      }
    }
    var length = 2
    while length <= size {
      let angle = -2 * Double.pi / Double(length)
      let half = length / 2
      // Twiddle factors computed directly (not by recurrence) to keep round-off at ε.
      let cosines = (0..<half).map { cos(angle * Double($0)) }
      let sines = (0..<half).map { sin(angle * Double($0)) }
      var start = 0
      while start < size {
        for k in 0..<half {
          let a = start + k
          let b = a + half
          let tr = real[b] * cosines[k] - imaginary[b] * sines[k]
          let ti = real[b] * sines[k] + imaginary[b] * cosines[k]
          real[b] = real[a] - tr
          imaginary[b] = imaginary[a] - ti
          real[a] += tr
          imaginary[a] += ti
        }
        start += length
      }
      length <<= 1
    }
  }
}
