import Foundation
import LinearAlgebra
import TestSupport

/// A numeric CSV file of `Fixtures/data` read into named columns (the golden data sets
/// are plain numbers with a header; this keeps the Penalized tests free of the CSV module).
struct ReferenceCSV {
  let names: [String]
  let columns: [[Double]]

  init(_ relativePath: String) throws {
    let lines = try Fixtures.text(relativePath).split(whereSeparator: \.isNewline)
    guard let header = lines.first else { throw CocoaError(.fileReadCorruptFile) }
    names = header.split(separator: ",").map(String.init)
    var columns = [[Double]](repeating: [], count: names.count)
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == names.count else { throw CocoaError(.fileReadCorruptFile) }
      for (j, field) in fields.enumerated() {
        guard let value = Double(field) else { throw CocoaError(.fileReadCorruptFile) }
        columns[j].append(value)
      }
    }
    self.columns = columns
  }

  /// The column called `name`.
  func column(_ name: String) throws -> [Double] {
    guard let j = names.firstIndex(of: name) else { throw CocoaError(.fileReadUnknown) }
    return columns[j]
  }

  /// The named columns as a matrix.
  func matrix(_ names: [String]) throws -> Matrix {
    try Matrix(columns: names.map { try column($0) })
  }

  /// The residuals of each of `columns` regressed on a constant and `controls`
  /// (Frisch–Waugh partialling out, as the golden scripts do with numpy's QR).
  static func partialled(_ columns: Matrix, on controls: [[Double]]) -> Matrix {
    var design = Matrix(rows: columns.rows, columns: controls.count + 1, repeating: 1)
    for (k, c) in controls.enumerated() { design.setColumn(k + 1, to: c) }
    return QRDecomposition(design).residuals(columns)
  }
}
