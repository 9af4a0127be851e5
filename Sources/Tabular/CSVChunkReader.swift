public import Foundation

/// Reads a CSV file a block of records at a time, each block a ``DataTable`` with the
/// file's header, so a file larger than memory can be processed in passes.
///
/// Blocks end at record boundaries (a line break outside quotes), and their
/// ``DataTable/sourceLines`` and error positions are the file's, not the block's. Each
/// block infers its own column types and text levels; callers combining blocks map labels
/// themselves.
///
/// ```swift
/// let reader = try CSVChunkReader(path: "big.csv", chunkBytes: 64 << 20)
/// while let block = try reader.next() { total += block.rowCount }
/// ```
public final class CSVChunkReader {
  /// The file being read.
  public let path: String
  private let handle: FileHandle
  private let options: CSVOptions
  private let chunkBytes: Int
  /// The header line, line break included.
  private var header: [UInt8] = []
  /// Bytes read but not yet handed out (the start of an incomplete record).
  private var pending: [UInt8] = []
  /// The file line of the first record in `pending`.
  private var nextLine = 2
  private var exhausted = false

  /// Opens `path`; with `options` nil the delimiter is a tab for a `.tsv` name, a comma
  /// otherwise (as ``DataTable/init(contentsOfCSVFile:options:)``).
  ///
  /// - Throws: ``CSVError/fileNotReadable(path:reason:)``, ``CSVError/emptyInput`` for an
  ///   empty file.
  public init(path: String, options: CSVOptions? = nil, chunkBytes: Int = 64 << 20) throws(CSVError) {
    self.path = path
    self.options =
      options ?? (URL(fileURLWithPath: path).pathExtension.lowercased() == "tsv" ? CSVOptions.tab : CSVOptions())
    self.chunkBytes = max(chunkBytes, 1 << 12)
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .fileNotReadable(path: path, reason: "cannot open the file")
    }
    self.handle = handle
    try readHeader()
  }

  deinit { try? handle.close() }

  /// The next block of records, or nil at the end of the file.
  ///
  /// - Throws: ``CSVError`` with the file's line numbers.
  public func next() throws(CSVError) -> DataTable? {
    while !exhausted && (pending.count < chunkBytes || recordBoundary(in: pending) == nil) { try readMore() }
    guard !pending.isEmpty else { return nil }
    let end = exhausted ? pending.count : (recordBoundary(in: pending) ?? pending.count)
    let body = pending[..<end]
    let firstLine = nextLine
    nextLine += body.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    var text = header
    text.append(contentsOf: body)
    pending.removeFirst(end)
    let shift = firstLine - 2
    let block: DataTable
    do {
      block = try DataTable(csvBytes: text, options: options)
    } catch {
      throw error.shiftingLines(by: shift)
    }
    guard shift != 0, let lines = block.sourceLines else { return block }
    let columns = block.columnNames.compactMap { name in block[name].map { (name: name, column: $0) } }
    return (try? DataTable(columns: columns, sourceLines: lines.map { $0 + shift })) ?? block
  }

  /// Reads the header line (a leading byte-order mark is kept: the block parser skips it).
  private func readHeader() throws(CSVError) {
    while !exhausted && recordBoundary(in: pending, from: 0, first: true) == nil { try readMore() }
    guard !pending.isEmpty else { throw .emptyInput }
    let end = recordBoundary(in: pending, from: 0, first: true) ?? pending.count
    header = Array(pending[..<end])
    if header.last != 0x0A { header.append(0x0A) }
    nextLine = 1 + header.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    pending.removeFirst(end)
  }

  private func readMore() throws(CSVError) {
    do {
      let data = try handle.read(upToCount: chunkBytes) ?? Data()
      if data.isEmpty { exhausted = true } else { pending.append(contentsOf: data) }
    } catch {
      throw .fileNotReadable(path: path, reason: error.localizedDescription)
    }
  }

  /// The end (just after a line break outside quotes) of the last complete record within
  /// the first `chunkBytes` of `bytes` — or of the first record when `first` — or nil.
  private func recordBoundary(in bytes: [UInt8], from start: Int = 0, first: Bool = false) -> Int? {
    var quoted = false
    var last: Int?
    for i in start..<bytes.count {
      let byte = bytes[i]
      if byte == 0x22 {
        quoted.toggle()
      } else if byte == 0x0A && !quoted {
        if first { return i + 1 }
        // The last boundary within chunkBytes, or the first one after it.
        if i + 1 > chunkBytes { return last ?? i + 1 }
        last = i + 1
      }
    }
    return last
  }
}

extension CSVError {
  /// The same error with its line number moved by `shift` (for a block of a larger file).
  func shiftingLines(by shift: Int) -> CSVError {
    switch self {
    case .invalidUTF8(let line, let column): .invalidUTF8(line: line + shift, column: column)
    case .unterminatedQuote(let line, let column): .unterminatedQuote(line: line + shift, column: column)
    case .unexpectedQuote(let line, let column): .unexpectedQuote(line: line + shift, column: column)
    case .raggedRow(let line, let fields, let expected): .raggedRow(line: line + shift, fields: fields, expected: expected)
    default: self
    }
  }
}
