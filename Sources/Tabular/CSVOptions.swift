/// How to split a delimited text file into fields and which field texts mean "missing".
///
/// ```swift
/// let table = try DataTable(csv: "a\tb\n1\t2\n", options: .tab)
/// ```
public struct CSVOptions: Sendable, Equatable {
  /// The byte separating fields; must be ASCII and not a quote, CR or LF.
  ///
  /// An invalid delimiter is reported as ``CSVError/invalidDelimiter(_:)`` when reading.
  public var delimiter: UInt8
  /// Field texts (after removing quotes) that mark a missing value, matched exactly.
  public var missingTokens: Set<String>
  /// The names of the columns to read, or `nil` for all of them.
  ///
  /// The other columns' fields are still split off — so quoting errors and rows with the
  /// wrong number of fields are reported as usual — but not parsed, and the table holds
  /// only the named columns, in file order. A name that is not in the header is reported
  /// as ``CSVError/unknownColumn(_:suggestion:)``.
  public var columns: Set<String>?
  /// Whether a large input (16 MB or more) may be parsed on several cores at once. The
  /// table is the same either way.
  public var parallel: Bool

  /// Creates options; a `delimiter` that is not a single ASCII character is stored as
  /// `0xFF` and rejected when reading.
  public init(
    delimiter: Character = ",", missingTokens: Set<String> = CSVOptions.defaultMissingTokens,
    columns: Set<String>? = nil, parallel: Bool = true
  ) {
    self.delimiter = delimiter.asciiValue ?? 0xFF
    self.missingTokens = missingTokens
    self.columns = columns
    self.parallel = parallel
  }

  /// The pandas-like default missing tokens: `""`, `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`.
  public static let defaultMissingTokens: Set<String> = ["", "NA", "N/A", "NaN", "nan", "null", "NULL"]

  /// Tab-separated values with the default missing tokens.
  public static let tab = CSVOptions(delimiter: "\t")
}
