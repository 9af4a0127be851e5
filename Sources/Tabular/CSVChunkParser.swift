/// Parses the records of one stretch of a CSV body into a ``CSVChunk``.
///
/// Every field of a `.numeric` column is a number until one is neither a number nor a
/// missing token; that column's earlier rows are then read again as labels (so each
/// column is re-read at most once). A number in its common form is parsed where it lies
/// (``DecimalParser/parsePrefix(_:from:to:)``), without splitting the field off first;
/// any other field goes through the tokenizer. Values are gathered column by column in
/// a small block of rows and appended to the columns a block at a time. (Splitting each
/// record at its delimiters first, eight bytes at a time, and parsing the fields
/// independently measured about 20 % slower.)
struct CSVChunkParser {
  /// The stretch, starting at the beginning of a line.
  let bytes: UnsafeBufferPointer<UInt8>
  /// The line on which the stretch starts.
  let firstLine: Int
  let delimiter: UInt8
  let missing: MissingTokenMatcher
  /// The number of columns in the file.
  let width: Int
  /// The rows of a block.
  let blockRows: Int
  /// What each column is so far.
  var kinds: [CSVColumnKind]
  /// The values of each `.numeric` column (empty for the others).
  var numbers: [[Double]]
  /// The labels of each `.labels` column.
  var labelColumns: [LabelColumnBuilder]
  /// The line on which each record starts.
  var sourceLines: [Int] = []
  /// The number of complete records read.
  var rows = 0

  /// Parses `bytes`, which starts at the beginning of line `firstLine`.
  ///
  /// - Parameter reservingFor: how many bytes the columns should make room for (by
  ///   the first row's length); by default the stretch's.
  static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, kinds: [CSVColumnKind], delimiter: UInt8,
    missing: MissingTokenMatcher, reservingFor expectedBytes: Int? = nil
  ) throws(CSVError) -> CSVChunk {
    let width = kinds.count
    var parser = CSVChunkParser(
      bytes: bytes, firstLine: firstLine, delimiter: delimiter, missing: missing, width: width,
      blockRows: max(16, min(1024, 16_384 / max(1, width))), kinds: kinds,
      numbers: [[Double]](repeating: [], count: width),
      labelColumns: [LabelColumnBuilder](repeating: LabelColumnBuilder(), count: width))
    let (endLine, sawQuote) = try parser.run(expectedBytes: expectedBytes ?? bytes.count)
    return CSVChunk(
      width: width, rows: parser.rows, kinds: parser.kinds, numbers: parser.numbers,
      labelColumns: parser.labelColumns, sourceLines: parser.sourceLines, endLine: endLine,
      sawQuoteOrCarriageReturn: sawQuote)
  }

  /// Reads every record.
  ///
  /// - Returns: the line after the last line break, and whether a quoted field or a
  ///   carriage return was seen.
  private mutating func run(expectedBytes: Int) throws(CSVError) -> (endLine: Int, sawQuote: Bool) {
    var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, position: 0, line: firstLine, lineStart: 0)
    guard let base = bytes.baseAddress else { return (firstLine, false) }
    let n = bytes.count
    let width = width
    // Missing tokens that read as numbers must be matched before a number is parsed.
    let fast = !missing.hasNumericToken
    let blockRows = blockRows
    let block = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * max(1, width))
    defer { block.deallocate() }
    let blockLines = UnsafeMutablePointer<Int>.allocate(capacity: blockRows)
    defer { blockLines.deallocate() }
    var inBlock = 0

    while tokenizer.startRecord() {
      blockLines[inBlock] = tokenizer.recordLine
      let row = block + inBlock  // column j's slot is row[j * blockRows]
      var j = 0
      while true {
        let isLast: Bool
        if fast && j < width && kinds[j] == .numeric,
          let (value, end) = DecimalParser.parsePrefix(base, from: tokenizer.position, to: n),
          let last = tokenizer.finishField(at: end)
        {
          row[j &* blockRows] = value
          isLast = last
        } else {
          let (field, last) = try tokenizer.nextField()
          if j < width && kinds[j] != .skipped { try store(field, column: j, row: row) }
          isLast = last
        }
        j &+= 1
        if isLast { break }
      }
      guard j == width else {
        throw .raggedRow(line: tokenizer.recordLine, fields: j, expected: width)
      }
      if rows == 0 {
        // Guess the row count from the first row's length, to avoid regrowing.
        let firstRowLength = max(1, tokenizer.position - tokenizer.recordStart)
        reserve(rows: (expectedBytes - tokenizer.recordStart) / firstRowLength * 11 / 10 + 16)
      }
      rows += 1
      inBlock += 1
      if inBlock == blockRows {
        flush(block, blockLines, count: inBlock)
        inBlock = 0
      }
    }
    flush(block, blockLines, count: inBlock)
    return (tokenizer.line, tokenizer.sawQuoteOrCarriageReturn)
  }

  /// Stores field `j` of the current record: a label, a missing token, or a number
  /// (parsed by the general parser); a field of a numeric column that is neither turns
  /// the column into labels.
  @inline(never)
  private mutating func store(_ field: FieldSpan, column j: Int, row: UnsafeMutablePointer<Double>) throws(CSVError) {
    switch kinds[j] {
    case .skipped:
      break
    case .labels:
      field.appendLabel(in: bytes, missing: missing, to: &labelColumns[j])
    case .numeric:
      if let value = field.number(in: bytes, missing: missing) {
        row[j * blockRows] = value
      } else {
        // Not a number: read the rows so far again, as labels.
        var builder = try Self.rereadLabels(
          ofColumn: j, rows: rows, in: bytes, firstLine: firstLine, delimiter: delimiter, missing: missing)
        builder.reserveCapacity(max(numbers[j].capacity, sourceLines.capacity))
        field.appendLabel(in: bytes, missing: missing, to: &builder)
        labelColumns[j] = builder
        kinds[j] = .labels
        numbers[j] = []
      }
    }
  }

  /// Makes room in every column for `rows` rows.
  private mutating func reserve(rows: Int) {
    for j in 0..<width {
      switch kinds[j] {
      case .numeric: numbers[j].reserveCapacity(rows)
      case .labels: labelColumns[j].reserveCapacity(rows)
      case .skipped: break
      }
    }
    sourceLines.reserveCapacity(rows)
  }

  /// Appends the first `count` rows of the block to the numeric columns and the lines.
  private mutating func flush(_ block: UnsafeMutablePointer<Double>, _ lines: UnsafeMutablePointer<Int>, count: Int) {
    guard count > 0 else { return }
    for j in 0..<width where kinds[j] == .numeric {
      numbers[j].append(contentsOf: UnsafeBufferPointer(start: block + j * blockRows, count: count))
    }
    sourceLines.append(contentsOf: UnsafeBufferPointer(start: lines, count: count))
  }

  /// Column `j`'s labels in the first `rows` records of `bytes` (which starts at the
  /// beginning of line `firstLine`).
  static func rereadLabels(
    ofColumn j: Int, rows: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, delimiter: UInt8,
    missing: MissingTokenMatcher
  ) throws(CSVError) -> LabelColumnBuilder {
    var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, position: 0, line: firstLine, lineStart: 0)
    var fields: [FieldSpan] = []
    var builder = LabelColumnBuilder()
    builder.reserveCapacity(rows)
    for _ in 0..<rows {
      // The records were read before, so each is there, with at least j + 1 fields.
      guard try tokenizer.nextRecord(into: &fields), j < fields.count else { break }
      fields[j].appendLabel(in: bytes, missing: missing, to: &builder)
    }
    return builder
  }
}
