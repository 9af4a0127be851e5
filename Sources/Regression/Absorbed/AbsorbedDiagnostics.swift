import Formulas
import LinearAlgebra

/// The specification tests of an absorbed model from its within factor `R`: `R`'s columns
/// have the inner products of the within deviations, and every residual of the tests is
/// orthogonal to the group indicators, so projections on [groups, Z] are projections on
/// the within Z̃ — computed on d rows instead of n.
extension AbsorbedModel {
  /// Sargan's n(1 − ‖M_Z e‖²/‖e‖²).
  var sargan: Double {
    guard let zQR = regression.within.zQR else { return .nan }
    let e = regression.within.residuals
    return Double(observations) * (1 - Vector.sumOfSquares(zQR.residuals(e)) / Vector.sumOfSquares(e))
  }

  /// LIML's κ̂ for the model (NaN when undefined).
  var limlKappa: Double {
    guard let zQR = regression.within.zQR else { return .nan }
    let within = regression.within
    return (try? LinearFit.limlKappa(y: within.y, x: within.x, exogenousCount: p, zQR: zQR)) ?? .nan
  }

  /// δ = ‖P_[Z, T] e₀‖² − ‖P_Z e‖² and e₀ᵀe₀ for the exogeneity tests of the endogenous
  /// regressors at `tested` (positions among them), e₀ the residuals of the model that
  /// treats them as exogenous.
  func exogeneityParts(tested: [Int]) throws(ModelError) -> (delta: Double, restrictedRSS: Double) {
    let pseudo = moments.factor
    let testedColumns = tested.map { endogenousColumns[$0] }
    let remaining = endogenousColumns.filter { !testedColumns.contains($0) }
    let instruments = exogenousColumns + instrumentColumns
    let restricted = try LinearFit(
      y: pseudo.column(dependentColumn), x: pseudo.selectingColumns(exogenousColumns + testedColumns + remaining),
      xNames: (exogenousColumns + testedColumns + remaining).map { names[$0] },
      z: remaining.isEmpty ? nil : pseudo.selectingColumns(instruments + testedColumns),
      zNames: (instruments + testedColumns).map { names[$0] }, exogenousCount: p + testedColumns.count)
    let e0 = restricted.residuals
    let augmented = QRDecomposition(pseudo.selectingColumns(instruments + testedColumns))
    guard let zQR = regression.within.zQR else { return (.nan, Vector.sumOfSquares(e0)) }
    let delta =
      Vector.sumOfSquares(augmented.projection(e0)) - Vector.sumOfSquares(zQR.projection(regression.within.residuals))
    return (delta, Vector.sumOfSquares(e0))
  }

  /// XᵀX of the reported regressors (intercept and dummy columns included), from the
  /// moments: the condition number's matrix.
  var regressorGram: Matrix {
    let regressors = regression.regressors
    let groups = groupCount, k = regressors.count, d = moments.columns
    let within = moments.factor.selectingColumns(regressors).gram()
    // Base columns: the L group indicators, then the dense regressors.
    var base = Matrix(rows: groups + k, columns: groups + k)
    for g in 0..<groups {
      let count = Double(moments.counts[g])
      base[g, g] = count
      for (a, j) in regressors.enumerated() {
        base[g, groups + a] = count * moments.means[g * d + j]
        base[groups + a, g] = base[g, groups + a]
      }
    }
    for a in 0..<k {
      for b in 0..<k {
        var between = 0.0
        for g in 0..<groups {
          between += Double(moments.counts[g]) * moments.means[g * d + regressors[a]] * moments.means[g * d + regressors[b]]
        }
        base[groups + a, groups + b] = within[a, b] + between
      }
    }
    // Reported columns as combinations of the base: the intercept is every indicator.
    var combination = Matrix(rows: exogenousSlots.count + m, columns: groups + k)
    var dense = 0
    for (row, slot) in exogenousSlots.enumerated() {
      switch slot {
      case .intercept: for g in 0..<groups { combination[row, g] = 1 }
      case .level(let level): combination[row, level] = 1
      case .dense:
        combination[row, groups + dense] = 1
        dense += 1
      }
    }
    for e in 0..<m { combination[exogenousSlots.count + e, groups + p + e] = 1 }
    return combination.multiplied(by: base).multiplied(by: combination.transposed()).symmetrized()
  }
}
