#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// scikit-learn's lasso coordinate descent in its Gram ("precompute") form, step for step.
///
/// Minimises the *n*-scaled objective `½ wᵀQw − qᵀw + ½ yᵀy + l1·‖w‖₁` (Q = XᵀX, q = Xᵀy)
/// by cyclic coordinate updates `w_j ← S(q_j − (Qw)_j + w_j Q_jj, l1) / Q_jj`, keeping
/// `Qw` current with one O(p) column update per changed coefficient. The control flow is
/// `enet_coordinate_descent_gram` of scikit-learn 1.9 (`_cd_fast.pyx`) for the lasso
/// (no L2 term, not positive, cyclic):
///
/// * a duality-gap check before the first epoch (a warm start may return at once);
/// * after an epoch whose largest coefficient change is at most `tol` times the largest
///   coefficient (or whose coefficients are all zero, or the last epoch), the duality gap
///   `P(w) − D(θ)` with `θ = R·min(1, l1/‖XᵀR‖∞)`; stop when it is at most `tol·yᵀy`;
/// * Gap-Safe screening after every gap evaluation: feature j is frozen at zero for the
///   rest of the call when `(1 − |x_jᵀθ|/l1) / ‖x_j‖ > √(2·gap) / l1`.
///
/// Reproducing the iterations, not only the limit, is what makes results at scikit-learn's
/// default `tol = 1e-4` agree with it (they are ~1e-5 from the exact solution).
struct GapSafeCoordinateDescent {
  /// The number of features.
  let p: Int
  /// Q = XᵀX, column-major p×p (symmetric, so column j is also row j).
  let gram: [Double]
  /// q = Xᵀy.
  let xy: [Double]
  /// yᵀy.
  let yy: Double

  /// What one call returns besides the coefficients.
  struct Outcome {
    /// Epochs run (0 when the starting point already met the gap criterion).
    var iterations: Int
    /// The last duality gap on the n-scaled objective.
    var gap: Double
    /// Whether the gap reached `tol·yᵀy`.
    var converged: Bool
  }

  /// Runs the descent from `w` (updated in place) at penalty `l1` (= α·n).
  func solve(l1: Double, tol: Double, maxIterations: Int, coefficients w: inout [Double]) -> Outcome {
    var qw = [Double](repeating: 0, count: p)
    var xta = [Double](repeating: 0, count: p)
    for k in 0..<p where w[k] != 0 { axpy(w[k], column: k, into: &qw) }
    let tolScaled = tol * yy
    let screening = l1 != 0
    var (gap, dualNorm) = dualityGap(l1: l1, w: w, qw: qw, xta: &xta)
    if gap >= 0 && gap <= tolScaled {
      return Outcome(iterations: 0, gap: gap, converged: true)
    }
    var excluded = [Bool](repeating: false, count: p)
    var active = Array(0..<p)
    if screening {
      for j in 0..<p where gram[j + j * p] == 0 {
        w[j] = 0
        excluded[j] = true
      }
      screen(l1: l1, gap: gap, dualNorm: dualNorm, xta: xta, w: &w, qw: &qw, excluded: &excluded, active: &active)
    }
    for iteration in 0..<maxIterations {
      var wMax = 0.0, dMax = 0.0
      for j in active {
        let qjj = gram[j + j * p]
        if qjj == 0 { continue }
        let old = w[j]
        let t = xy[j] - qw[j] + old * qjj
        let shrunk = max(abs(t) - l1, 0)
        let new = (t > 0 ? shrunk : (t < 0 ? -shrunk : 0)) / qjj
        w[j] = new
        if new != old { axpy(new - old, column: j, into: &qw) }
        dMax = max(dMax, abs(new - old))
        wMax = max(wMax, abs(new))
      }
      if wMax == 0 || dMax / wMax <= tol || iteration == maxIterations - 1 {
        (gap, dualNorm) = dualityGap(l1: l1, w: w, qw: qw, xta: &xta)
        if gap <= tolScaled {
          return Outcome(iterations: iteration + 1, gap: gap, converged: true)
        }
        if screening {
          screen(l1: l1, gap: gap, dualNorm: dualNorm, xta: xta, w: &w, qw: &qw, excluded: &excluded, active: &active)
        }
      }
    }
    return Outcome(iterations: maxIterations, gap: gap, converged: false)
  }

  /// The duality gap at `w` and `‖XᵀR‖∞` (or, with `l1 = 0`, scikit-learn's OLS criterion
  /// `‖XᵀR‖₂²` for both). Fills `xta` with `XᵀR = q − Qw`.
  private func dualityGap(l1: Double, w: [Double], qw: [Double], xta: inout [Double]) -> (Double, Double) {
    var qDotW = 0.0, wQw = 0.0, l1Norm = 0.0, dualNorm = 0.0, gradientSquares = 0.0
    for j in 0..<p {
      qDotW += w[j] * xy[j]
      wQw += w[j] * qw[j]
      l1Norm += abs(w[j])
      xta[j] = xy[j] - qw[j]
      dualNorm = max(dualNorm, abs(xta[j]))
      gradientSquares += xta[j] * xta[j]
    }
    if l1 == 0 { return (gradientSquares, gradientSquares) }
    let residualSquares = yy + wQw - 2 * qDotW
    let residualDotY = yy - qDotW
    let primal = 0.5 * residualSquares + l1 * l1Norm
    let scale = dualNorm > l1 ? l1 / dualNorm : 1
    let dual = -0.5 * (scale * scale) * residualSquares + scale * residualDotY
    return (primal - dual, dualNorm)
  }

  /// Gap-Safe screening (Ndiaye et al. 2017, eq. 11): keeps in `active` the features not
  /// yet excluded whose safe-sphere test fails, and zeroes the others for good.
  private func screen(
    l1: Double, gap: Double, dualNorm: Double, xta: [Double], w: inout [Double], qw: inout [Double],
    excluded: inout [Bool], active: inout [Int]
  ) {
    let radius = (2 * abs(gap)).squareRoot() / l1
    let denominator = max(l1, dualNorm)
    active.removeAll(keepingCapacity: true)
    for j in 0..<p where !excluded[j] {
      let theta = xta[j] / denominator
      let distance = (1 - abs(theta)) / gram[j + j * p].squareRoot()
      if distance <= radius {
        active.append(j)
      } else {
        if w[j] != 0 {
          axpy(-w[j], column: j, into: &qw)
          w[j] = 0
        }
        excluded[j] = true
      }
    }
  }

  /// `qw += a · Q[:, k]`.
  @inline(__always)
  private func axpy(_ a: Double, column k: Int, into qw: inout [Double]) {
    let p = self.p
    gram.withUnsafeBufferPointer { g in
      qw.withUnsafeMutableBufferPointer { out in
        guard let source = g.baseAddress, let target = out.baseAddress else { return }
        VectorKernels.axpy(a, source + k * p, target, p)
      }
    }
  }
}
