// Building scikit-learn's Gram problem from the shifted sums.

extension GapSafeCoordinateDescent {
  /// The problem scikit-learn solves for `fit_intercept`: X and y centred by their means
  /// (intercept) or taken as they are (no intercept).
  ///
  /// A column that is constant (with an intercept) or zero (without) to working
  /// precision gets an all-zero row and column, so the solver skips it and its
  /// coefficient is exactly 0 — what scikit-learn computes for such a column, without
  /// dividing by a rounding residue.
  init(statistics: GramStatistics, fitIntercept: Bool) {
    let p = statistics.columns
    var gram = fitIntercept ? statistics.centredGram() : statistics.rawGram()
    var xy = fitIntercept ? statistics.centredResponseCrossProducts() : statistics.rawResponseCrossProducts()
    for j in 0..<p {
      let negligible =
        fitIntercept ? statistics.hasNegligibleVariance(j) : statistics.hasNegligibleMeanSquare(j)
      guard negligible else { continue }
      xy[j] = 0
      for k in 0..<p {
        gram[j + k * p] = 0
        gram[k + j * p] = 0
      }
    }
    self.init(
      p: p, gram: gram, xy: xy,
      yy: fitIntercept ? statistics.centredResponseSumOfSquares : statistics.rawResponseSumOfSquares)
  }
}
