/// Where one field's text lies in the input: the bytes `start..<end`, inside the quotes
/// for a quoted field.
struct FieldSpan {
  /// The offset of the first byte of the text.
  var start: Int
  /// The offset just past the text.
  var end: Int
  /// Whether the field was quoted.
  var quoted: Bool
  /// Whether the text contains `""` escapes that must be turned into `"`.
  var escaped: Bool
}
