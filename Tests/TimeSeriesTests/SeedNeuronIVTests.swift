import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing
import TimeSeries

/// Seed 000, section 2.2 (`seed-examples.md` §4): the connectivity of six neurons recovered by
/// two-stage least squares with one first stage for all neurons.
@Suite("Seed 000: IV estimate of the neural network")
struct SeedNeuronIVTests {
  static func load() throws -> (x: [[Double]], z: [[Double]], truth: [Double]) {
    let data = try GrangerGoldenTests.table("neurons6_iv.csv")
    let truth = try GrangerGoldenTests.table("neurons6_iv_connectivity.csv")
    let x = try (0..<6).map { try #require(GrangerGoldenTests.column(data, "x\($0)")) }
    let z = try (0..<6).map { try #require(GrangerGoldenTests.column(data, "z\($0)")) }
    // A flattened row by row, as numpy's A.flatten().
    let columns = try (0..<6).map { try #require(GrangerGoldenTests.column(truth, "n\($0)")) }
    return (x, z, (0..<6).flatMap { i in (0..<6).map { j in columns[j][i] } })
  }

  @Test func connectivityAndCorrelationOfTheSeed() throws {
    let (x, z, truth) = try Self.load()
    let v = try NeuralSystem.ivConnectivity(activity: x, instruments: z)
    let golden = try #require(try GrangerGoldenTests.golden()["seed_iv"] as? [String: Any])
    let expected = try #require(golden["V"] as? [[Double]])
    for i in 0..<6 { expectClose(v.row(i), expected[i], rtol: 1e-8, "V row \(i)") }
    let flat = (0..<6).flatMap { v.row($0) }
    let correlation = pearsonCorrelation(truth, flat)
    expectClose(correlation, 0.915856055507288, rtol: 1e-12, "seed-examples.md §4")
    expectClose(correlation, try #require(golden["correlation"] as? Double), rtol: 1e-12, "scikit-learn")
  }

  /// Each outcome's column is IV2SLS of that outcome alone (coefficients and unadjusted errors).
  @Test func everyOutcomeIsTheSingleOutcomeIV2SLS() throws {
    let (x, z, _) = try Self.load()
    let steps = x[0].count
    let regressors = Matrix(columns: x.map { Array($0[0..<(steps - 1)]) })
    let instruments = Matrix(columns: z.map { Array($0[0..<(steps - 1)]) })
    let outcomes = Matrix(columns: x.map { s in s[1...].map { log($0 / (1 - $0)) } })
    let iv = try MultipleOutcomeIV2SLS(endogenous: regressors, instruments: instruments)
    let results = try iv.fit(outcomes: outcomes)
    #expect(results.regressorNames == ["Intercept", "x0", "x1", "x2", "x3", "x4", "x5"])
    for outcome in [0, 3, 5] {
      let design = DesignMatrices(
        dependent: outcomes.column(outcome), exogenous: Matrix(columns: [[Double](repeating: 1, count: steps - 1)]),
        exogenousNames: ["Intercept"], endogenous: regressors, endogenousNames: (0..<6).map { "x\($0)" },
        instruments: instruments, instrumentNames: (0..<6).map { "z\($0)" })
      let single = try IV2SLS(design: design).fit(covariance: .unadjusted)
      expectClose(results.params(outcome: outcome), single.params, rtol: 1e-10, "params \(outcome)")
      expectClose(results.stdErrors.column(outcome), single.stdErrors, rtol: 1e-10, "se \(outcome)")
    }
  }

  @Test func badInputThrows() throws {
    let ones = Matrix(columns: [[1, 2, 3, 4, 5]])
    #expect(throws: ModelError.underidentified(endogenous: 2, instruments: 1)) {
      try MultipleOutcomeIV2SLS(endogenous: Matrix(columns: [[1, 2, 3, 4, 5], [2, 1, 2, 1, 3]]), instruments: ones)
    }
    #expect(throws: ModelError.self) {
      try MultipleOutcomeIV2SLS(endogenous: ones, instruments: Matrix(columns: [[1, 2, 3]]))
    }
    #expect(throws: ModelError.self) {
      try NeuralSystem.ivConnectivity(activity: [[0, 0.5, 1]], instruments: [[0, 1, 0]])
    }
    let iv = try MultipleOutcomeIV2SLS(endogenous: ones, instruments: Matrix(columns: [[1, 3, 2, 5, 4]]))
    #expect(throws: ModelError.nonFiniteValue(column: "y0", row: 2, value: .infinity)) {
      try iv.fit(outcomes: Matrix(columns: [[1, .infinity, 3, 4, 5]]))
    }
  }
}
