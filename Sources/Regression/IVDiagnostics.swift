import Formulas
import LinearAlgebra

/// Specification tests of an IV fit (linearmodels 7.1 definitions; e are the
/// model residuals, Z the full instrument matrix, n the observations).
extension RegressionResults {
  /// Durbin's test of exogeneity of all endogenous regressors: δ/(e₀ᵀe₀/n) ~ χ²(m),
  /// where e₀ are the OLS residuals, δ = ‖P_[Z, X₂] e₀‖² − ‖P_Z e‖² and m the
  /// number of endogenous regressors. `nil` for OLS.
  public var durbin: TestStatistic? {
    guard let parts = exogeneityParts else { return nil }
    return TestStatistic(
      name: "Durbin test of exogeneity", nullHypothesis: "All endogenous variables are exogenous",
      statistic: parts.delta / (parts.olsRSS / Double(nobs)), distribution: .chiSquared(parts.m))
  }

  /// The Wu–Hausman test of exogeneity: (δ/m) / ((e₀ᵀe₀ − δ)/(n − k − m)) ~
  /// F(m, n − k − m), with k all regressors. `nil` for OLS.
  public var wuHausman: TestStatistic? {
    guard let parts = exogeneityParts else { return nil }
    let dfDenominator = nobs - design.exogenous.columns - design.endogenous.columns - parts.m
    let statistic = (parts.delta / Double(parts.m)) / ((parts.olsRSS - parts.delta) / Double(dfDenominator))
    return TestStatistic(
      name: "Wu-Hausman test of exogeneity", nullHypothesis: "All endogenous variables are exogenous",
      statistic: statistic, distribution: .f(parts.m, dfDenominator))
  }

  /// Sargan's test of over-identifying restrictions: n(1 − uᵀu/eᵀe) with
  /// u = M_Z e, χ²(q) for q = instruments − endogenous. Invalid when the model
  /// is just identified; `nil` for OLS.
  public var sargan: TestStatistic? {
    guard design.isInstrumental, let zQR = fit.zQR else { return nil }
    let name = "Sargan's test of overidentification"
    let null = "The model is not overidentified."
    let q = design.instruments.columns - design.endogenous.columns
    guard q > 0 else {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: "Test requires more instruments than endogenous variables.")
    }
    let e = fit.residuals
    let u = zQR.residuals(e)
    let statistic = Double(nobs) * (1 - Vector.sumOfSquares(u) / Vector.sumOfSquares(e))
    return TestStatistic(name: name, nullHypothesis: null, statistic: statistic, distribution: .chiSquared(q))
  }

  /// The specification tests in a fixed order, keyed as in the JSON output.
  public var diagnosticTests: [(key: String, test: TestStatistic)] {
    var tests: [(key: String, test: TestStatistic)] = []
    if let t = wuHausman { tests.append(("wu_hausman", t)) }
    if let t = durbin { tests.append(("durbin", t)) }
    if let t = sargan { tests.append(("sargan", t)) }
    return tests
  }

  private var exogeneityParts: (delta: Double, olsRSS: Double, m: Int)? {
    guard design.isInstrumental, let zQR = fit.zQR else { return nil }
    let e0 = fit.xQR.residuals(fit.y)
    let augmented = QRDecomposition(design.allInstruments.appendingColumns(of: design.endogenous))
    let e1 = augmented.projection(e0)
    let e2 = zQR.projection(fit.residuals)
    let delta = Vector.sumOfSquares(e1) - Vector.sumOfSquares(e2)
    return (delta, Vector.sumOfSquares(e0), design.endogenous.columns)
  }
}
