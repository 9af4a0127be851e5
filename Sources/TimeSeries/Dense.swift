/// Loops over contiguous `Double` buffers for the Granger hot paths: several independent
/// SIMD accumulators so the adds pipeline without relying on reassociation.
enum Dense {
  @inline(__always)
  static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
  }

  /// `Σ a[i]·b[i]` over `n` entries.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var i = 0
    while i &+ 8 <= n {
      s0 += load(a, i) * load(b, i)
      s1 += load(a, i &+ 4) * load(b, i &+ 4)
      i &+= 8
    }
    var s = s0 + s1
    while i &+ 4 <= n {
      s += load(a, i) * load(b, i)
      i &+= 4
    }
    var r = (s[0] + s[1]) + (s[2] + s[3])
    while i < n {
      r += a[i] * b[i]
      i &+= 1
    }
    return r
  }

  /// `Σ a[i]·b[i]` of two arrays of equal length.
  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "Dot product of arrays of different lengths.")
    return a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        guard let ab = ap.baseAddress, let bb = bp.baseAddress else { return 0 }
        return dot(ab, bb, a.count)
      }
    }
  }

  /// `y[i] -= alpha·x[i]` over `n` entries.
  @inline(__always)
  static func subtract(_ alpha: Double, _ x: UnsafePointer<Double>, from y: UnsafeMutablePointer<Double>, _ n: Int) {
    let a = SIMD4<Double>(repeating: alpha)
    var i = 0
    while i &+ 4 <= n {
      let v = load(UnsafePointer(y), i) - a * load(x, i)
      UnsafeMutableRawPointer(y).storeBytes(of: v, toByteOffset: i &* 8, as: SIMD4<Double>.self)
      i &+= 4
    }
    while i < n {
      y[i] -= alpha * x[i]
      i &+= 1
    }
  }

  /// The mean of `n` entries.
  static func mean(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    var s = SIMD4<Double>()
    var i = 0
    while i &+ 4 <= n {
      s += load(a, i)
      i &+= 4
    }
    var r = (s[0] + s[1]) + (s[2] + s[3])
    while i < n {
      r += a[i]
      i &+= 1
    }
    return r / Double(n)
  }

  /// `Σ a[i]²` as accurately as if computed in twice the working precision (Ogita, Rump &
  /// Oishi's Dot2: TwoSum for the additions, one fused multiply-add for each product's
  /// error), so residual sums of squares whose difference is a test statistic lose no digits
  /// to summation.
  static func accurateSumOfSquares(_ a: [Double]) -> Double {
    var sum = 0.0, compensation = 0.0
    for x in a {
      let product = x * x
      let next = sum + product
      let z = next - sum
      compensation += (sum - (next - z)) + (product - z)
      compensation += (-product).addingProduct(x, x)
      sum = next
    }
    return sum + compensation
  }
}
