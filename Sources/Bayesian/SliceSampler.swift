#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Neal's (2003) univariate slice sampler with stepping out and shrinkage: a Markov update
/// that leaves a density invariant knowing only its logarithm up to a constant, with no
/// step size to tune beyond a rough width.
struct SliceSampler {
  /// The initial bracket's width (any positive value works; the typical spread is best).
  let width: Double
  /// The most steps the bracket is stepped out on each side.
  let maximumSteps: Int = 64

  /// One update from `x` (where `logDensity` must be finite) for `logDensity`, which is
  /// `-infinity` outside the support.
  func update(
    _ x: Double, logDensity: (Double) -> Double, _ random: inout some RandomNumberGenerator
  ) -> Double {
    let level = logDensity(x) + log(RandomVariates.uniform(&random))
    var left = x - width * RandomVariates.uniform(&random)
    var right = left + width
    var steps = 0
    while steps < maximumSteps, logDensity(left) > level {
      left -= width
      steps += 1
    }
    steps = 0
    while steps < maximumSteps, logDensity(right) > level {
      right += width
      steps += 1
    }
    // Shrink the bracket towards x until a point inside the slice is drawn; x itself is
    // always inside, so this ends (the guard only stops a pathological density).
    for _ in 0..<200 {
      let candidate = left + (right - left) * RandomVariates.uniform(&random)
      if logDensity(candidate) > level { return candidate }
      if candidate < x { left = candidate } else { right = candidate }
    }
    return x
  }
}
