#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// glmnet's covariance-updating lasso path (`elnet1`, `type.gaussian = "covariance"`),
/// sweep for sweep, in glmnet's internal units.
///
/// State carried along the path (warm starts): coefficients b, the gradient
/// `g_j = x̃_jᵀr̃` of every included column, the ever-active list in order of entry and the
/// fraction of deviance explained `rsq`, updated incrementally as glmnet does. At each λ:
///
///     repeat
///       (unless the active-set loop has run before and this is the λ's first round)
///       one sweep over all included k in index order;  stop the λ if max xv_k Δb_k² < thresh
///       active-set loop: sweeps over the ever-active variables in entry order until
///       max xv_k Δb_k² < thresh, then refresh g of the other columns
///
/// A coordinate update is `b_k ← S(g_k + xv_k b_k, λ̃ v_k) / xv_k`; each change moves
/// `g_j −= c_jk Δ` for every included j (full sweep) or every ever-active j (active sweep).
/// The grid, the 9.9e35 "infinite" first λ, the λ_max computed after fitting the
/// unpenalised columns, the sweep budget, `pmax`, `dfmax` and the deviance-based early
/// stop all follow glmnet 4.1.
struct CovarianceCoordinateDescent {
  /// glmnet's "infinity" for the first λ of a generated grid.
  static let big = 9.9e35
  /// The smallest `lambda.min.ratio` glmnet uses (`glmnet.control()$eps`).
  static let minimumRatio = 1e-6
  /// Generated paths are never stopped before this many λ (`mnlam`).
  static let minimumLambdas = 5

  /// How the λ values are produced.
  enum Lambdas {
    /// glmnet's grid: `count` values, the last `ratio` times λ_max (`flmin < 1`).
    case generated(count: Int, ratio: Double)
    /// User values in internal units, already decreasing (`flmin = 1`).
    case given([Double])
  }

  /// The solved part of the path, in internal units.
  struct Output {
    /// λ̃ at each solved point (the first of a generated grid is `big`).
    var lambdas: [Double] = []
    /// b at each solved point.
    var coefficients: [[Double]] = []
    /// The ever-active variables at each solved point, in entry order.
    var entered: [[Int]] = []
    /// `rsq` at each solved point.
    var devianceRatios: [Double] = []
    /// Sweeps used.
    var passes = 0
    /// Why the path ended.
    var termination: GlmnetPath.Termination = .completed
  }

  let problem: GlmnetStandardization
  let threshold: Double
  let maxPasses: Int
  /// `ne` (dfmax).
  let maxNonzero: Int
  /// `nx` (pmax).
  let maxEverActive: Int
  /// `sml` (fdev).
  let minimumDevianceChange: Double
  /// `rsqmax` (devmax).
  let maximumDevianceRatio: Double

  /// Runs the path.
  func run(_ lambdas: Lambdas) -> Output {
    let p = problem.p
    let xv = problem.xv, vp = problem.penalties, ju = problem.included
    var gradient = problem.gradient
    var a = [Double](repeating: 0, count: p)
    var position = [Int](repeating: -1, count: p)  // mm: index in `entered`, −1 if never active
    var entered: [Int] = []  // ia
    var output = Output()
    var rsq = 0.0, lambda = 0.0
    var activeLoopHasRun = false  // iz
    var nlp = 0
    let count: Int, alf: Double, userLambdas: [Double]?
    switch lambdas {
    case .generated(let n, let ratio):
      count = n
      alf = pow(max(Self.minimumRatio, ratio), 1 / Double(n - 1))
      userLambdas = nil
    case .given(let values):
      count = values.count
      alf = 1
      userLambdas = values
    }
    let minimumPoints = min(Self.minimumLambdas, count)

    // The hot loops run on buffer pointers: the gradient update is one contiguous column
    // of c (c is symmetric, so c[j, k] = c[k, j] is at j + k·p and at k + j·p).
    problem.gram.withUnsafeBufferPointer { c in gradient.withUnsafeMutableBufferPointer { g in
      pathLoop: for m in 0..<count {
        if let userLambdas {
          lambda = userLambdas[m]
        } else if m > 1 {
          lambda *= alf
        } else if m == 0 {
          lambda = Self.big
        } else {
          lambda = 0
          for j in 0..<p where ju[j] && vp[j] > 0 { lambda = max(lambda, abs(g[j]) / vp[j]) }
          lambda = alf * lambda / max(1, 1e-3)
        }
        let rsq0 = rsq
        var firstRound = true  // jz
        var tooMany = false
        roundLoop: while true {
          if !(activeLoopHasRun && firstRound) {
            nlp += 1
            var dlx = 0.0
            for k in 0..<p where ju[k] {
              let ak = a[k]
              let u = g[k] + ak * xv[k]
              let v = abs(u) - vp[k] * lambda
              let new = v > 0 ? (u < 0 ? -v : v) / xv[k] : 0
              a[k] = new
              if new == ak { continue }
              if position[k] < 0 {
                if entered.count + 1 > maxEverActive {
                  tooMany = true
                  break
                }
                position[k] = entered.count
                entered.append(k)
              }
              let del = new - ak
              rsq += del * (2 * g[k] - del * xv[k])
              dlx = max(xv[k] * del * del, dlx)
              if let column = c.baseAddress, let target = g.baseAddress {
                VectorKernels.axpy(-del, column + k * p, target, p)
              }
            }
            if tooMany { break roundLoop }
            if dlx < threshold { break roundLoop }
            if nlp > maxPasses {
              output.termination = .passLimitReached(lambdaIndex: m)
              break pathLoop
            }
          }
          activeLoopHasRun = true
          let before = entered.map { a[$0] }
          while true {
            nlp += 1
            var dlx = 0.0
            for k in entered {
              let ak = a[k]
              let u = g[k] + ak * xv[k]
              let v = abs(u) - vp[k] * lambda
              let new = v > 0 ? (u < 0 ? -v : v) / xv[k] : 0
              a[k] = new
              if new == ak { continue }
              let del = new - ak
              rsq += del * (2 * g[k] - del * xv[k])
              dlx = max(xv[k] * del * del, dlx)
              let column = k * p
              for j in entered { g[j] -= c[column + j] * del }
            }
            if dlx < threshold { break }
            if nlp > maxPasses {
              output.termination = .passLimitReached(lambdaIndex: m)
              break pathLoop
            }
          }
          let change = zip(entered, before).map { a[$0] - $1 }
          for j in 0..<p where position[j] < 0 && ju[j] {
            let row = j * p
            var dot = 0.0
            for (l, k) in entered.enumerated() { dot += change[l] * c[row + k] }
            g[j] -= dot
          }
          firstRound = false
        }
        if tooMany {
          output.termination = .tooManyEverActive(lambdaIndex: m)
          break pathLoop
        }
        output.lambdas.append(lambda)
        output.coefficients.append(a)
        output.entered.append(entered)
        output.devianceRatios.append(rsq)
        if m + 1 < minimumPoints || userLambdas != nil { continue }
        let nonzero = entered.reduce(0) { $0 + (a[$1] != 0 ? 1 : 0) }
        if nonzero > maxNonzero {
          output.termination = .tooManyNonzero
          break
        }
        if rsq - rsq0 < minimumDevianceChange * rsq {
          output.termination = .devianceChangeBelowThreshold
          break
        }
        if rsq > maximumDevianceRatio {
          output.termination = .devianceRatioAboveMaximum
          break
        }
      }
    } }
    output.passes = nlp
    return output
  }
}
