/// Why a CSV input could not be read; every case says where.
///
/// Lines and columns are 1-based. A column is a **byte** offset within its line plus
/// one (so a non-ASCII character counts as several columns). A line ends at LF, CRLF
/// or a lone CR, including line breaks inside quoted fields.
public enum CSVError: Error, Equatable, CustomStringConvertible {
  /// The file could not be opened or read.
  case fileNotReadable(path: String, reason: String)
  /// The input holds nothing but an optional byte-order mark and white space or line breaks.
  case emptyInput
  /// The bytes at this position are not valid UTF-8.
  case invalidUTF8(line: Int, column: Int)
  /// A quoted field opened at this position is never closed.
  case unterminatedQuote(line: Int, column: Int)
  /// A quote at this position is inside an unquoted field (`ab"c`) or closes a quoted
  /// field that is followed by more text (`"ab"c`).
  case unexpectedQuote(line: Int, column: Int)
  /// The record starting on `line` has `fields` fields instead of the header's `expected`.
  case raggedRow(line: Int, fields: Int, expected: Int)
  /// The header's field number `column` is empty.
  case emptyColumnName(column: Int)
  /// Two header fields have the same name.
  case duplicateColumnName(String, firstColumn: Int, secondColumn: Int)
  /// The delimiter byte is not ASCII, or is a quote, CR or LF.
  case invalidDelimiter(UInt8)
  /// A column asked for (``CSVOptions/columns``) is not in the header; `suggestion` is
  /// the header name closest to it, if one is close.
  case unknownColumn(String, suggestion: String?)

  /// A one-line explanation, such as `line 7 has 4 fields, the header has 3`.
  public var description: String {
    switch self {
    case .fileNotReadable(let path, let reason):
      "cannot read file '\(path)': \(reason)"
    case .emptyInput:
      "the file is empty"
    case .invalidUTF8(let line, let column):
      "line \(line), column \(column): invalid UTF-8"
    case .unterminatedQuote(let line, let column):
      "line \(line), column \(column): unterminated quoted field (opened here)"
    case .unexpectedQuote(let line, let column):
      "line \(line), column \(column): unexpected quote (a quoted field must be quoted as a whole; write \"\" for a quote inside it)"
    case .raggedRow(let line, let fields, let expected):
      "line \(line) has \(fields) field\(fields == 1 ? "" : "s"), the header has \(expected)"
    case .emptyColumnName(let column):
      "column \(column) of the header has an empty name"
    case .duplicateColumnName(let name, let first, let second):
      "duplicate column name '\(name)' (columns \(first) and \(second))"
    case .invalidDelimiter(let byte):
      "invalid delimiter byte \(byte): it must be an ASCII character other than a quote or line break"
    case .unknownColumn(let name, let suggestion):
      "no column named '\(name)' in the header" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }
  }
}
