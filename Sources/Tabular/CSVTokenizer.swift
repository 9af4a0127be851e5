/// Splits UTF-8 bytes into records of fields (RFC 4180), tracking line numbers.
///
/// Records end at LF, CRLF or a lone CR; quoted fields may hold delimiters, line
/// breaks and `""` escapes. Lines with no bytes at all are skipped. Use
/// ``startRecord()`` and then ``nextField()`` until it reports the record's end, or
/// ``nextRecord(into:)`` for a whole record at once.
struct CSVTokenizer {
  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// The input.
  let bytes: UnsafeBufferPointer<UInt8>
  /// The field separator (validated by the caller: ASCII, not a quote or line break).
  let delimiter: UInt8
  /// The delimiter repeated in every byte of a word.
  private let delimiterWord: UInt64
  /// The offset of the next byte to read.
  private(set) var position: Int
  /// The 1-based line of `position`.
  private(set) var line: Int
  /// The offset where the line containing `position` starts.
  private var lineStart: Int
  /// The 1-based line on which the current record starts.
  private(set) var recordLine = 0
  /// The offset at which the current record starts.
  private(set) var recordStart = 0
  /// Whether a quoted field or a carriage return has been read (so that a record
  /// boundary cannot be told from a line feed alone).
  private(set) var sawQuoteOrCarriageReturn = false

  /// A tokenizer reading from `position`, which is on `line` and lies on a line that
  /// starts at `lineStart`.
  init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, position: Int, line: Int, lineStart: Int) {
    self.bytes = bytes
    self.delimiter = delimiter
    self.delimiterWord = UInt64(delimiter) &* Self.ones
    self.position = position
    self.line = line
    self.lineStart = lineStart
  }

  /// Consumes the line break at `position` (LF, CRLF or CR).
  @inline(__always)
  private mutating func consumeLineBreak() {
    if bytes[position] == Self.carriageReturn {
      sawQuoteOrCarriageReturn = true
      position += 1
      if position < bytes.count && bytes[position] == Self.lineFeed { position += 1 }
    } else {
      position += 1
    }
    line += 1
    lineStart = position
  }

  /// Skips blank lines and starts the next record.
  ///
  /// - Returns: `false` at the end of the input.
  @inline(__always)
  mutating func startRecord() -> Bool {
    let n = bytes.count
    while position < n {
      let b = bytes[position]
      guard b == Self.lineFeed || b == Self.carriageReturn else { break }
      consumeLineBreak()
    }
    guard position < n else { return false }
    recordLine = line
    recordStart = position
    return true
  }

  /// Whether some byte of `word` is zero; the lowest flagged byte is exact.
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- ones) & ~word & highBits
  }

  /// The offset of the first delimiter, quote, CR or LF at or after `start`, or the
  /// input's end.
  @inline(__always)
  private func endOfUnquotedField(from start: Int) -> Int {
    let n = bytes.count
    var i = start
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let hits =
          Self.zeroBytes(word ^ delimiterWord) | Self.zeroBytes(word ^ (0x22 &* Self.ones))
          | Self.zeroBytes(word ^ (0x0A &* Self.ones)) | Self.zeroBytes(word ^ (0x0D &* Self.ones))
        if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
        i += 8
      }
    }
    while i < n {
      let b = bytes[i]
      if b == delimiter || b == Self.quote || b == Self.lineFeed || b == Self.carriageReturn { break }
      i += 1
    }
    return i
  }

  /// Reads the current record's next field.
  ///
  /// - Returns: the field, and whether it was the record's last.
  /// - Throws: ``CSVError/unterminatedQuote(line:column:)`` or
  ///   ``CSVError/unexpectedQuote(line:column:)``.
  @inline(__always)
  mutating func nextField() throws(CSVError) -> (field: FieldSpan, isLast: Bool) {
    let n = bytes.count
    if position < n && bytes[position] == Self.quote {
      sawQuoteOrCarriageReturn = true
      let openColumn = position - lineStart + 1
      let openLine = line
      position += 1
      let contentStart = position
      var escaped = false
      while true {
        guard position < n else {
          throw .unterminatedQuote(line: openLine, column: openColumn)
        }
        let b = bytes[position]
        if b == Self.quote {
          if position + 1 < n && bytes[position + 1] == Self.quote {
            escaped = true
            position += 2
            continue
          }
          break
        }
        if b == Self.lineFeed || b == Self.carriageReturn {
          consumeLineBreak()
        } else {
          position += 1
        }
      }
      let field = FieldSpan(start: contentStart, end: position, quoted: true, escaped: escaped)
      position += 1  // the closing quote
      guard position < n else { return (field, true) }
      let b = bytes[position]
      if b == delimiter {
        position += 1
        return (field, false)
      }
      if b == Self.lineFeed || b == Self.carriageReturn {
        consumeLineBreak()
        return (field, true)
      }
      throw .unexpectedQuote(line: line, column: position - lineStart)
    }
    let start = position
    position = endOfUnquotedField(from: start)
    let field = FieldSpan(start: start, end: position, quoted: false, escaped: false)
    guard position < n else { return (field, true) }
    let b = bytes[position]
    if b == delimiter {
      position += 1
      return (field, false)
    }
    if b == Self.quote {
      throw .unexpectedQuote(line: line, column: position - lineStart + 1)
    }
    consumeLineBreak()
    return (field, true)
  }

  /// Ends the current field at `end`, when the caller has read its text from
  /// `position` up to `end` itself (see ``DecimalParser/parsePrefix(_:from:to:)``).
  ///
  /// - Returns: whether the field was the record's last, or `nil` — and nothing
  ///   consumed — when the byte at `end` is not a delimiter, line break or the end of
  ///   the input (so the field is longer, and ``nextField()`` must read it).
  @inline(__always)
  mutating func finishField(at end: Int) -> Bool? {
    guard end < bytes.count else {
      position = end
      return true
    }
    let b = bytes[end]
    if b == delimiter {
      position = end + 1
      return false
    }
    guard b == Self.lineFeed || b == Self.carriageReturn else { return nil }
    position = end
    consumeLineBreak()
    return true
  }

  /// Reads the next record's fields into `fields` (replacing its contents).
  ///
  /// - Returns: `false` at the end of the input.
  /// - Throws: as ``nextField()``.
  mutating func nextRecord(into fields: inout [FieldSpan]) throws(CSVError) -> Bool {
    fields.removeAll(keepingCapacity: true)
    guard startRecord() else { return false }
    while true {
      let (field, isLast) = try nextField()
      fields.append(field)
      if isLast { return true }
    }
  }
}
