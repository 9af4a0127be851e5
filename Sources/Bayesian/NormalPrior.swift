/// A normal prior `N(mean, standardDeviation²)` on one coefficient; an infinite standard
/// deviation is the flat (improper) prior.
public struct NormalPrior: Sendable, Equatable {
  /// The prior mean.
  public var mean: Double
  /// The prior standard deviation (> 0); `.infinity` for a flat prior.
  public var standardDeviation: Double

  /// `N(mean, standardDeviation²)`.
  public init(mean: Double, standardDeviation: Double) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// The flat prior: every value equally likely (improper).
  public static let flat = NormalPrior(mean: 0, standardDeviation: .infinity)

  /// Whether this is the flat prior.
  public var isFlat: Bool { standardDeviation == .infinity }

  /// The prior precision `1/sd²` (0 when flat).
  var precision: Double { isFlat ? 0 : 1 / (standardDeviation * standardDeviation) }

  /// Whether the mean is finite and the standard deviation positive (finite or infinite).
  var isValid: Bool { mean.isFinite && standardDeviation > 0 && !standardDeviation.isNaN }
}
