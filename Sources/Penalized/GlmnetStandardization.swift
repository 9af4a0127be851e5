import LinearAlgebra

/// glmnet's internal problem (`standard` + `elnet`'s penalty rescaling), built from the
/// shifted sums instead of the data.
///
/// Internal units: with weights 1/n, x̃_j = (x_j − x̄_j)/(√n·s_j) and ỹ = (y − ȳ)/(√n·s_y)
/// (no centring and root-mean-square s_y without an intercept), so the internal null
/// deviance `ỹᵀỹ` is 1. The solver needs only `c_jk = x̃_jᵀx̃_k`, `xv_j = c_jj` and the
/// starting gradient `g_j = x̃_jᵀỹ`. Coefficients map back as `β_j = b_j·s_y/s_j`,
/// `λ = λ̃·s_y`, `β₀ = ȳ − Σ β_j x̄_j`.
struct GlmnetStandardization {
  /// The number of columns.
  let p: Int
  /// Whether column j takes part (not excluded, not constant): glmnet's `ju`.
  let included: [Bool]
  /// The penalty factors rescaled to sum to p (glmnet's `vq`).
  let penalties: [Double]
  /// `c_jk = x̃_jᵀx̃_k`, column-major p×p; rows and columns of excluded columns are 0.
  let gram: [Double]
  /// `xv_j = x̃_jᵀx̃_j` (1 for standardised centred columns).
  let xv: [Double]
  /// `g_j = x̃_jᵀỹ` at b = 0 (0 for excluded columns).
  let gradient: [Double]
  /// The column means subtracted (0 without an intercept): `xm`.
  let xMeans: [Double]
  /// The column scales divided by (1 without standardisation): `xs`.
  let xScales: [Double]
  /// The mean of y subtracted (0 without an intercept): `ym`.
  let yMean: Double
  /// The scale of y divided by: `ys`.
  let yScale: Double
  /// `Σ (y − ȳ)²` (`Σ y²` without an intercept).
  let nullDeviance: Double

  /// Standardises as glmnet does for the given options.
  ///
  /// - Parameters:
  ///   - excluded: per column, whether the user excluded it.
  ///   - factors: the user's penalty factors with excluded columns already reset to 1.
  /// - Throws: ``PenalizedError/constantResponse`` or ``PenalizedError/noUsableColumns``.
  init(
    statistics: GramStatistics, standardize: Bool, fitIntercept: Bool, excluded: [Bool], factors: [Double]
  ) throws(PenalizedError) {
    let p = statistics.columns
    let n = Double(statistics.observations)
    self.p = p
    let included = (0..<p).map { !excluded[$0] && !statistics.hasNegligibleVariance($0) }
    guard included.contains(true) else { throw .noUsableColumns }
    self.included = included

    let positive = factors.map { max(0, $0) }
    let total = positive.reduce(0, +)
    penalties = positive.map { $0 * Double(p) / total }

    let centred = statistics.centredGram()
    let cross = fitIntercept ? centred : statistics.rawGram()
    let xy = fitIntercept ? statistics.centredResponseCrossProducts() : statistics.rawResponseCrossProducts()
    let yy = fitIntercept ? statistics.centredResponseSumOfSquares : statistics.rawResponseSumOfSquares
    let means = statistics.means

    // Response: glmnet stops when the null deviance is 0; a rounding residue of a
    // constant y (from subtracted statistics) counts as 0 too.
    let yShiftScale = statistics.responseShift * statistics.responseShift + max(0, statistics.responseSumOfSquares) / n
    guard yy > 0 && yy / n > 1e-26 * yShiftScale else { throw .constantResponse }
    nullDeviance = yy
    yMean = fitIntercept ? statistics.responseMean : 0
    yScale = (yy / n).squareRoot()

    var xScales = [Double](repeating: 1, count: p)
    var xv = [Double](repeating: 0, count: p)
    for j in 0..<p where included[j] {
      let variance = centred[j + j * p] / n
      if fitIntercept {
        if standardize {
          xScales[j] = variance.squareRoot()
          xv[j] = 1
        } else {
          xv[j] = variance
        }
      } else if standardize {
        xScales[j] = variance.squareRoot()
        xv[j] = 1 + means[j] * means[j] / variance
      } else {
        xv[j] = cross[j + j * p] / n
      }
    }
    var gram = [Double](repeating: 0, count: p * p)
    var gradient = [Double](repeating: 0, count: p)
    for k in 0..<p where included[k] {
      for j in 0..<p where included[j] {
        gram[j + k * p] = j == k ? xv[j] : cross[j + k * p] / n / (xScales[j] * xScales[k])
      }
      gradient[k] = xy[k] / n / (xScales[k] * yScale)
    }
    self.gram = gram
    self.xv = xv
    self.gradient = gradient
    self.xScales = xScales
    xMeans = fitIntercept ? means : [Double](repeating: 0, count: p)
  }
}
