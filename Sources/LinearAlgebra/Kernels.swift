// Importing the C library also autolinks libm, which `Double.squareRoot()` needs in release
// builds (it lowers to `sqrt`).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Low-level loops over contiguous `Double` buffers shared by the products and decompositions.
///
/// Every loop keeps several independent `SIMD4<Double>` accumulators so the adds pipeline and
/// vectorise without relying on floating-point reassociation. Row-blocked routines
/// (``crossProducts(_:_:rows:symmetric:into:)``, ``subtractProducts(_:_:_:rows:)``) walk a
/// chunk of rows at a time so the chunks of every column involved stay in cache.
enum Kernels {
  /// Rows per chunk in the row-blocked kernels (8 KiB per column chunk).
  static let chunk = 1024

  @inline(__always)
  static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
  }

  @inline(__always)
  static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, toByteOffset: i &* 8, as: SIMD4<Double>.self)
  }

  @inline(__always)
  static func total(_ s: SIMD4<Double>) -> Double { (s[0] + s[1]) + (s[2] + s[3]) }

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
    var r = total(s0 + s1)
    while i < n {
      r += a[i] * b[i]
      i &+= 1
    }
    return r
  }

  /// The four dot products of `a0`, `a1` with `b0`, `b1` over `n` entries, in one pass.
  @inline(__always)
  static func dot2x2(
    _ a0: UnsafePointer<Double>, _ a1: UnsafePointer<Double>,
    _ b0: UnsafePointer<Double>, _ b1: UnsafePointer<Double>, _ n: Int
  ) -> (Double, Double, Double, Double) {
    var s00 = SIMD4<Double>(), s01 = SIMD4<Double>(), s10 = SIMD4<Double>(), s11 = SIMD4<Double>()
    var i = 0
    while i &+ 4 <= n {
      let x0 = load(a0, i), x1 = load(a1, i), y0 = load(b0, i), y1 = load(b1, i)
      s00 += x0 * y0
      s01 += x0 * y1
      s10 += x1 * y0
      s11 += x1 * y1
      i &+= 4
    }
    var r00 = total(s00), r01 = total(s01), r10 = total(s10), r11 = total(s11)
    while i < n {
      r00 += a0[i] * b0[i]
      r01 += a0[i] * b1[i]
      r10 += a1[i] * b0[i]
      r11 += a1[i] * b1[i]
      i &+= 1
    }
    return (r00, r01, r10, r11)
  }

  /// `y[i] += alpha·x[i]` over `n` entries.
  @inline(__always)
  static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
    let a = SIMD4<Double>(repeating: alpha)
    var i = 0
    while i &+ 4 <= n {
      store(load(y, i) + a * load(x, i), y, i)
      i &+= 4
    }
    while i < n {
      y[i] += alpha * x[i]
      i &+= 1
    }
  }

  /// `y[i] -= w0·x0[i] + w1·x1[i] + w2·x2[i] + w3·x3[i]` over `n` entries.
  @inline(__always)
  static func subtract4(
    _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>,
    _ x3: UnsafePointer<Double>, _ w0: Double, _ w1: Double, _ w2: Double, _ w3: Double,
    _ y: UnsafeMutablePointer<Double>, _ n: Int
  ) {
    let c0 = SIMD4<Double>(repeating: w0), c1 = SIMD4<Double>(repeating: w1)
    let c2 = SIMD4<Double>(repeating: w2), c3 = SIMD4<Double>(repeating: w3)
    var i = 0
    while i &+ 4 <= n {
      let update = (c0 * load(x0, i) + c1 * load(x1, i)) + (c2 * load(x2, i) + c3 * load(x3, i))
      store(load(y, i) - update, y, i)
      i &+= 4
    }
    while i < n {
      y[i] -= (w0 * x0[i] + w1 * x1[i]) + (w2 * x2[i] + w3 * x3[i])
      i &+= 1
    }
  }

  /// `Σ a[i]` over `n` entries.
  @inline(__always)
  static func sum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var i = 0
    while i &+ 8 <= n {
      s0 += load(a, i)
      s1 += load(a, i &+ 4)
      i &+= 8
    }
    var r = total(s0 + s1)
    while i < n {
      r += a[i]
      i &+= 1
    }
    return r
  }

  /// `Σ a[i]²` over `n` entries.
  @inline(__always)
  static func sumOfSquares(_ a: UnsafePointer<Double>, _ n: Int) -> Double { dot(a, a, n) }

  /// The Euclidean norm of `n` entries, rescaling when the plain sum of squares would
  /// overflow or lose precision to underflow.
  static func norm(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    let ss = sumOfSquares(a, n)
    if ss.isFinite && ss > 1e-280 { return ss.squareRoot() }
    if ss.isNaN { return ss }
    var largest = 0.0
    for i in 0..<n { largest = Swift.max(largest, abs(a[i])) }
    if largest == 0 || !largest.isFinite { return largest }
    let scale = 1 / largest
    var scaled = 0.0
    for i in 0..<n {
      let x = a[i] * scale
      scaled += x * x
    }
    return largest * scaled.squareRoot()
  }

  /// `w[a + l·b.count] += Σ_{i ∈ rows} v[a][i]·c[l][i]` — the cross-product block `VᵀC`
  /// accumulated into the column-major `v.count × c.count` array `w`.
  ///
  /// With `symmetric` (`v` and `c` the same columns) only the upper triangle is guaranteed
  /// to be filled. The rows are processed in chunks so each chunk of every column is read
  /// from memory once, and 2×2 register blocks halve the loads per multiply–add.
  static func crossProducts(
    _ v: [UnsafePointer<Double>], _ c: [UnsafePointer<Double>], rows: Range<Int>,
    symmetric: Bool = false, into w: UnsafeMutablePointer<Double>
  ) {
    let p = v.count, q = c.count
    if p == 0 || q == 0 || rows.isEmpty { return }
    var start = rows.lowerBound
    while start < rows.upperBound {
      let n = Swift.min(chunk, rows.upperBound &- start)
      var l = 0
      while l < q {
        let l2 = l &+ 1 < q
        let c0 = c[l] + start
        let c1 = l2 ? c[l &+ 1] + start : c0
        var a = 0
        let aEnd = symmetric ? Swift.min(p, l &+ 2) : p
        while a < aEnd {
          let a2 = a &+ 1 < aEnd
          let v0 = v[a] + start
          let v1 = a2 ? v[a &+ 1] + start : v0
          if a2 && l2 {
            let (r00, r01, r10, r11) = dot2x2(v0, v1, c0, c1, n)
            w[a &+ l &* p] += r00
            w[a &+ (l &+ 1) &* p] += r01
            w[a &+ 1 &+ l &* p] += r10
            w[a &+ 1 &+ (l &+ 1) &* p] += r11
          } else {
            w[a &+ l &* p] += dot(v0, c0, n)
            if l2 { w[a &+ (l &+ 1) &* p] += dot(v0, c1, n) }
            if a2 { w[a &+ 1 &+ l &* p] += dot(v1, c0, n) }
          }
          a &+= 2
        }
        l &+= 2
      }
      start &+= n
    }
  }

  /// `c[l][i] -= Σ_a v[a][i]·w[a + l·v.count]` for `i ∈ rows`: subtracts `V·W` from the columns
  /// `c`, in row chunks, four columns of `V` per pass over a chunk of `c[l]`.
  static func subtractProducts(
    _ v: [UnsafePointer<Double>], _ w: UnsafePointer<Double>, _ c: [UnsafeMutablePointer<Double>],
    rows: Range<Int>
  ) {
    let p = v.count, q = c.count
    if p == 0 || q == 0 || rows.isEmpty { return }
    var start = rows.lowerBound
    while start < rows.upperBound {
      let n = Swift.min(chunk, rows.upperBound &- start)
      for l in 0..<q {
        let y = c[l] + start
        let wl = w + l &* p
        var a = 0
        while a &+ 4 <= p {
          subtract4(
            v[a] + start, v[a &+ 1] + start, v[a &+ 2] + start, v[a &+ 3] + start,
            wl[a], wl[a &+ 1], wl[a &+ 2], wl[a &+ 3], y, n)
          a &+= 4
        }
        while a < p {
          axpy(-wl[a], v[a] + start, y, n)
          a &+= 1
        }
      }
      start &+= n
    }
  }
}
