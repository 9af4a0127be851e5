import Foundation

extension CSVError {
  /// The line and byte column an error points at, when it points at one.
  public var location: (line: Int, column: Int?)? {
    switch self {
    case .invalidUTF8(let line, let column), .unterminatedQuote(let line, let column),
      .unexpectedQuote(let line, let column):
      (line, column)
    case .raggedRow(let line, _, _): (line, nil)
    case .emptyColumnName, .duplicateColumnName, .unknownColumn: (1, nil)
    case .fileNotReadable, .emptyInput, .invalidDelimiter: nil
    }
  }

  /// The offending line of the file, indented by two spaces, with a caret line under
  /// the column when the error has one:
  ///
  ///       3,"abc,4
  ///         ^
  ///
  /// At most ``excerptWidth`` characters of the line are shown, around the column;
  /// invalid UTF-8 is shown as U+FFFD and control characters as spaces. Nil when the
  /// error has no location or the file cannot be read again.
  public func sourceExcerpt(fileAtPath path: String) -> String? {
    guard let (lineNumber, column) = location, lineNumber >= 1,
      let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    else { return nil }
    return data.withUnsafeBytes { raw -> String? in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let (start, end) = Self.lineRange(lineNumber, in: bytes) else { return nil }
      let caretByte = column.map { min(max($0 - 1, 0), end - start) }
      // A window of bytes around the column, so a 1 GB line prints 120 characters.
      let windowStart = max(start, start + (caretByte ?? 0) - Self.excerptWidth / 2)
      let windowEnd = min(end, windowStart + Self.excerptWidth)
      func text(_ from: Int, _ to: Int) -> String {
        let decoded = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        return String(decoded.map { $0.isASCII && ($0.asciiValue ?? 32) < 32 ? " " : $0 })
      }
      let prefix = windowStart > start ? "…" : ""
      let suffix = windowEnd < end ? "…" : ""
      var excerpt = "  " + prefix + text(windowStart, windowEnd) + suffix
      if let caretByte {
        let caretAt = max(windowStart, min(start + caretByte, windowEnd))
        excerpt += "\n  " + String(repeating: " ", count: prefix.count + text(windowStart, caretAt).count) + "^"
      }
      return excerpt
    }
  }

  /// The widest excerpt of a line, in bytes.
  public static let excerptWidth = 120

  /// The byte range of 1-based line `number` (without its line break); lines end at
  /// LF, CRLF or a lone CR, as the reader counts them.
  static func lineRange(_ number: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
    var line = 1
    var index = 0
    let count = bytes.count
    while line < number {
      guard index < count else { return nil }
      let byte = bytes[index]
      index += 1
      if byte == 0x0A {
        line += 1
      } else if byte == 0x0D {
        if index < count && bytes[index] == 0x0A { index += 1 }
        line += 1
      }
    }
    // Skip a byte-order mark on the first line.
    if number == 1, count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    var end = index
    while end < count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
    return (index, end)
  }
}
