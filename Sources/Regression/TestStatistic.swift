import Distributions

/// A test statistic with its reference distribution and p-value.
///
/// Mirrors linearmodels' `WaldTestStatistic`: a statistic that is χ²(df) or
/// F(df, dfDenominator) under the null. An invalid test (for example an
/// over-identification test of a just-identified model) has NaN statistic and
/// p-value, ``Distribution/none`` and a ``invalidReason``.
public struct TestStatistic: Sendable, Equatable {
  /// The reference distribution under the null hypothesis.
  public enum Distribution: Sendable, Equatable {
    /// χ² with the given degrees of freedom.
    case chiSquared(Int)
    /// F with numerator and denominator degrees of freedom.
    case f(Int, Int)
    /// No valid distribution (invalid test).
    case none

    /// The name as linearmodels prints it: `chi2(2)`, `F(2,17)`, `None`.
    public var name: String {
      switch self {
      case .chiSquared(let df): "chi2(\(df))"
      case .f(let df1, let df2): "F(\(df1),\(df2))"
      case .none: "None"
      }
    }
  }

  /// The test's name, e.g. "Wu-Hausman test of exogeneity".
  public let name: String
  /// The null hypothesis in words.
  public let nullHypothesis: String
  /// The statistic (NaN when invalid).
  public let statistic: Double
  /// The upper-tail probability of the statistic under the null (NaN when invalid).
  public let pValue: Double
  /// The reference distribution.
  public let distribution: Distribution
  /// Why the test could not be computed, for an invalid test.
  public let invalidReason: String?

  /// Creates a valid test and computes its p-value from `distribution`'s survival function.
  public init(name: String, nullHypothesis: String, statistic: Double, distribution: Distribution) {
    self.name = name
    self.nullHypothesis = nullHypothesis
    self.statistic = statistic
    self.distribution = distribution
    self.invalidReason = nil
    switch distribution {
    case .chiSquared(let df): self.pValue = ChiSquared(degreesOfFreedom: Double(df)).sf(statistic)
    case .f(let df1, let df2):
      self.pValue = FisherF(numeratorDegreesOfFreedom: Double(df1), denominatorDegreesOfFreedom: Double(df2)).sf(statistic)
    case .none: self.pValue = .nan
    }
  }

  /// Creates an invalid test.
  public init(invalid name: String, nullHypothesis: String, reason: String) {
    self.name = name
    self.nullHypothesis = nullHypothesis
    self.statistic = .nan
    self.pValue = .nan
    self.distribution = .none
    self.invalidReason = reason
  }

  /// Whether the statistic could be computed.
  public var isValid: Bool { invalidReason == nil }

  /// Numerator degrees of freedom (nil when invalid).
  public var degreesOfFreedom: Int? {
    switch distribution {
    case .chiSquared(let df), .f(let df, _): df
    case .none: nil
    }
  }

  /// Denominator degrees of freedom of an F test, otherwise nil.
  public var denominatorDegreesOfFreedom: Int? {
    if case .f(_, let df2) = distribution { return df2 }
    return nil
  }
}
