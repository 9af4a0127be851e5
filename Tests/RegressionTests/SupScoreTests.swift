import Formulas
import Foundation
import Regression
import Tabular
import TestSupport
import Testing

/// The sup-score test and its exact confidence set against the numpy re-implementation of
/// hdm / lassopack conventions in `Fixtures/scripts/rlasso_reference.py`
/// (`Fixtures/reference/lasso_cv/rlasso_reference.json`), which also matches every number
/// `lasso-iv.md` §7.6 quotes. The reference finds the set on a grid of step 0.001; the
/// exact ends must fall within one step outside the accepted grid points.
@Suite("Sup-score test (weak-IV-robust, many instruments)")
struct SupScoreTests {
  static func test(_ file: String, _ formula: String) throws -> SupScoreTest {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/\(file)").path)
    return try SupScoreTest(design: DesignMatrices(formula: Formula(formula), data: data))
  }

  static func golden(_ path: [String]) throws -> [String: Any] {
    var node: Any = try Fixtures.json("reference/lasso_cv/rlasso_reference.json")
    for key in path { node = try #require((node as? [String: Any])?[key]) }
    return try #require(node as? [String: Any])
  }

  /// The exact set's pieces clipped to the grid, against the grid's accepted runs.
  func expectSetMatchesGrid(
    _ region: AndersonRubinSet.Region, grid: ClosedRange<Double>, accepted: [[Double]],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let pieces = region.intervals.compactMap { piece -> (Double, Double)? in
      let lower = max(piece.lower, grid.lowerBound)
      let upper = min(piece.upper, grid.upperBound)
      return lower <= upper ? (lower, upper) : nil
    }
    #expect(pieces.count == accepted.count, "\(region) vs \(accepted)", sourceLocation: sourceLocation)
    for (piece, run) in zip(pieces, accepted) {
      // The exact end lies between the last accepted grid point and the next one.
      let lowerOK = run[0] == grid.lowerBound ? piece.0 == grid.lowerBound : (piece.0 <= run[0] && piece.0 > run[0] - 0.001)
      let upperOK = run[1] == grid.upperBound ? piece.1 == grid.upperBound : (piece.1 >= run[1] && piece.1 < run[1] + 0.001)
      #expect(lowerOK && upperOK, "\(piece) vs grid run \(run)", sourceLocation: sourceLocation)
    }
  }

  @Test func strongInstrumentsDataSetB() throws {
    let test = try Self.test("lasso_b.csv", "y ~ [d ~ z*]")
    let golden = try Self.golden(["data_b", "sup_score_strong"])
    expectClose(test.criticalValue, try #require(golden["critical_value"] as? Double), rtol: 1e-12)
    expectClose(test.statistic(at: 0), try #require(golden["S_at_0"] as? Double), rtol: 1e-10)
    expectClose(test.statistic(at: 0.5), try #require(golden["S_at_0_5"] as? Double), rtol: 1e-10)
    #expect(test.rejects(0))
    #expect(!test.rejects(0.5))
    #expect(test.confidenceSet.shape == "bounded")
    expectSetMatchesGrid(test.confidenceSet, grid: -1...2, accepted: try #require(golden["accepted_intervals_on_grid"] as? [[Double]]))
  }

  @Test func weakInstrumentsCoverTheGrid() throws {
    let test = try Self.test("lasso_b.csv", "y_weak ~ [d_weak ~ z*]")
    let golden = try Self.golden(["data_b", "sup_score_weak"])
    #expect(golden["covers_whole_grid"] as? Bool == true)
    for a in stride(from: -1.0, through: 2.0, by: 0.25) { #expect(!test.rejects(a)) }
    expectSetMatchesGrid(test.confidenceSet, grid: -1...2, accepted: [[-1, 2]])
  }

  @Test func manyABTests() throws {
    let test = try Self.test("ab_tests_iv.csv", "y ~ c1 + c2 + [x ~ m*]")
    let golden = try Self.golden(["ab_tests_iv", "sup_score_all_instruments"])
    #expect(test.instrumentCount == 100)
    expectClose(test.criticalValue, try #require(golden["critical_value"] as? Double), rtol: 1e-12)
    expectSetMatchesGrid(test.confidenceSet, grid: 0...4, accepted: try #require(golden["accepted_intervals_on_grid"] as? [[Double]]))
  }

  @Test func noSignalGivesAUnionOfIntervals() throws {
    let test = try Self.test("ab_tests_null.csv", "y ~ c1 + c2 + [x ~ m*]")
    let golden = try Self.golden(["ab_tests_null", "sup_score_all_instruments"])
    expectClose(test.criticalValue, try #require(golden["critical_value"] as? Double), rtol: 1e-12)
    expectSetMatchesGrid(test.confidenceSet, grid: -4...8, accepted: try #require(golden["accepted_intervals_on_grid"] as? [[Double]]))
  }

  /// The exact set agrees with brute force on a fine grid (an independent check).
  @Test func exactSetAgreesWithBruteForce() throws {
    let test = try Self.test("ab_tests_null.csv", "y ~ c1 + c2 + [x ~ m*]")
    let region = test.confidenceSet
    for a in stride(from: -10.0, through: 12.0, by: 0.0137) {
      let s = test.statistic(at: a)
      // Away from the ends (where rounding decides), membership and the test agree.
      if abs(s - test.criticalValue) > 1e-9 { #expect(region.contains(a) == (s <= test.criticalValue), "a = \(a)") }
    }
  }

  @Test func undefinedCasesThrow() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/app_engagement_push.csv").path)
    #expect(throws: SupScoreTest.Undefined.self) {
      try SupScoreTest(design: DesignMatrices(formula: Formula("in_app_purchase ~ push_assigned"), data: data))
    }
  }
}
