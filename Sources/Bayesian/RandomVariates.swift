#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Draws from the distributions the sampler needs, from any generator.
enum RandomVariates {
  /// A uniform draw on the open interval (0, 1): the top 53 bits plus a half, so neither
  /// end occurs and `log` of the result is always finite.
  static func uniform(_ random: inout some RandomNumberGenerator) -> Double {
    (Double(random.next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal draw (Box–Muller, one of the pair).
  static func normal(_ random: inout some RandomNumberGenerator) -> Double {
    let u = uniform(&random)
    let v = uniform(&random)
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }

  /// A Gamma(`shape`, 1) draw: Marsaglia and Tsang's (2000) squeeze method for shape ≥ 1;
  /// below 1, a Gamma(shape + 1) draw times U^(1/shape).
  ///
  /// - Precondition: `shape > 0` and finite.
  static func gamma(shape: Double, _ random: inout some RandomNumberGenerator) -> Double {
    if shape < 1 {
      let boosted = gamma(shape: shape + 1, &random)
      return boosted * pow(uniform(&random), 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal(&random)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniform(&random)
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A χ² draw with `degreesOfFreedom` (> 0, not necessarily whole) degrees of freedom.
  static func chiSquared(_ degreesOfFreedom: Double, _ random: inout some RandomNumberGenerator) -> Double {
    2 * gamma(shape: degreesOfFreedom / 2, &random)
  }
}
