/// Reads CSV bytes into a ``DataTable`` in one pass, inferring each column's type.
///
/// Each column is parsed as numbers until a value is neither a number nor a missing
/// token; the column's earlier rows are then read again (from the recorded record
/// offsets) as labels, so each column is re-read at most once. Memory is
/// proportional to the input size (at most about 8 bytes per input byte for the
/// numbers, which take one slot per field until the end).
enum CSVReader {
  private static let quote = UInt8(ascii: "\"")

  /// Reads `input`, which may start with a UTF-8 byte-order mark.
  static func read(_ input: UnsafeBufferPointer<UInt8>, options: CSVOptions) throws(CSVError) -> DataTable {
    let delimiter = options.delimiter
    if delimiter >= 0x80 || delimiter == quote || delimiter == UInt8(ascii: "\n")
      || delimiter == UInt8(ascii: "\r")
    {
      throw .invalidDelimiter(delimiter)
    }
    var bytes = input
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      bytes = UnsafeBufferPointer(rebasing: bytes[3...])
    }
    if let bad = UTF8Validation.firstInvalidOffset(bytes) {
      let (line, column) = location(of: bad, in: bytes)
      throw .invalidUTF8(line: line, column: column)
    }
    if !bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
      throw .emptyInput
    }

    var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, position: 0, line: 1, lineStart: 0)
    var fields: [FieldSpan] = []
    guard try tokenizer.nextRecord(into: &fields) else { throw .emptyInput }
    let names = try headerNames(fields, bytes)
    let width = names.count
    let missing = MissingTokenMatcher(options.missingTokens)
    let body = UnsafeBufferPointer(rebasing: bytes[tokenizer.position...])
    let chunk: CSVChunk
    if let parallel = try CSVParallelRead.read(
      body, firstLine: tokenizer.line, width: width, delimiter: delimiter, missing: missing)
    {
      chunk = parallel
    } else {
      chunk = try parseRecords(body, firstLine: tokenizer.line, width: width, delimiter: delimiter, missing: missing)
    }
    return chunk.table(names: names)
  }

  /// Parses the records of `bytes` (which starts at the beginning of a line, numbered
  /// `firstLine`): every field of a column is a number until one is neither a number nor
  /// a missing token; that column's earlier rows are then read again as labels.
  static func parseRecords(
    _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, width: Int, delimiter: UInt8, missing: MissingTokenMatcher
  ) throws(CSVError) -> CSVChunk {
    let checkMissingFirst = missing.hasNumericToken
    var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, position: 0, line: firstLine, lineStart: 0)
    var fields: [FieldSpan] = []
    // Numbers are stored row by row (one slot per field, also for categorical
    // columns) and moved into columns at the end.
    var numbers: [Double] = []
    var isNumeric = [Bool](repeating: true, count: width)
    var labelColumns = [LabelColumnBuilder](repeating: LabelColumnBuilder(), count: width)
    var sourceLines: [Int] = []
    var recordStarts: [Int] = []
    var row = 0

    while tokenizer.startRecord() {
      sourceLines.append(tokenizer.recordLine)
      recordStarts.append(tokenizer.recordStart)
      var j = 0
      while true {
        let (field, isLast) = try tokenizer.nextField()
        if j < width {
          if isNumeric[j] {
            if let value = number(field, bytes, missing, checkMissingFirst: checkMissingFirst) {
              numbers.append(value)
            } else {
              // Not a number: re-read the rows so far as labels.
              numbers.append(.nan)
              isNumeric[j] = false
              var builder = LabelColumnBuilder()
              for earlier in 0..<row {
                var again = CSVTokenizer(
                  bytes: bytes, delimiter: delimiter, position: recordStarts[earlier],
                  line: sourceLines[earlier], lineStart: recordStarts[earlier])
                guard try again.nextRecord(into: &fields), j < fields.count else { continue }
                appendLabel(fields[j], bytes, missing, to: &builder)
              }
              appendLabel(field, bytes, missing, to: &builder)
              labelColumns[j] = builder
            }
          } else {
            numbers.append(.nan)
            appendLabel(field, bytes, missing, to: &labelColumns[j])
          }
        }
        j += 1
        if isLast { break }
      }
      guard j == width else {
        throw .raggedRow(line: tokenizer.recordLine, fields: j, expected: width)
      }
      if row == 0 {
        // Guess the row count from the first row's length, to avoid regrowing.
        let firstRowLength = max(1, tokenizer.position - tokenizer.recordStart)
        let estimatedRows = (bytes.count - tokenizer.recordStart) / firstRowLength + 1
        numbers.reserveCapacity(estimatedRows * width)
        sourceLines.reserveCapacity(estimatedRows)
        recordStarts.reserveCapacity(estimatedRows)
      }
      row += 1
    }
    return CSVChunk(
      width: width, numbers: numbers, isNumeric: isNumeric, labelColumns: labelColumns, sourceLines: sourceLines,
      rows: row)
  }

  /// The field's value if it is a number, NaN if it is a missing token, `nil` otherwise.
  @inline(__always)
  private static func number(
    _ field: FieldSpan, _ bytes: UnsafeBufferPointer<UInt8>, _ missing: MissingTokenMatcher,
    checkMissingFirst: Bool
  ) -> Double? {
    if !field.escaped {
      if checkMissingFirst && missing.matches(bytes, from: field.start, to: field.end) { return .nan }
      if let value = DecimalParser.parse(bytes, from: field.start, to: field.end) { return value }
      return missing.matches(bytes, from: field.start, to: field.end) ? .nan : nil
    }
    return missing.matches(text(of: field, bytes)) ? .nan : nil
  }

  /// Validates the header fields and returns them as column names.
  private static func headerNames(_ fields: [FieldSpan], _ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError)
    -> [String]
  {
    var names: [String] = []
    var positionByName: [String: Int] = [:]
    for (k, field) in fields.enumerated() {
      let name = String(decoding: text(of: field, bytes), as: UTF8.self)
      if name.isEmpty { throw .emptyColumnName(column: k + 1) }
      if let first = positionByName[name] {
        throw .duplicateColumnName(name, firstColumn: first + 1, secondColumn: k + 1)
      }
      positionByName[name] = k
      names.append(name)
    }
    return names
  }

  /// Appends `field` to a categorical column: missing or a label.
  @inline(__always)
  private static func appendLabel(
    _ field: FieldSpan, _ bytes: UnsafeBufferPointer<UInt8>, _ missing: MissingTokenMatcher,
    to builder: inout LabelColumnBuilder
  ) {
    if field.escaped {
      let unescaped = text(of: field, bytes)
      if missing.matches(unescaped) {
        builder.appendMissing()
      } else {
        builder.append(String(decoding: unescaped, as: UTF8.self))
      }
    } else if missing.matches(bytes, from: field.start, to: field.end) {
      builder.appendMissing()
    } else {
      builder.append(
        String(decoding: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self))
    }
  }

  /// The field's text, with `""` turned into `"` in a quoted field.
  private static func text(of field: FieldSpan, _ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let raw = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
    guard field.escaped else { return Array(raw) }
    var result: [UInt8] = []
    result.reserveCapacity(raw.count)
    var skipNextQuote = false
    for b in raw {
      if b == quote {
        if skipNextQuote {
          skipNextQuote = false
          continue
        }
        skipNextQuote = true
      }
      result.append(b)
    }
    return result
  }

  /// The 1-based line and byte column of `offset`, counting LF, CRLF and lone CR as
  /// line breaks.
  static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    var i = 0
    while i < offset {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") {
        line += 1
        lineStart = i + 1
      } else if b == UInt8(ascii: "\r") {
        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    return (line, offset - lineStart + 1)
  }
}
