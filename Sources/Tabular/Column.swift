/// One column of a ``DataTable``: numbers or categories.
///
/// Missing values are `Double.nan` in a numeric column and code `-1` in a
/// categorical one.
public enum Column: Sendable, Equatable {
  /// Numbers, with `.nan` marking a missing value.
  case numeric([Double])
  /// Labels stored as integer codes into a list of levels.
  case categorical(CategoricalColumn)

  /// The number of rows.
  public var count: Int {
    switch self {
    case .numeric(let values): values.count
    case .categorical(let column): column.codes.count
    }
  }

  /// Whether row `i` holds a missing value.
  public func isMissing(at i: Int) -> Bool {
    switch self {
    case .numeric(let values): values[i].isNaN
    case .categorical(let column): column.codes[i] < 0
    }
  }

  /// The number of missing values.
  public var missingCount: Int {
    switch self {
    case .numeric(let values): values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    case .categorical(let column): column.codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
    }
  }
}

/// A column of labels: each row holds an index into ``levels`` or `-1` when missing.
///
/// Levels are kept in sorted order (`String` comparison), so the first level is
/// the reference level of treatment coding, as in statsmodels and formulaic.
public struct CategoricalColumn: Sendable, Equatable {
  /// The distinct labels, sorted.
  public let levels: [String]
  /// One entry per row: an index into `levels`, or `-1` for a missing value.
  public let codes: [Int32]

  /// Creates a column from levels and codes.
  ///
  /// - Precondition: every code is `-1` or a valid index into `levels`.
  public init(levels: [String], codes: [Int32]) {
    precondition(codes.allSatisfy { $0 >= -1 && Int($0) < levels.count }, "Codes must index the levels.")
    self.levels = levels
    self.codes = codes
  }

  /// Creates a column from labels, with `nil` for a missing value; levels are sorted.
  public init(labels: [String?]) {
    let levels = Array(Set(labels.compactMap { $0 })).sorted()
    var index: [String: Int32] = [:]
    for (i, level) in levels.enumerated() { index[level] = Int32(i) }
    self.levels = levels
    self.codes = labels.map { label in label.flatMap { index[$0] } ?? -1 }
  }

  /// The label in row `i`, or `nil` when it is missing.
  public func label(at i: Int) -> String? {
    let code = codes[i]
    return code < 0 ? nil : levels[Int(code)]
  }
}
