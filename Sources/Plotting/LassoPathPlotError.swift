/// Problems with the data given to a ``LassoPathPlot``.
///
/// Indices are zero-based, as the caller passed them: `lambdaIndex` 3 is `lambdas[3]` and
/// the fourth row of `coefficients`.
public enum LassoPathPlotError: Error, Equatable, CustomStringConvertible {
  /// The λ grid is empty.
  case noLambdas
  /// There are no candidate columns.
  case noColumns
  /// Two inputs that must agree in size do not: `what` names the input, `expected` the
  /// size it needs and `found` the size it has.
  case mismatchedSizes(what: String, expected: Int, found: Int)
  /// A penalty that is not a finite positive number, so it has no logarithm: `what` names
  /// it (`"lambdas[3]"`, `"marker \"plug-in λ\""`, `"lambdaMin"`).
  case invalidLambda(what: String, value: Double)
  /// A NaN or infinite coefficient of column `column` at `lambdas[lambdaIndex]`.
  case nonFiniteCoefficient(lambdaIndex: Int, column: String, value: Double)
  /// Two candidate columns share a name, so a highlighted name would be ambiguous.
  case duplicateColumnName(String)
  /// A highlighted name that is not one of the candidate columns.
  case unknownHighlightedColumn(String)

  /// A one-line message naming the problem.
  public var description: String {
    switch self {
    case .noLambdas:
      return "the λ grid is empty: there is no path to plot"
    case .noColumns:
      return "there are no candidate columns: there is no path to plot"
    case .mismatchedSizes(let what, let expected, let found):
      return "\(what) has \(found) value\(found == 1 ? "" : "s"); \(expected) \(expected == 1 ? "is" : "are") needed"
    case .invalidLambda(let what, let value):
      return "\(what) = \(value) is invalid: a penalty λ must be finite and positive"
    case .nonFiniteCoefficient(let lambdaIndex, let column, let value):
      return "the coefficient of \(column) at lambdas[\(lambdaIndex)] is \(value); coefficients must be finite"
    case .duplicateColumnName(let name):
      return "the column name \"\(name)\" appears more than once"
    case .unknownHighlightedColumn(let name):
      return "the highlighted name \"\(name)\" is not one of the candidate columns"
    }
  }
}
