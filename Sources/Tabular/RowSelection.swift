/// Which rows of a table a ``RowCondition`` keeps, and why the others were dropped.
///
/// Every row is counted once: kept (the condition is true), false, or unknown
/// (the condition is missing because a value it compares is missing, as `NA` in R).
public struct RowSelection: Sendable, Equatable, CustomStringConvertible {
  /// The kept rows' indices, ascending.
  public let rows: [Int]
  /// The number of rows dropped because the condition is false.
  public let falseCount: Int
  /// The number of rows dropped because the condition is unknown (missing values).
  public let unknownCount: Int

  /// Creates a selection.
  public init(rows: [Int], falseCount: Int, unknownCount: Int) {
    self.rows = rows
    self.falseCount = falseCount
    self.unknownCount = unknownCount
  }

  /// The number of kept rows.
  public var keptCount: Int { rows.count }

  /// The number of dropped rows: ``falseCount`` plus ``unknownCount``.
  public var droppedCount: Int { falseCount + unknownCount }

  /// The number of rows the condition was evaluated on.
  public var totalCount: Int { rows.count + falseCount + unknownCount }

  /// A one-line summary such as
  /// `kept 812 of 1000 rows (176 false, 12 unknown because of missing values)`;
  /// the parenthesis lists only non-zero counts and is left out when no row is dropped.
  public var description: String {
    var reasons: [String] = []
    if falseCount > 0 { reasons.append("\(falseCount) false") }
    if unknownCount > 0 { reasons.append("\(unknownCount) unknown because of missing values") }
    let rowsWord = totalCount == 1 ? "row" : "rows"
    let why = reasons.isEmpty ? "" : " (" + reasons.joined(separator: ", ") + ")"
    return "kept \(keptCount) of \(totalCount) \(rowsWord)\(why)"
  }
}
