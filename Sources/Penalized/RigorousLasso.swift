#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import LinearAlgebra
import Distributions

/// The rigorous (plug-in) lasso of Belloni, Chen, Chernozhukov and Hansen (2012), as R's
/// hdm `rlasso` computes it.
///
/// The objective is hdm's, on centred data, `Σᵢ(yᵢ − xᵢᵀβ)² + Σ_j λ_j|β_j|` with
/// `λ_j = λ0·ψ_j` and
///
///     λ0 = 2c·√n·Φ⁻¹(1 − γ/(2p)),   c = 1.1,   γ = 0.1/log(n)
///
/// The algorithm is hdm 0.3.2's `rlasso.default`, step for step:
///
/// 1. centre x and y (with an intercept);
/// 2. initial residuals from least squares of y on the five columns most correlated with
///    it (ties: the lower index first), with an intercept;
/// 3. loadings `ψ_j = √(E_n[e²x_j²])` (heteroskedastic; no division by sd(e));
/// 4. repeat at most 15 times: solve the weighted lasso (with half the penalty in the
///    first pass when refitting, as hdm does); stop with an intercept-only fit if
///    nothing is selected; refit the selected columns by least squares (post-lasso);
///    update the loadings from the new residuals; stop once the residual standard
///    deviation moved by less than 10⁻⁵.
///
/// The weighted lasso is solved to a duality gap of 10⁻¹³ (hdm's own shooting solver
/// stops at Σ|Δβ| < 10⁻⁵), so without refitting the coefficients are exact where hdm's
/// are accurate to about 10⁻⁶; with refitting only the selected set matters and the
/// numbers are exact least squares.
///
/// ```swift
/// let fit = try RigorousLasso().fit(z, d)
/// fit.selectedColumns   // [0, 1, 2] on the reference data set B
/// fit.lambda0           // 106.36605875697248
/// ```
public struct RigorousLasso: Sendable, Equatable {
  /// The settings (hdm's defaults if none are given).
  public var options: RigorousLassoOptions

  /// A rigorous lasso with the given settings.
  public init(options: RigorousLassoOptions = RigorousLassoOptions()) { self.options = options }

  /// The penalty level λ0 for `n` rows and `p` candidate columns.
  public func penaltyLevel(observations n: Int, columns p: Int) -> Double {
    let c = options.c ?? (options.postLasso ? 1.1 : 0.5)
    let gamma = options.gamma ?? 0.1 / log(Double(n))
    return 2 * c * Double(n).squareRoot() * Normal().quantile(1 - gamma / (2 * Double(p)))
  }

  /// Fits the rigorous lasso of `y` on the columns of `x`.
  ///
  /// - Throws: ``PenalizedError`` for empty or mismatched data, NaN or infinite values,
  ///   fewer than two rows, or options outside their domains (c ≤ 0, γ outside (0, 1),
  ///   fewer than one iteration, a negative tolerance).
  /// - Complexity: O(*n* *p*²) once for the Gram matrix, then O(*n* *p*) per pass for
  ///   the loadings plus the lasso solve in Gram form.
  public func fit(_ x: Matrix, _ y: [Double]) throws -> RigorousLassoFit {
    try InputChecks.data(x, y)
    try validate()
    let n = x.rows, p = x.columns
    guard n >= 2 else {
      throw PenalizedError.invalidParameter(name: "rows", value: "\(n)", requirement: "at least 2 observations")
    }
    guard p >= 1 else { throw PenalizedError.noUsableColumns }
    let c = options.c ?? (options.postLasso ? 1.1 : 0.5)
    let gamma = options.gamma ?? 0.1 / log(Double(n))
    let lambda0 = penaltyLevel(observations: n, columns: p)

    let data = CentredData(x: x, y: y, centre: options.fitIntercept)
    // Without an intercept nothing is centred: the statistics must be the raw XᵀX and Xᵀy.
    let gram =
      options.fitIntercept
      ? try GramStatistics(x: data.x, y: data.y)
      : try GramStatistics(x: data.x, y: data.y, shift: [Double](repeating: 0, count: p), responseShift: 0)
    let (initialResiduals, initialColumns) = data.initialResiduals(count: options.initialColumns)
    let initialLoadings: [Double]
    switch options.loadings {
    case .heteroskedastic: initialLoadings = data.loadings(residuals: initialResiduals)
    case .homoskedastic:
      initialLoadings = [Double](repeating: standardDeviation(initialResiduals), count: p)
    }
    var weights = initialLoadings  // λ_j / λ0 of the next solve
    var returnedLoadings = initialLoadings
    var s0 = standardDeviation(data.y)
    var coefficients = [Double](repeating: 0, count: p)
    var residuals = data.y
    var selected: [Int] = []
    var history: [[Int]] = []
    var finalPenalties = weights.map { lambda0 * $0 }
    var pass = 1
    while pass <= options.maxIterations {
      let halve = pass == 1 && options.postLasso
      let lasso = try weightedLasso(gram: gram, weights: weights, alpha: lambda0 * (halve ? 0.5 : 1) / (2 * Double(n)))
      finalPenalties = weights.map { lambda0 * (halve ? 0.5 : 1) * $0 }
      selected = lasso.indices.filter { lasso[$0] != 0 }
      history.append(selected)
      if selected.isEmpty {
        return RigorousLassoFit(
          coefficients: [Double](repeating: 0, count: p), intercept: data.yMean,
          selectedColumns: [], lambda0: lambda0, lambdas: weights.map { lambda0 * $0 },
          loadings: initialLoadings, residuals: y.map { $0 - data.yMean },
          residualStandardDeviation: standardDeviation(data.y), iterations: pass, c: c, gamma: gamma,
          initialColumns: initialColumns, selectionHistory: history, finalPenalties: finalPenalties)
      }
      if options.postLasso {
        let refit = data.leastSquares(columns: selected)
        coefficients = [Double](repeating: 0, count: p)
        for (k, j) in selected.enumerated() { coefficients[j] = refit[k] }
      } else {
        coefficients = lasso
      }
      residuals = data.residuals(coefficients: coefficients, columns: selected)
      let s1 = standardDeviation(residuals)
      switch options.loadings {
      case .heteroskedastic:
        weights = data.loadings(residuals: residuals)
        returnedLoadings = weights
      case .homoskedastic:
        weights = [Double](repeating: s1, count: p)
        returnedLoadings = data.columnStandardDeviations.map { s1 * $0 }
      }
      pass += 1
      if abs(s0 - s1) < options.tolerance { break }
      s0 = s1
    }
    let intercept = options.fitIntercept ? data.yMean - Vector.dot(data.xMeans, coefficients) : 0
    return RigorousLassoFit(
      coefficients: coefficients, intercept: intercept, selectedColumns: selected, lambda0: lambda0,
      lambdas: weights.map { lambda0 * $0 }, loadings: returnedLoadings, residuals: residuals,
      residualStandardDeviation: standardDeviation(residuals), iterations: pass, c: c, gamma: gamma,
      initialColumns: initialColumns, selectionHistory: history, finalPenalties: finalPenalties)
  }

  /// Solves `RSS/(2n) + α Σ w_j|β_j|` exactly by rescaling column j by 1/w_j; columns with
  /// a zero weight (constant after centring) are left out.
  func weightedLasso(gram: GramStatistics, weights: [Double], alpha: Double) throws -> [Double] {
    let p = weights.count
    let live = (0..<p).filter { weights[$0] > 0 && gram.crossProducts[$0, $0] > 0 }
    var result = [Double](repeating: 0, count: p)
    guard !live.isEmpty else { return result }
    let m = live.count
    var cross = Matrix(rows: m, columns: m)
    for (b, k) in live.enumerated() {
      for (a, j) in live.enumerated() {
        cross.storage[a + b * m] = gram.crossProducts[j, k] / (weights[j] * weights[k])
      }
    }
    let scaled = try GramStatistics(
      observations: gram.observations, shift: [Double](repeating: 0, count: m), responseShift: 0,
      columnSums: [Double](repeating: 0, count: m), responseSum: 0, crossProducts: cross,
      responseCrossProducts: live.map { gram.responseCrossProducts[$0] / weights[$0] },
      responseSumOfSquares: gram.responseSumOfSquares)
    let fit = try Lasso(alpha: alpha, fitIntercept: false, tolerance: 1e-13, maxIterations: 1_000_000).fit(scaled)
    for (a, j) in live.enumerated() { result[j] = fit.coefficients[a] / weights[j] }
    return polished(result, gram: gram, weights: weights, alpha: alpha)
  }

  /// The exact solution on the support found: with the signs s of the active
  /// coefficients, `X_SᵀX_S β = X_Sᵀy − nα·w_S∘s`. Kept only when it reproduces every sign
  /// (otherwise the solver's answer stands).
  func polished(_ beta: [Double], gram: GramStatistics, weights: [Double], alpha: Double) -> [Double] {
    let support = beta.indices.filter { beta[$0] != 0 }
    guard !support.isEmpty else { return beta }
    let m = support.count, n = Double(gram.observations)
    var a = Matrix(rows: m, columns: m)
    for (l, k) in support.enumerated() {
      for (i, j) in support.enumerated() { a.storage[i + l * m] = gram.crossProducts[j, k] }
    }
    let b = support.map { j in gram.responseCrossProducts[j] - n * alpha * weights[j] * (beta[j] > 0 ? 1 : -1) }
    guard let factor = try? CholeskyDecomposition(a) else { return beta }
    let exact = factor.solve(b)
    for (i, j) in support.enumerated() where (exact[i] > 0) != (beta[j] > 0) || !exact[i].isFinite { return beta }
    var result = beta
    for (i, j) in support.enumerated() { result[j] = exact[i] }
    return result
  }

  func validate() throws(PenalizedError) {
    if let c = options.c { try InputChecks.positive(c, name: "c") }
    if let gamma = options.gamma, !(gamma > 0 && gamma < 1) {
      throw .invalidParameter(name: "gamma", value: "\(gamma)", requirement: "a number in (0, 1)")
    }
    try InputChecks.atLeast(options.maxIterations, 1, name: "maxIterations")
    try InputChecks.atLeast(options.initialColumns, 1, name: "initialColumns")
    try InputChecks.nonNegative(options.tolerance, name: "tolerance")
  }
}

/// The standard deviation with the n − 1 divisor (R's `sd`).
func standardDeviation(_ values: [Double]) -> Double {
  let n = Double(values.count)
  guard values.count > 1 else { return 0 }
  let mean = values.reduce(0, +) / n
  var sum = 0.0
  for v in values { sum += (v - mean) * (v - mean) }
  return (sum / (n - 1)).squareRoot()
}
