import Formulas
import LinearAlgebra

/// First-stage regressions and instrument-strength diagnostics of an IV fit,
/// linearmodels 7.1's `first_stage`.
///
/// For each endogenous regressor xⱼ: the OLS of xⱼ on Z = [exogenous,
/// instruments] under the model's covariance estimator, its R², the partial R²
/// of the excluded instruments (uncentred R² of M_W xⱼ on M_W Z₂, W the
/// exogenous regressors), Shea's partial R² ([(XᵀX)⁻¹]ⱼⱼ / [(X̂ᵀX̂)⁻¹]ⱼⱼ), and
/// the partial F: the Wald statistic of the excluded instruments' coefficients,
/// divided by their number with an F(q, n − |Z|) distribution for the
/// unadjusted estimator and χ²(q) otherwise.
public struct FirstStageResults: Sendable {
  /// The diagnostics of one endogenous regressor.
  public struct Diagnostics: Sendable {
    /// The endogenous regressor.
    public let endogenous: String
    /// R² of its first-stage regression.
    public let rsquared: Double
    /// Partial R² of the excluded instruments.
    public let partialRSquared: Double
    /// Shea's partial R².
    public let sheaRSquared: Double
    /// Joint test that the excluded instruments' coefficients are zero.
    public let partialF: TestStatistic
  }

  /// One entry per endogenous regressor, in model order.
  public let diagnostics: [Diagnostics]
  /// The first-stage regressions, one per endogenous regressor.
  public let regressions: [RegressionResults]

  init(diagnostics: [Diagnostics], regressions: [RegressionResults]) {
    self.diagnostics = diagnostics
    self.regressions = regressions
  }

  init(results: RegressionResults) throws(ModelError) {
    guard let fit = results.fit else {
      guard let absorbed = results.absorbed else { throw .noRegressors }
      self = try FirstStageResults(absorbed: absorbed, results: results)
      return
    }
    let design = results.design
    let z = design.allInstruments
    let n = design.observationCount
    let nExogenous = design.exogenous.columns
    let nInstruments = design.instruments.columns
    // Z = [exogenous, instruments]: the model's QR of Z partials the exogenous regressors
    // out when they lead it independently; otherwise they get their own factorisation.
    var exogenousQR: QRDecomposition?
    func partialOut(_ b: Matrix) -> Matrix {
      guard nExogenous > 0 else { return b }
      if let fast = fit.zQR?.residuals(b, onLeadingColumns: nExogenous) { return fast }
      let qr = exogenousQR ?? QRDecomposition(design.exogenous)
      exogenousQR = qr
      return qr.residuals(b)
    }
    let partialledInstruments = partialOut(design.instruments)
    let partialledQR = QRDecomposition(partialledInstruments)
    let partialledSpanConstant = ConstantDetection.constant(in: partialledInstruments).present
    let olsInverse = fit.xQR.inverseGram()
    var diagnostics: [Diagnostics] = []
    var regressions: [RegressionResults] = []
    for (j, name) in design.endogenousNames.enumerated() {
      let endogenous = design.endogenous.column(j)
      let stage = DesignMatrices(dependentName: name, dependent: endogenous, exogenous: z, exogenousNames: design.allInstrumentNames)
      let core = try LinearFit(
        y: endogenous, x: z, xNames: design.allInstrumentNames, z: nil, zNames: [], factorizedX: fit.zQR)
      let regression = RegressionResults(
        method: "OLS", design: stage, fit: core, covariance: results.resolvedCovariance, debiased: results.debiased)
      regressions.append(regression)

      let partialled = partialOut(Matrix(rows: n, columns: 1, columnMajor: endogenous)).columnMajorValues
      // linearmodels fits OLS of the partialled endogenous on the partialled instruments,
      // whose R² is centred when those span a constant (possible without exogenous regressors).
      let partialledTotal =
        partialledSpanConstant
        ? Vector.sumOfSquares(partialled.map { $0 - Vector.sum(partialled) / Double(n) })
        : Vector.sumOfSquares(partialled)
      let partialRSquared = 1 - Vector.sumOfSquares(partialledQR.residuals(partialled)) / partialledTotal
      let index = nExogenous + j
      let shea = olsInverse[index, index] / fit.xHatInverseGram[index, index]

      let partialF = Self.partialF(
        regression, instruments: nExogenous..<(nExogenous + nInstruments), unadjusted: results.covarianceEstimator == .unadjusted)
      diagnostics.append(
        Diagnostics(
          endogenous: name, rsquared: regression.rsquared, partialRSquared: partialRSquared,
          sheaRSquared: shea, partialF: partialF))
    }
    self.diagnostics = diagnostics
    self.regressions = regressions
  }
}

extension FirstStageResults {
  /// The Wald test that the excluded instruments' coefficients (at `instruments` among the
  /// first-stage parameters) are zero: W/q ~ F(q, n − |Z|) for the unadjusted estimator,
  /// W ~ χ²(q) otherwise.
  static func partialF(_ regression: RegressionResults, instruments: Range<Int>, unadjusted: Bool) -> TestStatistic {
    let tested = Array(instruments)
    let q = tested.count
    let label = "Partial F-statistic"
    let null = "Excluded instruments are jointly zero"
    guard
      let w = waldStatistic(
        params: tested.map { regression.params[$0] }, covariance: regression.covariance.submatrix(rows: tested, columns: tested))
    else {
      return TestStatistic(invalid: label, nullHypothesis: null, reason: "singular covariance of the instrument coefficients")
    }
    return unadjusted
      ? TestStatistic(
        name: label, nullHypothesis: null, statistic: w / Double(q), distribution: .f(q, regression.nobs - regression.dfModel))
      : TestStatistic(name: label, nullHypothesis: null, statistic: w, distribution: .chiSquared(q))
  }
}

extension RegressionResults {
  /// First-stage regressions and diagnostics; `nil` for a model without endogenous regressors.
  public var firstStage: FirstStageResults? {
    guard design.isInstrumental else { return nil }
    return try? FirstStageResults(results: self)
  }
}
