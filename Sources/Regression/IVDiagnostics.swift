#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Formulas
import LinearAlgebra

/// Specification tests of an IV fit, with linearmodels 7.1's definitions: e are
/// the model residuals (LIML residuals for LIML), Z = [exogenous, instruments],
/// n the observations, q = instruments − endogenous. Each is `nil` for OLS.
extension RegressionResults {
  /// Durbin's test that the endogenous regressors (or `variables`) are exogenous:
  /// δ/(e₀ᵀe₀/n) ~ χ²(m), δ = ‖P_[Z, X_m] e₀‖² − ‖P_Z e‖², where e₀ are the
  /// residuals of the model that treats the m tested variables as exogenous.
  public func durbin(variables: [String]? = nil) throws(ModelError) -> TestStatistic? {
    guard let parts = try exogeneityParts(variables) else { return nil }
    return TestStatistic(
      name: "Durbin test of exogeneity", nullHypothesis: parts.null,
      statistic: parts.delta / (parts.restrictedRSS / Double(nobs)), distribution: .chiSquared(parts.m))
  }

  /// The Wu–Hausman test: (δ/m) / ((e₀ᵀe₀ − δ)/(n − k − m)) ~ F(m, n − k − m),
  /// k counting every regressor of the model.
  public func wuHausman(variables: [String]? = nil) throws(ModelError) -> TestStatistic? {
    guard let parts = try exogeneityParts(variables) else { return nil }
    let dfDenominator = nobs - exogenousParameterCount - design.endogenous.columns - parts.m
    let statistic = (parts.delta / Double(parts.m)) / ((parts.restrictedRSS - parts.delta) / Double(dfDenominator))
    return TestStatistic(
      name: "Wu-Hausman test of exogeneity", nullHypothesis: parts.null, statistic: statistic,
      distribution: .f(parts.m, dfDenominator))
  }

  /// Durbin's test of all endogenous regressors.
  public var durbin: TestStatistic? { try? durbin(variables: nil) }
  /// The Wu–Hausman test of all endogenous regressors.
  public var wuHausman: TestStatistic? { try? wuHausman(variables: nil) }

  /// Sargan's test of over-identifying restrictions: n(1 − uᵀu/eᵀe), u = M_Z e, χ²(q).
  public var sargan: TestStatistic? {
    overidentification("Sargan's test of overidentification", null: "The model is not overidentified.") { q in
      if let absorbed { return absorbed.sargan }
      guard let fit, let zQR = fit.zQR else { return .nan }
      let e = fit.residuals
      return Double(nobs) * (1 - Vector.sumOfSquares(zQR.residuals(e)) / Vector.sumOfSquares(e))
    }
  }

  /// Basmann's test: s(n − |Z|)/(n − s) with s Sargan's statistic, χ²(q).
  public var basmann: TestStatistic? {
    overidentification("Basmann's test of overidentification", null: "The model is not overidentified.") { _ in
      guard let s = sargan?.statistic else { return .nan }
      let n = Double(nobs)
      return s * (n - Double(instrumentCount)) / (n - s)
    }
  }

  /// Anderson and Rubin's test of over-identification: n·ln κ̂ with LIML's κ̂
  /// (also for 2SLS results), χ²(q).
  public var andersonRubin: TestStatistic? {
    overidentification("Anderson-Rubin test of overidentification", null: "The model is not overidentified.") { _ in
      Double(nobs) * log(limlKappa)
    }
  }

  /// Basmann's F test: (κ̂ − 1)(n − |Z|)/q ~ F(q, n − |Z|), with LIML's κ̂.
  public var basmannF: TestStatistic? {
    guard design.isInstrumental else { return nil }
    let name = "Basmann' F  test of overidentification"  // linearmodels' spelling
    let null = "The model is not overidentified."
    let q = design.instruments.columns - design.endogenous.columns
    let dfDenominator = nobs - instrumentCount
    guard q > 0 else { return TestStatistic(invalid: name, nullHypothesis: null, reason: Self.needsOveridentification) }
    let kappa = limlKappa
    guard kappa.isFinite else { return TestStatistic(invalid: name, nullHypothesis: null, reason: "kappa is unavailable") }
    return TestStatistic(
      name: name, nullHypothesis: null, statistic: (kappa - 1) * Double(dfDenominator) / Double(q),
      distribution: .f(q, dfDenominator))
  }

  /// Wooldridge's score test of exogeneity: n − RSS of regressing 1 on rⱼ·ẽ,
  /// ẽ = M_X y, r = M_X M_Z X₂ (X₂ endogenous); χ²(m).
  public var wooldridgeScore: TestStatistic? {
    guard design.isInstrumental else { return nil }
    let name = "Wooldridge's score test of exogeneity"
    guard let fit, let zQR = fit.zQR else { return notAbsorbed(name, null: "Endogenous variables are exogenous") }
    let e = fit.xQR.residuals(fit.y)
    let r = fit.xQR.residuals(zQR.residuals(design.endogenous))
    var products = r
    for j in 0..<products.columns {
      for i in 0..<nobs { products[i, j] *= e[i] }
    }
    let rss = Self.residualSumOfSquaresOfOnes(on: products)
    return TestStatistic(
      name: name, nullHypothesis: "Endogenous variables are exogenous",
      statistic: Double(nobs) - rss, distribution: .chiSquared(design.endogenous.columns))
  }

  /// Wooldridge's regression test of exogeneity: the Wald statistic of γ in the
  /// OLS of y on [X, v], v = M_Z X₂ the first-stage residuals, under the model's
  /// covariance estimator (same clusters, bandwidth and `debiased`); χ²(m).
  public var wooldridgeRegression: TestStatistic? {
    guard design.isInstrumental else { return nil }
    let name = "Wooldridge's regression test of exogeneity"
    let null = "Endogenous variables are exogenous"
    guard let fit, let zQR = fit.zQR else { return notAbsorbed(name, null: null) }
    let v = zQR.residuals(design.endogenous)
    let augmented = fit.x.appendingColumns(of: v)
    let names = design.regressorNames + design.endogenousNames.map { "v_" + $0 }
    guard let ols = try? LinearFit(y: fit.y, x: augmented, xNames: names, z: nil, zNames: []) else {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: "the augmented regression is collinear")
    }
    let covariance = ols.covariance(resolvedCovariance, debiased: debiased)
    let tested = Array(fit.k..<augmented.columns)
    guard
      let w = waldStatistic(
        params: tested.map { ols.params[$0] }, covariance: covariance.submatrix(rows: tested, columns: tested))
    else { return TestStatistic(invalid: name, nullHypothesis: null, reason: "singular covariance") }
    return TestStatistic(name: name, nullHypothesis: null, statistic: w, distribution: .chiSquared(tested.count))
  }

  /// Wooldridge's score test of over-identification: n·R²ᵤ of regressing 1 on
  /// q̃ᵢeᵢ, q̃ = M_[X₁, P_Z X₂] of the first q excluded instruments; χ²(q).
  public var wooldridgeOveridentification: TestStatistic? {
    let name = "Wooldridge's score test of overidentification"
    if design.isInstrumental, fit == nil { return notAbsorbed(name, null: "Model is not overidentified.") }
    return overidentification(name, null: "Model is not overidentified.") { q in
      guard let fit, let zQR = fit.zQR else { return .nan }
      let partial = design.exogenous.appendingColumns(of: zQR.projection(design.endogenous))
      let residualized = QRDecomposition(partial).residuals(design.instruments.selectingColumns(Array(0..<q)))
      var products = residualized
      for j in 0..<q {
        for i in 0..<nobs { products[i, j] *= fit.residuals[i] }
      }
      let n = Double(nobs)
      return n * (1 - Self.residualSumOfSquaresOfOnes(on: products) / n)
    }
  }

  /// The specification tests in a fixed order, keyed as in the JSON output.
  public var diagnosticTests: [(key: String, test: TestStatistic)] {
    guard design.isInstrumental else { return [] }
    // linearmodels offers J statistics, not these residual-based tests, for GMM.
    if let gmm { return [("j_stat", gmm.jStatistic), ("centered_j_stat", gmm.centeredJStatistic)] }
    let tests: [(String, TestStatistic?)] = [
      ("wu_hausman", wuHausman), ("durbin", durbin), ("sargan", sargan), ("basmann", basmann),
      ("basmann_f", basmannF), ("wooldridge_score", wooldridgeScore),
      ("wooldridge_regression", wooldridgeRegression), ("wooldridge_overid", wooldridgeOveridentification),
      ("anderson_rubin", andersonRubin),
    ]
    return tests.compactMap { key, test in test.map { (key, $0) } }
  }

  // MARK: - Helpers

  /// Why the absorbing fit reports no Wooldridge test.
  static let notComputedWhenAbsorbed = "Wooldridge's tests are not computed when the intercept and a categorical term are absorbed"

  private static let needsOveridentification = "Test requires more instruments than endogenous variables."

  /// |Z|: exogenous regressors plus excluded instruments.
  private var instrumentCount: Int { exogenousParameterCount + design.instruments.columns }

  /// The exogenous parameters: the dense design's columns, plus the intercept and dummies
  /// an absorbed fit keeps as groups.
  private var exogenousParameterCount: Int {
    design.exogenous.columns + (absorbed?.absorbedParameterCount ?? 0)
  }

  /// A test the absorbing fit does not compute (it needs products of n-row residual vectors
  /// with the full instrument matrix).
  private func notAbsorbed(_ name: String, null: String) -> TestStatistic {
    TestStatistic(invalid: name, nullHypothesis: null, reason: Self.notComputedWhenAbsorbed)
  }

  /// LIML's κ̂ for this model (NaN when it cannot be estimated).
  var limlKappa: Double {
    if let absorbed { return absorbed.limlKappa }
    guard let fit, let zQR = fit.zQR else { return .nan }
    return (try? LinearFit.limlKappa(y: fit.y, x: fit.x, exogenousCount: fit.exogenousCount, zQR: zQR)) ?? .nan
  }

  /// A χ²(q) over-identification test, invalid when q = 0 or the statistic is not finite.
  private func overidentification(_ name: String, null: String, statistic: (Int) -> Double) -> TestStatistic? {
    guard design.isInstrumental else { return nil }
    let q = design.instruments.columns - design.endogenous.columns
    guard q > 0 else { return TestStatistic(invalid: name, nullHypothesis: null, reason: Self.needsOveridentification) }
    let value = statistic(q)
    guard value.isFinite else { return TestStatistic(invalid: name, nullHypothesis: null, reason: "kappa is unavailable") }
    return TestStatistic(name: name, nullHypothesis: null, statistic: value, distribution: .chiSquared(q))
  }

  /// The residual sum of squares of regressing a column of ones on `x` (no constant).
  private static func residualSumOfSquaresOfOnes(on x: Matrix) -> Double {
    Vector.sumOfSquares(QRDecomposition(x).residuals([Double](repeating: 1, count: x.rows)))
  }

  /// δ, e₀ᵀe₀ and m for Durbin and Wu–Hausman.
  private func exogeneityParts(_ variables: [String]?) throws(ModelError) -> (delta: Double, restrictedRSS: Double, m: Int, null: String)? {
    guard design.isInstrumental else { return nil }
    let names = design.endogenousNames
    let tested: [Int]
    if let variables {
      tested = try variables.map { name throws(ModelError) in
        guard let j = names.firstIndex(of: name) else { throw .unknownEndogenous(name, endogenous: names) }
        return j
      }
    } else {
      tested = Array(names.indices)
    }
    let null =
      variables == nil ? "All endogenous variables are exogenous" : "Variables \(tested.map { names[$0] }.joined(separator: ", ")) are exogenous"
    if let absorbed {
      let parts = try absorbed.exogeneityParts(tested: tested)
      return (parts.delta, parts.restrictedRSS, tested.count, null)
    }
    guard let fit, let zQR = fit.zQR else { return nil }
    let testedColumns = design.endogenous.selectingColumns(tested)
    let remaining = names.indices.filter { !tested.contains($0) }
    // e₀: the model with the tested variables moved to the exogenous regressors.
    let restricted = try LinearFit(
      y: fit.y,
      x: design.exogenous.appendingColumns(of: testedColumns).appendingColumns(
        of: design.endogenous.selectingColumns(remaining)),
      xNames: design.exogenousNames + tested.map { names[$0] } + remaining.map { names[$0] },
      z: remaining.isEmpty ? nil : design.allInstruments.appendingColumns(of: testedColumns),
      zNames: design.allInstrumentNames + tested.map { names[$0] },
      exogenousCount: design.exogenous.columns + tested.count,
      // Testing every endogenous regressor in model order: the restricted model is OLS of y on X.
      factorizedX: remaining.isEmpty && tested == Array(names.indices) ? fit.xQR : nil)
    let e0 = restricted.residuals
    // P_[Z, T] = P_Z + P_(M_Z T): project on Z with the model's factorisation, then on the
    // part of the tested columns that Z does not span (columns Z spans to working precision
    // are left out, as a QR of [Z, T] would reject them).
    let tolerance = Double(Swift.max(nobs, zQR.columns + tested.count)) * .ulpOfOne
    let outside = zQR.residuals(testedColumns)
    let kept = (0..<outside.columns).filter { j in
      Vector.sumOfSquares(outside.column(j)).squareRoot() > tolerance * Vector.sumOfSquares(testedColumns.column(j)).squareRoot()
    }
    var e1 = zQR.projection(e0)
    if !kept.isEmpty {
      e1 = Vector.subtracting(e1, QRDecomposition(outside.selectingColumns(kept)).projection(e0).map { -$0 })
    }
    let e2 = zQR.projection(fit.residuals)
    return (Vector.sumOfSquares(e1) - Vector.sumOfSquares(e2), Vector.sumOfSquares(e0), tested.count, null)
  }
}
