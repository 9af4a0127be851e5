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

  /// Creates options; a `delimiter` that is not a single ASCII character is stored as
  /// `0xFF` and rejected when reading.
  public init(delimiter: Character = ",", missingTokens: Set<String> = CSVOptions.defaultMissingTokens) {
    self.delimiter = delimiter.asciiValue ?? 0xFF
    self.missingTokens = missingTokens
  }

  /// The pandas-like default missing tokens: `""`, `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`.
  public static let defaultMissingTokens: Set<String> = ["", "NA", "N/A", "NaN", "nan", "null", "NULL"]

  /// Tab-separated values with the default missing tokens.
  public static let tab = CSVOptions(delimiter: "\t")
}
