/// Reads CSV bytes into a ``DataTable`` in one pass, inferring each column's type.
///
/// Checks the input, reads the header, then parses the body with ``CSVChunkParser`` —
/// on several cores for a large body (``CSVParallelRead``). Memory is the input plus
/// the columns.
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
    let kinds = try columnKinds(names, selected: options.columns)
    let missing = MissingTokenMatcher(options.missingTokens)
    let body = UnsafeBufferPointer(rebasing: bytes[tokenizer.position...])
    if options.parallel,
      let table = try CSVParallelRead.read(
        body, firstLine: tokenizer.line, names: names, kinds: kinds, delimiter: delimiter, missing: missing)
    {
      return table
    }
    var chunks = [
      try CSVChunkParser.parse(body, firstLine: tokenizer.line, kinds: kinds, delimiter: delimiter, missing: missing)
    ]
    return CSVChunk.table(&chunks, lineOffsets: [0], names: names)
  }

  /// `.numeric` for every column, or `.skipped` for those not in `selected`.
  ///
  /// - Throws: ``CSVError/unknownColumn(_:suggestion:)`` for a selected name that is
  ///   not in the header (the first in sorted order).
  private static func columnKinds(_ names: [String], selected: Set<String>?) throws(CSVError) -> [CSVColumnKind] {
    guard let selected else { return [CSVColumnKind](repeating: .numeric, count: names.count) }
    let known = Set(names)
    if let unknown = selected.subtracting(known).sorted().first {
      throw .unknownColumn(unknown, suggestion: closestMatch(to: unknown, among: names))
    }
    return names.map { selected.contains($0) ? .numeric : .skipped }
  }

  /// Validates the header fields and returns them as column names.
  private static func headerNames(_ fields: [FieldSpan], _ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError)
    -> [String]
  {
    var names: [String] = []
    var positionByName: [String: Int] = [:]
    for (k, field) in fields.enumerated() {
      let name = String(decoding: field.text(in: bytes), as: UTF8.self)
      if name.isEmpty { throw .emptyColumnName(column: k + 1) }
      if let first = positionByName[name] {
        throw .duplicateColumnName(name, firstColumn: first + 1, secondColumn: k + 1)
      }
      positionByName[name] = k
      names.append(name)
    }
    return names
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
