/// The contiguous update both coordinate-descent solvers spend their time in.
enum VectorKernels {
  /// `y[i] += a·x[i]` for `i < n`, four lanes at a time (real vector loads, no index
  /// overflow checks) so a column update of the gradient runs at memory speed.
  @inline(__always)
  static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
    let scale = SIMD4<Double>(repeating: a)
    let source = UnsafeRawPointer(x), target = UnsafeMutableRawPointer(y)
    var i = 0
    while i &+ 4 <= n {
      let offset = i &* 8
      let sum =
        target.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        + scale * source.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      target.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<Double>.self)
      i &+= 4
    }
    while i < n {
      y[i] += a * x[i]
      i &+= 1
    }
  }
}
