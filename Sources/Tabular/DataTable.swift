/// A table of named, typed columns of equal length: what a CSV file becomes.
///
/// ```swift
/// let table = try DataTable(columns: [("y", .numeric([1, 2, 3])), ("g", .categorical(CategoricalColumn(labels: ["a", "b", "a"])))])
/// table.rowCount        // 3
/// table["y"]            // Optional(.numeric([1.0, 2.0, 3.0]))
/// ```
public struct DataTable: Sendable, Equatable {
  /// Column names in file order.
  public let columnNames: [String]
  /// Columns, in the same order as ``columnNames``.
  public let columns: [Column]
  /// The number of rows (0 for a table with a header only).
  public let rowCount: Int
  /// The 1-based file line on which each row starts, or `nil` for a table not read
  /// from a file.
  ///
  /// A row can span several lines when a quoted field holds a line break; the entry
  /// is the line of the row's first byte. Error messages use it to say "row 17
  /// (line 18)". It is metadata: ``==`` ignores it.
  public let sourceLines: [Int]?
  private let indexByName: [String: Int]

  /// Creates a table from named columns, with no source lines.
  ///
  /// - Throws: ``DataTableError`` when a name is empty or repeated, or the columns
  ///   differ in length.
  public init(columns named: [(name: String, column: Column)]) throws(DataTableError) {
    try self.init(columns: named, sourceLines: nil)
  }

  /// Creates a table from named columns and the file line on which each row starts.
  ///
  /// - Throws: ``DataTableError`` when a name is empty or repeated, the columns
  ///   differ in length, or `sourceLines` does not have one entry per row.
  public init(
    columns named: [(name: String, column: Column)], sourceLines: [Int]?
  ) throws(DataTableError) {
    var index: [String: Int] = [:]
    for (i, entry) in named.enumerated() {
      if entry.name.isEmpty { throw .emptyColumnName(position: i + 1) }
      if let first = index[entry.name] {
        throw .duplicateColumnName(entry.name, firstPosition: first + 1, secondPosition: i + 1)
      }
      index[entry.name] = i
    }
    let rowCount = named.first?.column.count ?? 0
    for entry in named where entry.column.count != rowCount {
      throw .columnLengthMismatch(name: entry.name, expected: rowCount, found: entry.column.count)
    }
    if let sourceLines, sourceLines.count != rowCount {
      throw .sourceLineCountMismatch(expected: rowCount, found: sourceLines.count)
    }
    self.columnNames = named.map(\.name)
    self.columns = named.map(\.column)
    self.rowCount = rowCount
    self.sourceLines = sourceLines
    self.indexByName = index
  }

  /// Creates a table from parts the caller has already validated: distinct,
  /// non-empty names; columns of length `rowCount`; `sourceLines` of that length.
  init(validatedNames names: [String], columns: [Column], rowCount: Int, sourceLines: [Int]?) {
    var index: [String: Int] = [:]
    index.reserveCapacity(names.count)
    for (i, name) in names.enumerated() { index[name] = i }
    self.columnNames = names
    self.columns = columns
    self.rowCount = rowCount
    self.sourceLines = sourceLines
    self.indexByName = index
  }

  /// The column called `name`, or `nil` if there is none.
  public subscript(name: String) -> Column? {
    indexByName[name].map { columns[$0] }
  }

  /// The position of the column called `name`, or `nil`.
  public func index(of name: String) -> Int? { indexByName[name] }

  /// The table restricted to the given rows, in the given order; ``sourceLines``
  /// follow their rows.
  ///
  /// - Precondition: every entry of `rows` is in `0..<rowCount`.
  public func selectingRows(_ rows: [Int]) -> DataTable {
    let selected: [Column] = columns.map { column in
      switch column {
      case .numeric(let values):
        return .numeric(rows.map { values[$0] })
      case .categorical(let c):
        return .categorical(CategoricalColumn(levels: c.levels, codes: rows.map { c.codes[$0] }))
      }
    }
    return DataTable(
      validatedNames: columnNames, columns: selected, rowCount: rows.count,
      sourceLines: sourceLines.map { lines in rows.map { lines[$0] } })
  }

  /// Whether two tables have the same column names and columns (``sourceLines`` is ignored).
  public static func == (lhs: DataTable, rhs: DataTable) -> Bool {
    lhs.columnNames == rhs.columnNames && lhs.columns == rhs.columns
  }
}

/// Problems building a ``DataTable`` from columns.
public enum DataTableError: Error, Equatable, CustomStringConvertible {
  /// A column has an empty name (position is 1-based).
  case emptyColumnName(position: Int)
  /// Two columns share a name (positions are 1-based).
  case duplicateColumnName(String, firstPosition: Int, secondPosition: Int)
  /// A column's length differs from the first column's.
  case columnLengthMismatch(name: String, expected: Int, found: Int)
  /// The source-line list does not have one entry per row.
  case sourceLineCountMismatch(expected: Int, found: Int)

  /// A one-line explanation.

  public var description: String {
    switch self {
    case .emptyColumnName(let position):
      "column \(position) has an empty name"
    case .duplicateColumnName(let name, let first, let second):
      "duplicate column name '\(name)' (columns \(first) and \(second))"
    case .columnLengthMismatch(let name, let expected, let found):
      "column '\(name)' has \(found) rows, expected \(expected)"
    case .sourceLineCountMismatch(let expected, let found):
      "\(found) source lines given for \(expected) rows"
    }
  }
}
