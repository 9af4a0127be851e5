public import LinearAlgebra

/// Two-stage least squares for many outcomes that share regressors and instruments: the first
/// stage X̂ = P_Z X is computed once, and every outcome then costs one least-squares solve
/// against X̂, with no refitting.
///
/// Each column of the results equals ``IV2SLS`` of that outcome on the same design (the
/// coefficients, and the standard errors of `.unadjusted` without `debiased`). This is the
/// network estimate of seed 000: every neuron's next activity on all neurons' current activity,
/// instrumented by all the injected inputs.
///
/// ```swift
/// let iv = try MultipleOutcomeIV2SLS(endogenous: x, instruments: z)   // constant added
/// let results = try iv.fit(outcomes: y)
/// results.params(outcome: 0)   // [intercept, slopes…]
/// ```
public struct MultipleOutcomeIV2SLS: Sendable {
  /// The regressors `[exogenous, endogenous]`, in parameter order.
  public let regressors: Matrix
  /// Their names.
  public let regressorNames: [String]
  /// The first-stage fitted regressors X̂ = P_Z X.
  public let fittedRegressors: Matrix
  /// QR of X̂ (shared by every outcome).
  let fittedQR: QRDecomposition
  /// (X̂ᵀX̂)⁻¹.
  let inverseGram: Matrix

  /// Builds the first stage once.
  ///
  /// - Parameters:
  ///   - exogenous: Included exogenous regressors (nil: a constant column named `Intercept`).
  ///   - endogenous: Endogenous regressors.
  ///   - instruments: Excluded instruments (at least as many as the endogenous regressors).
  /// - Throws: ``ModelError`` for mismatched rows, non-finite values,
  ///   under-identification, collinear regressors or instruments, or instruments that do not
  ///   move the endogenous regressors.
  public init(
    exogenous: Matrix? = nil, exogenousNames: [String]? = nil, endogenous: Matrix, endogenousNames: [String]? = nil,
    instruments: Matrix, instrumentNames: [String]? = nil
  ) throws(ModelError) {
    let n = endogenous.rows
    let exogenous = exogenous ?? Matrix(columns: [[Double](repeating: 1, count: n)])
    let exogenousNames = exogenousNames ?? (exogenous.columns == 1 ? ["Intercept"] : (0..<exogenous.columns).map { "w\($0)" })
    let endogenousNames = endogenousNames ?? (0..<endogenous.columns).map { "x\($0)" }
    let instrumentNames = instrumentNames ?? (0..<instruments.columns).map { "z\($0)" }
    guard exogenous.rows == n, instruments.rows == n, exogenousNames.count == exogenous.columns,
      endogenousNames.count == endogenous.columns, instrumentNames.count == instruments.columns
    else {
      throw .dimensionMismatch(
        "the exogenous (\(exogenous.rows)), endogenous (\(n)) and instrument (\(instruments.rows)) rows, or their names, do not match")
    }
    guard instruments.columns >= endogenous.columns else {
      throw .underidentified(endogenous: endogenous.columns, instruments: instruments.columns)
    }
    let x = exogenous.appendingColumns(of: endogenous)
    let names = exogenousNames + endogenousNames
    guard x.columns > 0 else { throw .noRegressors }
    guard n > x.columns else { throw .insufficientObservations(observations: n, parameters: x.columns) }
    let z = exogenous.appendingColumns(of: instruments)
    let zNames = exogenousNames + instrumentNames
    try LinearFit.checkFinite(x, names: names)
    try LinearFit.checkFinite(instruments, names: instrumentNames)
    try LinearFit.checkRank(QRDecomposition(x), names: names, role: "regressors")
    let zQR = QRDecomposition(z)
    try LinearFit.checkRank(zQR, names: zNames, role: "instruments")
    let xHat = zQR.projection(x)
    let xHatQR = QRDecomposition(xHat)
    guard xHatQR.isFullRank else { throw .notIdentified(endogenous: xHatQR.dependentColumns.map { names[$0] }) }
    self.regressors = x
    self.regressorNames = names
    self.fittedRegressors = xHat
    self.fittedQR = xHatQR
    self.inverseGram = xHatQR.inverseGram()
  }

  /// The second stage for every column of `outcomes`.
  ///
  /// - Throws: ``ModelError/nonFiniteValue(column:row:value:)`` for a NaN or infinite outcome,
  ///   ``ModelError/dimensionMismatch(_:)`` for outcomes of the wrong length.
  /// - Complexity: O(n·k·m) for m outcomes and k regressors, after the first stage.
  public func fit(outcomes: Matrix, names: [String]? = nil) throws(ModelError) -> MultipleOutcomeIVResults {
    let outcomeNames = names ?? (0..<outcomes.columns).map { "y\($0)" }
    guard outcomes.rows == regressors.rows, outcomeNames.count == outcomes.columns else {
      throw .dimensionMismatch("\(outcomes.rows) outcome rows for \(regressors.rows) regressor rows, or names that do not match")
    }
    try LinearFit.checkFinite(outcomes, names: outcomeNames)
    let params = fittedQR.leastSquares(outcomes)
    // Residuals with the actual regressors, e = y − Xβ (not y − X̂β).
    let fitted = regressors.multiplied(by: params)
    let n = Double(outcomes.rows)
    var ssr: [Double] = []
    var errors = Matrix(rows: regressors.columns, columns: outcomes.columns)
    for l in 0..<outcomes.columns {
      var sum = 0.0
      for i in 0..<outcomes.rows {
        let e = outcomes[i, l] - fitted[i, l]
        sum += e * e
      }
      ssr.append(sum)
      for j in 0..<regressors.columns { errors[j, l] = (sum / n * inverseGram[j, j]).squareRoot() }
    }
    return MultipleOutcomeIVResults(
      params: params, stdErrors: errors, residualSumsOfSquares: ssr, regressorNames: regressorNames,
      outcomeNames: outcomeNames, observations: outcomes.rows)
  }
}

/// The coefficients of ``MultipleOutcomeIV2SLS``: one column per outcome.
public struct MultipleOutcomeIVResults: Sendable {
  /// k×m: column l holds outcome l's coefficients in ``regressorNames`` order.
  public let params: Matrix
  /// k×m homoskedastic standard errors, σ̂² = eᵀe/n (linearmodels' `unadjusted`, not debiased).
  public let stdErrors: Matrix
  /// eᵀe per outcome, e = y − Xβ.
  public let residualSumsOfSquares: [Double]
  /// Parameter names (exogenous first).
  public let regressorNames: [String]
  /// Outcome names.
  public let outcomeNames: [String]
  /// The number of observations.
  public let observations: Int

  /// Outcome `l`'s coefficients.
  public func params(outcome l: Int) -> [Double] { params.column(l) }
}
