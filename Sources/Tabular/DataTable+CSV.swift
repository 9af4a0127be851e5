import Foundation

extension DataTable {
  /// Reads CSV text: a header row, then one record per line (RFC 4180 quoting).
  ///
  /// A column is numeric when every non-missing value is a decimal number, otherwise
  /// categorical with sorted levels; a column with only missing values is numeric.
  /// Blank lines are skipped. ``sourceLines`` records where each row starts.
  ///
  /// - Throws: ``CSVError`` saying what is wrong and where.
  public init(csv text: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
    var copy = text
    let result = copy.withUTF8 { buffer in
      Result { () throws(CSVError) -> DataTable in try CSVReader.read(buffer, options: options) }
    }
    self = try result.get()
  }

  /// Reads CSV from UTF-8 bytes (a leading byte-order mark is skipped); see ``init(csv:options:)``.
  ///
  /// - Throws: ``CSVError`` saying what is wrong and where.
  public init(csvBytes bytes: [UInt8], options: CSVOptions = CSVOptions()) throws(CSVError) {
    let result = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(CSVError) -> DataTable in try CSVReader.read(buffer, options: options) }
    }
    self = try result.get()
  }

  /// Reads a file; when options is nil the delimiter is tab for a ".tsv" extension, comma otherwise.
  ///
  /// The extension test ignores case. See ``init(csv:options:)`` for the format.
  ///
  /// - Throws: ``CSVError/fileNotReadable(path:reason:)`` when the file cannot be
  ///   read, otherwise any ``CSVError`` about its contents.
  public init(contentsOfCSVFile path: String, options: CSVOptions? = nil) throws(CSVError) {
    let url = URL(fileURLWithPath: path)
    let resolved = options ?? (url.pathExtension.lowercased() == "tsv" ? CSVOptions.tab : CSVOptions())
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .fileNotReadable(path: path, reason: "no such file")
    }
    if isDirectory.boolValue { throw .fileNotReadable(path: path, reason: "it is a directory") }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw .fileNotReadable(path: path, reason: "permission denied")
    }
    // Foundation (Swift 6.3) leaks a 4 KB buffer reading an empty file (found by FuzzFit
    // under AddressSanitizer); an empty file needs no reading.
    if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size == 0 {
      throw .emptyInput
    }
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw .fileNotReadable(path: path, reason: error.localizedDescription)
    }
    let result = data.withUnsafeBytes { raw in
      Result { () throws(CSVError) -> DataTable in
        try CSVReader.read(raw.bindMemory(to: UInt8.self), options: resolved)
      }
    }
    self = try result.get()
  }
}
