/// Problems with the data or the options given to a penalized regression.
///
/// Every case names the offending input, so a message can say what to fix. Rows and
/// columns of the data are counted from 1 in ``nonFiniteValue(variable:row:value:)`` (as
/// a person counts them); indices that the caller passed (excluded columns, rows to
/// remove) are reported as given, zero-based.
public enum PenalizedError: Error, Equatable, CustomStringConvertible {
  /// Two inputs that must agree in size do not: `what` names the input, `expected` the
  /// size it needs and `found` the size it has.
  case mismatchedSizes(what: String, expected: Int, found: Int)
  /// The data have no rows.
  case noObservations
  /// A NaN or infinite value in the data. `variable` is `"y"` or `"x column j"`; `row` is
  /// 1-based.
  case nonFiniteValue(variable: String, row: Int, value: Double)
  /// A numeric option outside its domain (a negative or non-finite α, a tolerance ≤ 0, a
  /// negative penalty factor, …). `requirement` says what is allowed.
  case invalidParameter(name: String, value: String, requirement: String)
  /// A zero-based column index outside `0..<columns` (for exclusions) or row index
  /// outside `0..<rows` (for removing rows from Gram statistics).
  case indexOutOfRange(what: String, index: Int, count: Int)
  /// The response is constant, so glmnet's standardisation divides by zero (glmnet stops
  /// with "y is constant; gaussian glmnet fails at standardization step").
  case constantResponse
  /// Every column is constant, zero or excluded (glmnet's error 7777).
  case noUsableColumns
  /// The data are finite but their sums of squares overflow (entries near 10¹⁵⁴ or
  /// beyond): rescale the columns or y.
  case overflow
  /// Gram statistics that cannot be combined: different column counts or shifts, or the
  /// removed part holds as many rows as the whole.
  case incompatibleStatistics(String)

  /// A one-line message naming the problem.
  public var description: String {
    switch self {
    case .mismatchedSizes(let what, let expected, let found):
      return "\(what) has \(found) value\(found == 1 ? "" : "s"); \(expected) \(expected == 1 ? "is" : "are") needed"
    case .noObservations:
      return "the data have no observations"
    case .nonFiniteValue(let variable, let row, let value):
      return "\(variable) holds the non-finite value \(value) in row \(row)"
    case .invalidParameter(let name, let value, let requirement):
      return "\(name) = \(value) is invalid: it must be \(requirement)"
    case .indexOutOfRange(let what, let index, let count):
      return "\(what) \(index) is out of range 0..<\(count)"
    case .constantResponse:
      return "y is constant; the glmnet standardisation divides by its standard deviation"
    case .noUsableColumns:
      return "every column is constant, zero or excluded: there is nothing to fit"
    case .overflow:
      return "the sums of squares of the data overflow; rescale the columns or y"
    case .incompatibleStatistics(let why):
      return "the Gram statistics cannot be combined: \(why)"
    }
  }
}
