import LinearAlgebra

/// The likelihood of the coefficients θ given the error covariance Σ, a Gaussian in θ.
///
/// The joint density of `(y_i, t_i)` is the bivariate normal of the two errors: the map
/// from `(ε_y, ε_t)` to `(y, t)` is triangular with unit diagonal, so its Jacobian is 1 and
/// the structural model is, given Σ, a seemingly-unrelated regression whose outcome
/// equation has `t` among its regressors. With `W_i` the 2×k block-diagonal matrix of the
/// two equations' regressors and `S = Σ⁻¹`, the log-likelihood is
/// `−½ Σ_i (r_i − W_iθ)ᵀ S (r_i − W_iθ)` for `r_i = (y_i, t_i)`, so θ has precision
/// `Σ_i W_iᵀ S W_i` (blocks `s_yy XᵧᵀXᵧ`, `s_yt XᵧᵀXₜ`, `s_tt XₜᵀXₜ`) and precision × mean
/// `Σ_i W_iᵀ S r_i` — both read off the cross-products of `[X, Z, t, y]`.
struct CoefficientConditional {
  let layout: StructuralLayout
  /// The likelihood's precision, row-major k×k.
  let precision: [Double]
  /// The likelihood's precision × mean.
  let linear: [Double]

  init(layout: StructuralLayout, statistics: CrossProducts, covariance: Symmetric2x2) {
    self.layout = layout
    let s = covariance.inverse
    let k = layout.coefficientCount
    let tColumn = statistics.treatmentColumn
    let yColumn = statistics.outcomeColumn
    var precision = [Double](repeating: 0, count: k * k)
    var linear = [Double](repeating: 0, count: k)
    for i in 0..<k {
      let ci = layout.column(ofCoefficient: i)
      let iOutcome = layout.isOutcome(i)
      for j in i..<k {
        let cj = layout.column(ofCoefficient: j)
        let weight = iOutcome ? (layout.isOutcome(j) ? s.a : s.b) : s.c
        let value = weight * statistics.raw(ci, cj)
        precision[i * k + j] = value
        precision[j * k + i] = value
      }
      linear[i] =
        iOutcome
        ? s.a * statistics.raw(ci, yColumn) + s.b * statistics.raw(ci, tColumn)
        : s.b * statistics.raw(ci, yColumn) + s.c * statistics.raw(ci, tColumn)
    }
    self.precision = precision
    self.linear = linear
  }

  /// What the likelihood says about β_t given the other coefficients of `theta`: the mean
  /// and variance of the Gaussian in β_t it is proportional to.
  func effectLikelihood(given theta: [Double]) -> (mean: Double, variance: Double) {
    let k = layout.coefficientCount
    let e = layout.effectIndex
    var residual = linear[e]
    for j in 0..<k where j != e { residual -= precision[e * k + j] * theta[j] }
    let p = precision[e * k + e]
    return (residual / p, 1 / p)
  }

  /// The conditional posterior of θ with the layout's priors and `effectPrior` on β_t:
  /// its mean and the Cholesky factor of its precision.
  func posterior(effectPrior: NormalPrior) throws(BayesianIVError) -> (mean: [Double], factor: CholeskyDecomposition) {
    let k = layout.coefficientCount
    var precision = precision
    var linear = linear
    for i in 0..<k {
      precision[i * k + i] += layout.priorPrecision[i]
      linear[i] += layout.priorLinear[i]
    }
    let e = layout.effectIndex
    precision[e * k + e] += effectPrior.precision
    linear[e] += effectPrior.precision * effectPrior.mean
    let factor: CholeskyDecomposition
    do {
      factor = try CholeskyDecomposition(Matrix(rows: k, columns: k, columnMajor: precision))
    } catch {
      throw .singularDesign(equation: "outcome or first-stage")
    }
    return (factor.solve(linear), factor)
  }

  /// The exact conditional posterior's mean and covariance (for checks and summaries).
  func posteriorMoments(effectPrior: NormalPrior) throws(BayesianIVError) -> (mean: [Double], covariance: Matrix) {
    let (mean, factor) = try posterior(effectPrior: effectPrior)
    return (mean, factor.inverse())
  }

  /// A draw from the conditional posterior, its deviations from the mean multiplied by
  /// `spread` (1 for the sampler; more for over-dispersed starting points).
  func draw(
    effectPrior: NormalPrior, spread: Double = 1, _ random: inout some RandomNumberGenerator
  ) throws(BayesianIVError) -> [Double] {
    let (mean, factor) = try posterior(effectPrior: effectPrior)
    let k = layout.coefficientCount
    let noise = (0..<k).map { _ in RandomVariates.normal(&random) }
    // θ = μ + L⁻ᵀξ has covariance (LLᵀ)⁻¹.
    let deviation: [Double]
    do {
      deviation = try TriangularSolve.upper(factor.lower.transposed(), noise)
    } catch {
      throw .singularDesign(equation: "outcome or first-stage")
    }
    var theta = mean
    for i in 0..<k { theta[i] += spread * deviation[i] }
    guard theta.allSatisfy(\.isFinite) else { throw .numericalFailure("coefficient") }
    return theta
  }
}
