import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Issue 9's numerical edge cases: near-collinear, badly scaled, integer-valued and
/// barely identified designs, and an instrument with no strength. The output must be
/// finite and honest: as accurate as the conditioning allows, with statsmodels'
/// condition-number notes, and no NaN printed as if it were a number.
@Suite("Numerical edge cases")
struct NumericalEdgeCaseTests {
  static func table(_ columns: [(String, [Double])]) throws -> DataTable {
    try DataTable(columns: columns.map { ($0.0, Column.numeric($0.1)) })
  }

  /// A quadratic in a trending variable t = 1000…1049: cond(X) ≈ 5.9e9.
  static func trend() throws -> DataTable {
    let t = (0..<50).map { 1000.0 + Double($0) }
    // The same left-to-right double arithmetic as the reference script below.
    let y = t.indices.map { i in 1.0 + 0.5 * t[i] + 0.0001 * t[i] * t[i] + Double((i * 37) % 11 - 5) / 10 }
    return try table([("y", y), ("t", t), ("t2", t.map { $0 * $0 })])
  }

  /// Exact least squares in rational arithmetic on the same doubles (Python's
  /// `fractions`): the coefficients and the unadjusted standard errors with
  /// s² = RSS/(n − k), rescaled below to linearmodels' s² = RSS/n.
  static let trendParams = [-76.23986222178941, 0.6495498891863999, 2.762489611231261e-05]
  static let trendStdErrors = [261.15816867367874, 0.5098964479820384, 0.0002488464341774441].map {
    $0 * (47.0 / 50.0).squareRoot()
  }

  @Test func nearCollinearPolynomialAgreesToThePrecisionTheProblemAllows() throws {
    let results = try OLS(formula: "y ~ t + t2", data: Self.trend()).fit(covariance: .unadjusted)
    // cond ≈ 6e9 and ε ≈ 1e-16: about 1e-6 relative is all the data determine.
    expectClose(results.params, Self.trendParams, rtol: 1e-6)
    expectClose(results.stdErrors, Self.trendStdErrors, rtol: 1e-6)
    // statsmodels: np.linalg.eigvalsh(X'X) gives a condition number printed as 5.9e+09.
    expectClose(results.conditionNumber, 5.92e9, rtol: 0.01)
    #expect(
      results.conditioningNotes == [
        "The condition number is large, 5.92e+09. This might indicate that there are strong multicollinearity or other numerical problems."
      ] || results.conditioningNotes.first?.hasPrefix("The condition number is large, 5.9") == true,
      "\(results.conditioningNotes)")
  }

  /// Beyond `exactConditioningColumns` regressors the extreme eigenvalues are estimated
  /// by power and inverse iteration: they must agree with the full decomposition.
  @Test func estimatedConditionNumberOfAWideDesign() throws {
    var rng = SplitMix64(seed: 0xC0D)
    let n = 300
    let k = RegressionResults.exactConditioningColumns + 10
    var columns: [(String, [Double])] = [("y", (0..<n).map { _ in Double(rng.next() % 1000) })]
    for j in 0..<k {
      // Different scales, so the condition number is large and the note appears.
      let scale = pow(10, Double(j % 5))
      columns.append(("x\(j)", (0..<n).map { _ in Double(rng.next() % 10_000) / 10_000 * scale }))
    }
    let results = try OLS(formula: "y ~ x*", data: Self.table(columns)).fit()
    let x = results.design.exogenous
    #expect(x.columns == k + 1)
    let eigenvalues = SymmetricEigenDecomposition(x.gram()).eigenvalues
    let exact = ((eigenvalues.max() ?? .nan) / (eigenvalues.min() ?? .nan)).squareRoot()
    expectClose(results.conditionNumber, exact, rtol: 1e-6)
    #expect(results.conditioningNotes.first?.hasPrefix("The condition number is large, ") == true)
  }

  @Test func wellConditionedDesignsHaveNoNote() throws {
    let x = (0..<30).map { Double($0 % 7) - 3 }
    let results = try OLS(formula: "y ~ x", data: Self.table([("y", x.indices.map { Double($0 % 5) }), ("x", x)])).fit()
    #expect(results.conditionNumber < 10)
    #expect(results.conditioningNotes.isEmpty)
  }

  /// Values near 1e12 and 1e-12 in one model: finite, and the same fit (rescaled) as
  /// the model on unit-scale columns; statsmodels' small-eigenvalue note.
  @Test func hugeAndTinyScalesInOneModel() throws {
    var rng = SplitMix64(seed: 12)
    let n = 40
    let a = (0..<n).map { _ in Double(rng.next() % 1000) / 100 }
    let b = (0..<n).map { _ in Double(rng.next() % 1000) / 100 }
    var y: [Double] = []
    for i in 0..<n {
      let noise: Double = Double(rng.next() % 100) / 50
      y.append(2 + a[i] - 3 * b[i] + noise)
    }
    let big = a.map { $0 * 0x1p40 }  // ≈ 1e12, a power of two so the rescaling is exact
    let tiny = b.map { $0 * 0x1p-40 }  // ≈ 1e-12
    let unit = try OLS(formula: "y ~ a + b", data: Self.table([("y", y), ("a", a), ("b", b)])).fit()
    let scaled = try OLS(formula: "y ~ big + tiny", data: Self.table([("y", y), ("big", big), ("tiny", tiny)])).fit()
    #expect(scaled.params.allSatisfy { $0.isFinite } && scaled.stdErrors.allSatisfy { $0.isFinite })
    expectClose(scaled.params[0], unit.params[0], rtol: 1e-10)
    expectClose(scaled.params[1] * 0x1p40, unit.params[1], rtol: 1e-10)
    expectClose(scaled.params[2] * 0x1p-40, unit.params[2], rtol: 1e-10)
    expectClose(scaled.stdErrors[1] * 0x1p40, unit.stdErrors[1], rtol: 1e-10)
    expectClose(scaled.stdErrors[2] * 0x1p-40, unit.stdErrors[2], rtol: 1e-10)
    let note = scaled.conditioningNotes.first ?? ""
    #expect(note.hasPrefix("The smallest eigenvalue is"), "\(scaled.conditioningNotes)")
    let summary = scaled.summary.lowercased()
    #expect(!summary.contains("nan"))
  }

  /// Integer-valued data: the same fit as the values written with decimals, and an
  /// exact line gives the exact coefficients with finite standard errors (the CLI adds
  /// a note that they are rounding noise; AdversarialInputTests checks it).
  @Test func integerValuedData() throws {
    let x = (0..<12).map { Double($0 * 3 % 11) }
    let y = x.indices.map { Double(($0 * 5) % 7) + 2 * x[$0] }
    let integers = try OLS(formula: "y ~ x", data: Self.table([("y", y), ("x", x)])).fit()
    let decimals = try OLS(formula: "y ~ x", data: DataTable(csv: "y,x\n" + x.indices.map { "\(Int(y[$0])).0,\(Int(x[$0])).00\n" }.joined())).fit()
    #expect(integers.params == decimals.params && integers.stdErrors == decimals.stdErrors)
    let exact = try OLS(formula: "y ~ x", data: Self.table([("y", x.map { 7 + 2 * $0 }), ("x", x)])).fit(covariance: .unadjusted)
    expectClose(exact.params, [7, 2], rtol: 1e-13)
    #expect(exact.stdErrors.allSatisfy { $0.isFinite && $0 < 1e-12 })
  }

  /// n = k + 1: one residual degree of freedom; every number finite.
  @Test(arguments: [CovarianceEstimator.unadjusted, .robust, .hc1, .hc3])
  func oneDegreeOfFreedom(covariance: CovarianceEstimator) throws {
    let data = try Self.table([("y", [1, 3, 2, 5]), ("x1", [0, 1, 3, 2]), ("x2", [1, 1, 0, 4])])
    let results = try OLS(formula: "y ~ x1 + x2", data: data).fit(covariance: covariance)
    #expect(results.dfResidual == 1)
    #expect(results.params.allSatisfy { $0.isFinite })
    let text = results.summary
    #expect(!text.contains("nan") && !text.contains("NaN"), "\(covariance):\n\(text)")
  }

  /// An instrument with (almost) no strength: finite estimates, a first-stage F near 0
  /// and the weak-instrument verdict; an instrument exactly orthogonal is an error.
  @Test func weakInstrumentWithFirstStageFNearZero() throws {
    var rng = SplitMix64(seed: 99)
    let n = 200
    func draw() -> Double { Double(Int(rng.next() % 2001) - 1000) / 500 }
    let z = (0..<n).map { _ in draw() }
    let x = z.map { 1e-4 * $0 + draw() }
    let y = x.map { $0 + draw() }
    let results = try IV2SLS(formula: "y ~ [x ~ z]", data: Self.table([("y", y), ("x", x), ("z", z)])).fit()
    #expect(results.params.allSatisfy { $0.isFinite } && results.stdErrors.allSatisfy { $0.isFinite })
    let firstStage = try #require(results.firstStage)
    #expect(firstStage.diagnostics[0].partialF.statistic < 1)
    let diagnostics = results.diagnosticsSummary
    #expect(diagnostics.contains("Verdict: weak"))
    let summary = results.summary.lowercased()
    #expect(!summary.contains("nan"))
  }
}
