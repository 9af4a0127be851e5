/// What one column of a ``DataTable`` holds: its type, how many values are missing,
/// and basic statistics (numeric) or level counts (categorical) — what to look at
/// before writing a formula.
///
/// ```swift
/// let table = try DataTable(csv: "y,g\n1,a\n2,b\nNA,a\n4,a\n")
/// let summaries = table.describe()
/// summaries[0].typeDescription   // "integer"
/// summaries[0].mean              // Optional(2.333…)
/// summaries[0].missingCount      // 1
/// summaries[1].typeDescription   // "text (2 levels)"
/// summaries[1].mostFrequentLevel // Optional(LevelCount(level: "a", count: 3))
/// ```
///
/// The numeric statistics follow pandas' `DataFrame.describe` (and R): the standard
/// deviation has the `n − 1` denominator, and the quartiles use linear
/// interpolation between order statistics (numpy's and pandas' default, R's type 7).
/// A statistic that is undefined — any statistic of a column with no values, the
/// standard deviation of a single value or of values including an infinity, the mean
/// of values including both `+∞` and `−∞` — is `nil`, never NaN.
public struct ColumnSummary: Sendable, Equatable {
  /// The type of a column, as inferred when the table was read.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// Numbers (possibly with missing values); a column with only missing values is numeric.
    case numeric
    /// Text labels, stored as levels.
    case categorical
  }

  /// A level of a categorical column and the number of rows holding it.
  public struct LevelCount: Sendable, Equatable {
    /// The label.
    public let level: String
    /// The number of rows with this label (at least 1).
    public let count: Int

    /// Creates a level count.
    public init(level: String, count: Int) {
      self.level = level
      self.count = count
    }
  }

  /// The column's name.
  public let name: String
  /// The column's 1-based position in the table.
  public let position: Int
  /// Numeric or categorical.
  public let kind: Kind
  /// The number of non-missing values.
  public let count: Int
  /// The number of missing values (NaN in a numeric column, code `-1` in a categorical one).
  public let missingCount: Int

  /// The arithmetic mean of the non-missing values; `nil` for a categorical column,
  /// with no values, or with both `+∞` and `−∞`.
  public let mean: Double?
  /// The sample standard deviation (denominator `count − 1`), as pandas' `std` and R's
  /// `sd`; `nil` for a categorical column, with fewer than two values, or with an
  /// infinite value. Exactly 0 when all values are equal.
  public let standardDeviation: Double?
  /// The smallest value; `nil` for a categorical column or with no values.
  public let minimum: Double?
  /// The 25% quantile (linear interpolation, pandas' `25%`, R's type 7); `nil` for a
  /// categorical column or with no values.
  public let firstQuartile: Double?
  /// The 50% quantile (the median, averaging the two middle values for an even
  /// count); `nil` for a categorical column or with no values.
  public let median: Double?
  /// The 75% quantile (linear interpolation, pandas' `75%`, R's type 7); `nil` for a
  /// categorical column or with no values.
  public let thirdQuartile: Double?
  /// The largest value; `nil` for a categorical column or with no values.
  public let maximum: Double?

  /// The number of distinct non-missing values: distinct numbers (`0.0` and `-0.0`
  /// count as one) or levels that occur (pandas' `nunique` / `unique`).
  public let distinctCount: Int
  /// Whether the column is numeric, has at least one value, and every value is 0 or
  /// 1: a dummy variable.
  public let isBinary: Bool
  /// Whether the column is numeric, has at least one value, and every value is a
  /// finite whole number: a code that may be meant as a category (`C(x)`).
  public let isIntegerValued: Bool

  /// The levels that occur in a categorical column with their counts, most frequent
  /// first, ties in level order (the sorted order of ``CategoricalColumn/levels``);
  /// empty for a numeric column. Levels of ``CategoricalColumn/levels`` that no row
  /// holds are left out, as formulas leave them out.
  public let levelCounts: [LevelCount]

  /// The number of levels that occur in a categorical column (``distinctCount``), or
  /// `nil` for a numeric column.
  public var levelCount: Int? { kind == .categorical ? levelCounts.count : nil }

  /// The most frequent level of a categorical column (the first level in level order
  /// when several are equally frequent), or `nil` for a numeric column or a
  /// categorical column with only missing values.
  public var mostFrequentLevel: LevelCount? { levelCounts.first }

  /// The number of rows: ``count`` plus ``missingCount``.
  public var rowCount: Int { count + missingCount }

  /// A short type name: `"binary"` (only 0 and 1), `"integer"` (only whole
  /// numbers), `"numeric"` (other numbers, or no values at all), or
  /// `"text (k levels)"` (`"text (1 level)"`) for a categorical column with `k`
  /// levels that occur.
  public var typeDescription: String {
    switch kind {
    case .numeric:
      if isBinary { return "binary" }
      if isIntegerValued { return "integer" }
      return "numeric"
    case .categorical:
      let k = levelCounts.count
      return "text (\(k) \(k == 1 ? "level" : "levels"))"
    }
  }
}
