import LinearAlgebra
@testable import Penalized
import TestSupport
import Testing

/// The one-pass fold statistics of the cross-validations: the two-valued (bit-set) route
/// against the general one, and the whole against a direct computation.
@Suite("Fold statistics")
struct FoldStatisticsTests {
  /// 203 rows: dummies with various pairs of values, continuous columns, a constant column,
  /// a column that is constant on the training rows of fold 3.
  static func mixedData() throws -> (x: Matrix, y: [Double], folds: CrossValidationFolds) {
    var generator = TestSupport.SplitMix64(seed: 7)
    func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
    let n = 203
    let labels = (0..<n).map { $0 % 4 + 1 }
    var columns: [[Double]] = []
    for pair in [(0.0, 1.0), (-1.5, 2.0), (3.0, 7.25), (0.0, 1.0)] {
      columns.append((0..<n).map { _ in uniform() < 0.3 ? pair.1 : pair.0 })
    }
    columns.append((0..<n).map { _ in uniform() * 4 - 1 })
    columns.append([Double](repeating: 2.5, count: n))
    columns.append((0..<n).map { labels[$0] == 3 ? Double(($0 / 4) % 2) : 0 })  // varies only in fold 3
    columns.append((0..<n).map { _ in uniform() * uniform() * 10 })
    let x = Matrix(columns: columns)
    let y = (0..<n).map { i in 1 + 2 * columns[0][i] - columns[4][i] + columns[1][i] + uniform() }
    return (x, y, try CrossValidationFolds(labels: labels, rows: n))
  }

  func expectSame(_ a: GramStatistics, _ b: GramStatistics, _ label: String) {
    #expect(a.observations == b.observations)
    #expect(a.shift == b.shift)
    expectClose(a.columnSums, b.columnSums, rtol: 1e-12, atol: 1e-11, "\(label) sums")
    expectClose(a.crossProducts.columnMajorValues, b.crossProducts.columnMajorValues, rtol: 1e-12, atol: 1e-11, "\(label) S")
    expectClose(a.responseCrossProducts, b.responseCrossProducts, rtol: 1e-12, atol: 1e-11, "\(label) Sxy")
    expectClose(a.responseSum, b.responseSum, rtol: 1e-12, atol: 1e-11, "\(label) sy")
    expectClose(a.responseSumOfSquares, b.responseSumOfSquares, rtol: 1e-12, "\(label) Syy")
  }

  @Test func twoValuedColumnsAsBitsEqualTheGeneralRoute() throws {
    let (x, y, folds) = try Self.mixedData()
    let bits = try FoldStatistics(x: x, y: y, folds: folds)
    let general = try FoldStatistics(x: x, y: y, folds: folds, twoValuedAsBits: false)
    let summaries = try FoldStatistics.summarize(x)
    #expect(summaries.map { $0.twoValues != nil } == [true, true, true, true, false, false, true, false])
    for k in 0..<folds.count {
      expectSame(bits.heldOut[k], general.heldOut[k], "fold \(k + 1) held out")
      expectSame(try bits.training(k), try general.training(k), "fold \(k + 1) training")
    }
    expectSame(bits.whole, general.whole, "whole")
  }

  @Test func wholeEqualsTheDirectStatistics() throws {
    let (x, y, folds) = try Self.mixedData()
    let statistics = try FoldStatistics(x: x, y: y, folds: folds)
    let direct = try GramStatistics(x: x, y: y, shift: statistics.whole.shift, responseShift: statistics.whole.responseShift)
    expectSame(statistics.whole, direct, "whole vs direct")
    // Column 7 is constant (0) on fold 3's training rows: re-expressed about 0, all zero.
    let training = try statistics.training(2)
    #expect(training.shift[6] == 0 && training.columnSums[6] == 0)
    #expect((0..<8).allSatisfy { training.crossProducts[6, $0] == 0 })
    #expect(statistics.whole.shift[5] == 2.5 && statistics.whole.columnSums[5] == 0)
  }

  @Test func heldOutSquaredErrorEqualsTheDirectSum() throws {
    let (x, y, folds) = try Self.mixedData()
    let statistics = try FoldStatistics(x: x, y: y, folds: folds)
    let beta = [0.5, 0, -1.25, 0, 2, 0, 0.75, -0.1], intercept = 0.3
    for (k, rows) in folds.heldOutRows.enumerated() {
      let direct = rows.reduce(0.0) { total, i in
        let r = y[i] - intercept - (0..<8).reduce(0.0) { $0 + beta[$1] * x[i, $1] }
        return total + r * r
      }
      expectClose(
        statistics.heldOut[k].squaredError(intercept: intercept, coefficients: beta), direct, rtol: 1e-12,
        "fold \(k + 1)")
    }
  }

  @Test func nonFiniteEntriesAreReportedInColumnOrder() throws {
    var (x, y, folds) = try Self.mixedData()
    x[150, 6] = .infinity
    x[10, 2] = .nan
    let error = #expect(throws: PenalizedError.self) { try FoldStatistics(x: x, y: y, folds: folds) }
    if case .nonFiniteValue(let variable, let row, _) = error {
      #expect(variable == "column 3 of x" && row == 11)
    } else {
      Issue.record("expected nonFiniteValue, got \(String(describing: error))")
    }
  }
}
