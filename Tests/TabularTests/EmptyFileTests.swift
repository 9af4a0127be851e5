import Foundation
import Tabular
import Testing

/// FuzzFit found, under AddressSanitizer, that `Data(contentsOf:)` leaks 4 KB per empty
/// file; the reader no longer reads one. The leak needs ASan to see (`Tests/Fuzz/run.sh
/// FuzzFit`); this checks the behaviour the shortcut must keep.
@Test func anEmptyFileIsEmptyInputWithoutReadingIt() throws {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID()).csv").path
  try Data().write(to: URL(fileURLWithPath: path))
  defer { try? FileManager.default.removeItem(atPath: path) }
  #expect(throws: CSVError.emptyInput) { try DataTable(contentsOfCSVFile: path) }
  // One byte more is read as usual.
  try Data("\n".utf8).write(to: URL(fileURLWithPath: path))
  #expect(throws: CSVError.self) { try DataTable(contentsOfCSVFile: path) }
}
