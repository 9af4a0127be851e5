import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Two passes over blocks of rows (only partial sums kept) against the in-memory absorbing
/// fit: the same numbers to 1e-10.
@Suite("Streaming fit equals the in-memory fit")
struct StreamingIV2SLSTests {
  static let covariances: [CovarianceEstimator] = [.robust, .hc1, .unadjusted, .clustered(["g"]), .clustered(["s"])]

  /// The workload sample read by `CSVChunkReader` in blocks of about 20 KB (some 90 rows).
  @Test(arguments: [CovarianceEstimator.robust, .hc1, .unadjusted, .clustered(["g"])])
  func workloadInBlocks(covariance: CovarianceEstimator) throws {
    let path = Fixtures.url("data/iv_workload_2000.csv").path
    let formula = "y ~ 1 + " + (1...10).map { "x\($0)" }.joined(separator: " + ") + " + C(g) + [t1 + t2 ~ "
      + (1...10).map { "z\($0)" }.joined(separator: " + ") + "]"
    let data = try DataTable(contentsOfCSVFile: path)
    let expected = try AbsorbingIV2SLS(formula: formula, data: data).fit(covariance: covariance)
    var blockCount = 0
    let streamed = try StreamingIV2SLS(formula: formula).fit(
      blocks: { visit in
        let reader = try CSVChunkReader(path: path, chunkBytes: 20_000)
        blockCount = 0
        while let block = try reader.next() {
          blockCount += 1
          try visit(block)
        }
      }, covariance: covariance)
    #expect(blockCount > 10)
    try Self.expectSame(streamed, expected, "\(covariance)")
  }

  /// Blocks that lack some levels of the factor, with missing values, and a text factor.
  @Test(arguments: covariances)
  func blocksWithMissingLevels(covariance: CovarianceEstimator) throws {
    let table = try AbsorbingIV2SLSTests.table(seed: 7, n: 500)
    let text = try String(contentsOf: Self.write(table), encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    // Blank x1 on some rows: both fits drop them.
    for i in [5, 77, 301] {
      var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[1] = ""
      lines[i] = fields.joined(separator: ",")
    }
    let header = lines[0]
    // Sorted by the factor s (column 9), so that each block sees one or two of its levels.
    func level(_ line: String) -> String { String(line.split(separator: ",", omittingEmptySubsequences: false)[8]) }
    let body = lines.dropFirst().sorted { level($0) < level($1) }
    let data = try DataTable(csv: ([header] + body).joined(separator: "\n"))
    for formula in ["y ~ x1 + C(s) + [x2 + x3 ~ z1 + z2 + z3]", "y ~ 0 + x1 + C(s) + [x2 ~ z1 + z2]", "y ~ x1 + x2 + C(s)"] {
      let expected = try AbsorbingIV2SLS(formula: formula, data: data).fit(covariance: covariance, debiased: true)
      let streamed = try StreamingIV2SLS(formula: formula).fit(
        blocks: { visit in
          for start in stride(from: 0, to: body.count, by: 70) {
            try visit(try DataTable(csv: ([header] + body[start..<min(start + 70, body.count)]).joined(separator: "\n")))
          }
        }, covariance: covariance, debiased: true)
      try Self.expectSame(streamed, expected, "\(formula) \(covariance)")
      #expect(streamed.rowsDropped == expected.rowsDropped)
      #expect(streamed.residuals.isEmpty)
    }
  }

  static func write(_ table: DataTable) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-\(UUID().uuidString).csv")
    var lines = [table.columnNames.joined(separator: ",")]
    for row in 0..<table.rowCount {
      lines.append(table.columnNames.map { name -> String in
        switch table[name] {
        case .numeric(let values)?: return "\(values[row])"
        case .categorical(let labels)?: return labels.levels[Int(labels.codes[row])]
        case nil: return ""
        }
      }.joined(separator: ","))
    }
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  static func expectSame(_ a: RegressionResults, _ b: RegressionResults, _ label: String) throws {
    #expect(a.parameterNames == b.parameterNames, "\(label)")
    #expect(a.nobs == b.nobs)
    expectClose(a.params, b.params, rtol: 1e-10, atol: 1e-13, "\(label) params")
    let scale = b.covariance.columnMajorValues.map(abs).max() ?? 1
    expectClose(a.covariance.columnMajorValues, b.covariance.columnMajorValues, rtol: 1e-10, atol: 1e-13 * scale, "\(label) covariance")
    expectClose(a.rsquared, b.rsquared, rtol: 1e-10, "\(label) R²")
    expectClose(a.residualSumOfSquares, b.residualSumOfSquares, rtol: 1e-10, "\(label) RSS")
    expectClose(a.fStatistic.statistic, b.fStatistic.statistic, rtol: 1e-9, "\(label) F")
    if let x = a.firstStage, let y = b.firstStage {
      for (s, t) in zip(x.diagnostics, y.diagnostics) {
        expectClose(s.partialF.statistic, t.partialF.statistic, rtol: 1e-9, "\(label) partial F")
        expectClose(s.partialRSquared, t.partialRSquared, rtol: 1e-10, "\(label) partial R²")
        expectClose(s.rsquared, t.rsquared, rtol: 1e-10, "\(label) first-stage R²")
      }
    } else {
      #expect(a.firstStage == nil && b.firstStage == nil)
    }
    for ((key, s), (_, t)) in zip(a.diagnosticTests, b.diagnosticTests) {
      expectClose(s.statistic, t.statistic, rtol: 1e-9, atol: 1e-10, "\(label) \(key)")
    }
  }
}
