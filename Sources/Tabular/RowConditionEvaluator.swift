extension RowCondition {
  /// Evaluates the condition on every row of `table`.
  ///
  /// Column names and types are checked before any row is looked at. A numeric
  /// column compares with numbers and other numeric columns; a categorical column
  /// with strings and other categorical columns, by label (`==`, `!=` exact and
  /// case-sensitive; `<`, `<=`, `>`, `>=` in `String` order). A comparison that
  /// involves a missing value is unknown, and unknown propagates through `and`,
  /// `or` and `not` as in R (`FALSE and NA` is false, `TRUE or NA` is true);
  /// `is.na(column)` is never unknown. Rows where the condition is true are kept.
  ///
  /// - Returns: the kept rows and how many rows were dropped because the condition
  ///   was false or unknown.
  /// - Throws: ``RowConditionError/unknownColumn(_:suggestion:at:)`` for a name the
  ///   table does not have, or a type-mismatch case for a comparison between a
  ///   number and text.
  public func evaluate(on table: DataTable) throws(RowConditionError) -> RowSelection {
    let binder = RowConditionBinder(table: table, text: text)
    let bound = try binder.bind(expression)
    let truth = bound.evaluate(rowCount: table.rowCount)
    var rows: [Int] = []
    rows.reserveCapacity(truth.count)
    var falseCount = 0
    var unknownCount = 0
    for (i, value) in truth.enumerated() {
      switch value {
      case Truth.yes: rows.append(i)
      case Truth.no: falseCount += 1
      default: unknownCount += 1
      }
    }
    return RowSelection(rows: rows, falseCount: falseCount, unknownCount: unknownCount)
  }
}

/// Three-valued truth as a byte ordered false < unknown < true, so that `and` is
/// the minimum, `or` the maximum and `not` the reflection `2 - x`: exactly R's
/// (Kleene's) logic.
enum Truth {
  static let no: UInt8 = 0
  static let unknown: UInt8 = 1
  static let yes: UInt8 = 2

  static func of(_ value: Bool) -> UInt8 { value ? yes : no }
}

/// A condition whose columns are resolved and whose comparisons are type-checked.
indirect enum BoundCondition {
  /// Numbers: numeric columns and number literals.
  enum Numbers {
    case column([Double])
    case constant(Double)
  }

  /// Labels: categorical columns and string literals.
  enum Labels {
    case column(CategoricalColumn)
    case constant(String)
  }

  case constant(UInt8)
  case numbers(Numbers, RowCondition.ComparisonOperator, Numbers)
  case labels(Labels, RowCondition.ComparisonOperator, Labels)
  case isMissing(Column)
  case not(BoundCondition)
  case and([BoundCondition])
  case or([BoundCondition])

  /// The truth of the condition in each of `rowCount` rows.
  func evaluate(rowCount n: Int) -> [UInt8] {
    switch self {
    case .constant(let value):
      return [UInt8](repeating: value, count: n)
    case .numbers(let left, let op, let right):
      return Self.compare(left, op, right, rowCount: n)
    case .labels(let left, let op, let right):
      return Self.compare(left, op, right, rowCount: n)
    case .isMissing(let column):
      return (0..<n).map { Truth.of(column.isMissing(at: $0)) }
    case .not(let inner):
      return inner.evaluate(rowCount: n).map { Truth.yes - $0 }
    case .and(let parts):
      var result = [UInt8](repeating: Truth.yes, count: n)
      for part in parts {
        let values = part.evaluate(rowCount: n)
        for i in 0..<n { result[i] = min(result[i], values[i]) }
      }
      return result
    case .or(let parts):
      var result = [UInt8](repeating: Truth.no, count: n)
      for part in parts {
        let values = part.evaluate(rowCount: n)
        for i in 0..<n { result[i] = max(result[i], values[i]) }
      }
      return result
    }
  }

  private static func compare(
    _ left: Numbers, _ op: RowCondition.ComparisonOperator, _ right: Numbers, rowCount n: Int
  ) -> [UInt8] {
    func truth(_ a: Double, _ b: Double) -> UInt8 {
      a.isNaN || b.isNaN ? Truth.unknown : Truth.of(op.holds(a, b))
    }
    switch (left, right) {
    case (.constant(let a), .constant(let b)):
      return [UInt8](repeating: truth(a, b), count: n)
    case (.column(let xs), .constant(let b)):
      return xs.map { truth($0, b) }
    case (.constant(let a), .column(let ys)):
      return ys.map { truth(a, $0) }
    case (.column(let xs), .column(let ys)):
      return (0..<n).map { truth(xs[$0], ys[$0]) }
    }
  }

  private static func compare(
    _ left: Labels, _ op: RowCondition.ComparisonOperator, _ right: Labels, rowCount n: Int
  ) -> [UInt8] {
    switch (left, right) {
    case (.constant(let a), .constant(let b)):
      return [UInt8](repeating: Truth.of(op.holds(a, b)), count: n)
    case (.column(let column), .constant(let b)):
      let byLevel = column.levels.map { Truth.of(op.holds($0, b)) }
      return column.codes.map { $0 < 0 ? Truth.unknown : byLevel[Int($0)] }
    case (.constant(let a), .column(let column)):
      let byLevel = column.levels.map { Truth.of(op.holds(a, $0)) }
      return column.codes.map { $0 < 0 ? Truth.unknown : byLevel[Int($0)] }
    case (.column(let x), .column(let y)):
      return (0..<n).map { i in
        guard let a = x.label(at: i), let b = y.label(at: i) else { return Truth.unknown }
        return Truth.of(op.holds(a, b))
      }
    }
  }
}

/// Resolves a parsed condition against a table: finds the columns and checks that
/// each comparison is between numbers or between labels.
struct RowConditionBinder {
  let table: DataTable
  let scalars: [Unicode.Scalar]

  init(table: DataTable, text: String) {
    self.table = table
    self.scalars = Array(text.unicodeScalars)
  }

  /// An operand with its column looked up.
  private enum Value {
    case numericColumn(String, [Double])
    case categoricalColumn(String, CategoricalColumn)
    case number(Double)
    case string(String)
  }

  func bind(_ expression: RowCondition.Expression) throws(RowConditionError) -> BoundCondition {
    switch expression {
    case .constant(let value):
      return .constant(Truth.of(value))
    case .isMissing(let name, let span):
      return .isMissing(try column(name, at: span))
    case .not(let inner):
      return .not(try bind(inner))
    case .and(let parts):
      var bound: [BoundCondition] = []
      for part in parts { bound.append(try bind(part)) }
      return .and(bound)
    case .or(let parts):
      var bound: [BoundCondition] = []
      for part in parts { bound.append(try bind(part)) }
      return .or(bound)
    case .comparison(let comparison):
      return try bind(comparison)
    }
  }

  private func bind(_ comparison: RowCondition.Comparison) throws(RowConditionError) -> BoundCondition {
    let left = try value(comparison.left)
    let right = try value(comparison.right)
    let op = comparison.op
    switch (left, right) {
    case (.numericColumn(_, let xs), .numericColumn(_, let ys)): return .numbers(.column(xs), op, .column(ys))
    case (.numericColumn(_, let xs), .number(let b)): return .numbers(.column(xs), op, .constant(b))
    case (.number(let a), .numericColumn(_, let ys)): return .numbers(.constant(a), op, .column(ys))
    case (.number(let a), .number(let b)): return .numbers(.constant(a), op, .constant(b))
    case (.categoricalColumn(_, let x), .categoricalColumn(_, let y)): return .labels(.column(x), op, .column(y))
    case (.categoricalColumn(_, let x), .string(let b)): return .labels(.column(x), op, .constant(b))
    case (.string(let a), .categoricalColumn(_, let y)): return .labels(.constant(a), op, .column(y))
    case (.string(let a), .string(let b)): return .labels(.constant(a), op, .constant(b))

    case (.numericColumn(let name, _), .string):
      throw .numericColumnVersusString(column: name, literal: source(comparison.right.span), at: comparison.right.span)
    case (.string, .numericColumn(let name, _)):
      throw .numericColumnVersusString(column: name, literal: source(comparison.left.span), at: comparison.left.span)
    case (.categoricalColumn(let name, let column), .number):
      throw .categoricalColumnVersusNumber(
        column: name, literal: source(comparison.right.span), labelsLookNumeric: Self.looksNumeric(column),
        at: comparison.right.span)
    case (.number, .categoricalColumn(let name, let column)):
      throw .categoricalColumnVersusNumber(
        column: name, literal: source(comparison.left.span), labelsLookNumeric: Self.looksNumeric(column),
        at: comparison.left.span)
    case (.numericColumn(let numeric, _), .categoricalColumn(let categorical, _)),
      (.categoricalColumn(let categorical, _), .numericColumn(let numeric, _)):
      throw .numericVersusCategoricalColumn(numeric: numeric, categorical: categorical, at: comparison.span)
    case (.number, .string):
      throw .numberVersusString(
        number: source(comparison.left.span), string: source(comparison.right.span), at: comparison.span)
    case (.string, .number):
      throw .numberVersusString(
        number: source(comparison.right.span), string: source(comparison.left.span), at: comparison.span)
    }
  }

  private func value(_ operand: RowCondition.Operand) throws(RowConditionError) -> Value {
    switch operand {
    case .number(let value, _): return .number(value)
    case .string(let value, _): return .string(value)
    case .column(let name, let span):
      switch try column(name, at: span) {
      case .numeric(let values): return .numericColumn(name, values)
      case .categorical(let column): return .categoricalColumn(name, column)
      }
    }
  }

  private func column(_ name: String, at span: RowCondition.Span) throws(RowConditionError) -> Column {
    guard let column = table[name] else {
      throw .unknownColumn(name, suggestion: closestMatch(to: name, among: table.columnNames), at: span)
    }
    return column
  }

  /// The condition text covered by `span` (clamped to the text).
  private func source(_ span: RowCondition.Span) -> String {
    let start = max(0, min(span.offset, scalars.count))
    let end = max(start, min(span.offset + span.length, scalars.count))
    return String(String.UnicodeScalarView(scalars[start..<end]))
  }

  /// Whether a categorical column has labels and every one reads as a number.
  private static func looksNumeric(_ column: CategoricalColumn) -> Bool {
    !column.levels.isEmpty && column.levels.allSatisfy { RowConditionLexer.isNumberLiteral(trimmingSpaces($0)) }
  }

  private static func trimmingSpaces(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars
    while scalars.first == " " { scalars.removeFirst() }
    while scalars.last == " " { scalars.removeLast() }
    return String(scalars)
  }
}
