/// What the CSV reader does with a column's fields.
enum CSVColumnKind: UInt8 {
  /// Not read: the fields are split off but not parsed (a column the caller did not ask for).
  case skipped
  /// Parsed as numbers (missing tokens are NaN); the column stays numeric until a field
  /// is neither.
  case numeric
  /// Kept as labels.
  case labels
}
