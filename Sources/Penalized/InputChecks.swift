import LinearAlgebra

/// Validation shared by the estimators: sizes, finiteness and option domains.
enum InputChecks {
  /// Throws unless `x` has at least one row, `y` has one value per row and both are finite.
  static func data(_ x: Matrix, _ y: [Double]) throws(PenalizedError) {
    guard x.rows > 0 else { throw .noObservations }
    guard y.count == x.rows else {
      throw .mismatchedSizes(what: "y", expected: x.rows, found: y.count)
    }
    try finite(x)
    try finite(y, name: "y")
  }

  /// Throws at the first NaN or infinity of `x`, scanning column by column.
  static func finite(_ x: Matrix) throws(PenalizedError) {
    let n = x.rows
    for j in 0..<x.columns {
      for i in 0..<n where !x.storage[i + j * n].isFinite {
        throw .nonFiniteValue(variable: "column \(j + 1) of x", row: i + 1, value: x.storage[i + j * n])
      }
    }
  }

  /// Throws at the first NaN or infinity of `values`.
  static func finite(_ values: [Double], name: String) throws(PenalizedError) {
    for (i, v) in values.enumerated() where !v.isFinite {
      throw .nonFiniteValue(variable: name, row: i + 1, value: v)
    }
  }

  /// Throws unless `value` is finite and at least 0.
  static func nonNegative(_ value: Double, name: String) throws(PenalizedError) {
    guard value.isFinite && value >= 0 else {
      throw .invalidParameter(name: name, value: "\(value)", requirement: "a finite number ≥ 0")
    }
  }

  /// Throws unless `value` is finite and greater than 0.
  static func positive(_ value: Double, name: String) throws(PenalizedError) {
    guard value.isFinite && value > 0 else {
      throw .invalidParameter(name: name, value: "\(value)", requirement: "a finite number > 0")
    }
  }

  /// Throws unless `value` is at least `minimum`.
  static func atLeast(_ value: Int, _ minimum: Int, name: String) throws(PenalizedError) {
    guard value >= minimum else {
      throw .invalidParameter(name: name, value: "\(value)", requirement: "an integer ≥ \(minimum)")
    }
  }
}
