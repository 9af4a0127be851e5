/// Why a Granger-causality test cannot be run. The descriptions start with statsmodels 0.15's
/// own message where it has one (`grangercausalitytests` raises `ValueError` or
/// `InfeasibleTestError`).
public enum GrangerCausalityError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A column name that is not in the table (with the closest name, if any).
  case unknownColumn(String, suggestion: String?)
  /// A column of labels where numbers are needed.
  case nonNumericColumn(String)
  /// A NaN (missing) or infinite value; `row` is 1-based.
  case nonFiniteValue(series: String, row: Int)
  /// Series of different lengths.
  case lengthMismatch(series: String, count: Int, expected: Int)
  /// `maxLag` ≤ 0.
  case invalidMaxLag(Int)
  /// An explicit lag list that is empty or holds a lag ≤ 0.
  case invalidLags([Int])
  /// Too few observations for the largest lag: statsmodels requires n > 3·maxlag + 1.
  case insufficientObservations(observations: Int, maximumLag: Int, maximumAllowableLag: Int)
  /// A lagged series is constant over the sample (statsmodels' first `InfeasibleTestError`).
  case constantSeries(series: String, lag: Int)
  /// The unrestricted model fits the effect perfectly (statsmodels' second `InfeasibleTestError`).
  case perfectFit(lag: Int)
  /// An all-pairs matrix needs at least two series.
  case tooFewSeries(Int)
  /// The same series named twice where distinct ones are needed.
  case duplicateSeries(String)

  public var description: String {
    switch self {
    case .unknownColumn(let name, let suggestion):
      return "unknown column '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    case .nonNumericColumn(let name):
      return "column '\(name)' holds text; Granger tests need numbers"
    case .nonFiniteValue(let series, let row):
      return "x contains NaN or inf values. ('\(series)' at row \(row): missing values are not supported)"
    case .lengthMismatch(let series, let count, let expected):
      return "series '\(series)' has \(count) values, expected \(expected)"
    case .invalidMaxLag:
      return "maxlag must be a positive integer"
    case .invalidLags:
      return "maxlag must be a non-empty list containing only positive integers"
    case .insufficientObservations(let observations, let maximumLag, let allowable):
      return "Insufficient observations. Maximum allowable lag is \(allowable)"
        + " (\(observations) observations, lag \(maximumLag) asked for)"
    case .constantSeries(let series, let lag):
      return "The x values include a column with constant values and so the test statistic cannot be computed."
        + " ('\(series)' is constant over the sample at lag \(lag))"
    case .perfectFit(let lag):
      return "The Granger causality test statistic cannot be computed because the VAR has a perfect fit of the data."
        + " (lag \(lag))"
    case .tooFewSeries(let count):
      return "a Granger-causality matrix needs at least two series, got \(count)"
    case .duplicateSeries(let name):
      return "series '\(name)' is named twice"
    }
  }
}
