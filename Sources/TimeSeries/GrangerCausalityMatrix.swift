import Dispatch
import Foundation
import Distributions
public import LinearAlgebra
public import Regression
public import Tabular

/// The Granger tests of every ordered pair of a set of series at one lag order: row i, column j
/// tests "series j does not Granger-cause series i" (row = effect, as the rows of a
/// connectivity matrix are the receiving neurons).
public struct GrangerCausalityMatrix: Sendable {
  /// What happened to one pair.
  public enum Status: Sendable, Equatable {
    /// The four tests were computed.
    case tested
    /// The cause adds nothing to the effect's own lags (the diagonal: a series against itself);
    /// statistic 0 and p-value 1 for the ssr and likelihood-ratio tests.
    case degenerate
    /// statsmodels would raise `InfeasibleTestError` (a constant series, a perfect fit); NaN entries.
    case infeasible(String)
  }

  /// A rejected null hypothesis: `cause` Granger-causes `effect`.
  public struct Edge: Sendable, Equatable {
    /// The cause's name and position.
    public let cause: String
    public let causeIndex: Int
    /// The effect's name and position.
    public let effect: String
    public let effectIndex: Int
    /// The test statistic.
    public let statistic: Double
    /// The p-value before correction.
    public let pValue: Double
    /// The p-value after the correction (equal to ``pValue`` without one).
    public let adjustedPValue: Double
  }

  /// The series' names, in row (and column) order.
  public let names: [String]
  /// The lag order p (the models use lags 1…p).
  public let lag: Int
  /// Observations in every regression: n − p.
  public let observations: Int
  /// For each ``GrangerTest`` (in `allCases` order), m×m row-major statistics and p-values.
  let statisticValues: [[Double]]
  let pValueValues: [[Double]]
  /// Row-major denominator degrees of freedom (`df_u`) and params_ftest's numerator (J).
  let residualDegrees: [Int]
  let constraintDegrees: [Int]
  /// Row-major status of each pair.
  let statuses: [Status]

  /// The number of series.
  public var count: Int { names.count }

  /// The status of the pair (row `effect`, column `cause`).
  public func status(effect: Int, cause: Int) -> Status { statuses[effect * count + cause] }

  /// The four tests of one pair, as ``GrangerLagResult`` reports them (NaN when infeasible).
  public func tests(effect: Int, cause: Int) -> [TestStatistic] {
    let index = effect * count + cause
    let hypothesis = "\(names[cause]) does not Granger-cause \(names[effect])"
    return GrangerTest.allCases.enumerated().map { position, test in
      let dfU = residualDegrees[index]
      let distribution: TestStatistic.Distribution
      switch test {
      case .ssrFTest: distribution = .f(lag, dfU)
      case .ssrChiSquaredTest, .likelihoodRatioTest: distribution = .chiSquared(lag)
      case .paramsFTest: distribution = .f(constraintDegrees[index], dfU)
      }
      if case .infeasible(let reason) = statuses[index] {
        return TestStatistic(invalid: test.key, nullHypothesis: hypothesis, reason: reason)
      }
      return TestStatistic(
        name: test.key, nullHypothesis: hypothesis, statistic: statisticValues[position][index],
        distribution: distribution)
    }
  }

  /// The statistics of `test` as an m×m matrix (row effect, column cause).
  public func statistics(_ test: GrangerTest = .likelihoodRatioTest) -> Matrix {
    Matrix(rows: count, columns: count, columnMajor: Self.transposed(statisticValues[Self.position(test)], count))
  }

  /// The p-values of `test` as an m×m matrix (row effect, column cause).
  public func pValues(_ test: GrangerTest = .likelihoodRatioTest) -> Matrix {
    Matrix(rows: count, columns: count, columnMajor: Self.transposed(pValueValues[Self.position(test)], count))
  }

  /// The p-values of `test` after `correction`, the family being the m(m − 1) off-diagonal
  /// pairs that could be tested; the diagonal keeps its raw p-value.
  public func adjustedPValues(
    _ test: GrangerTest = .likelihoodRatioTest, correction: MultipleTestingCorrection
  ) -> Matrix {
    Matrix(rows: count, columns: count, columnMajor: Self.transposed(adjustedRowMajor(test, correction), count))
  }

  /// The pairs whose (adjusted) p-value is below `alpha`, by effect then cause.
  public func edges(
    _ test: GrangerTest = .likelihoodRatioTest, alpha: Double = 0.05, correction: MultipleTestingCorrection = .none
  ) -> [Edge] {
    let adjusted = adjustedRowMajor(test, correction)
    let position = Self.position(test)
    var found: [Edge] = []
    for effect in 0..<count {
      for cause in 0..<count where cause != effect {
        let index = effect * count + cause
        guard adjusted[index] < alpha else { continue }
        found.append(Edge(
          cause: names[cause], causeIndex: cause, effect: names[effect], effectIndex: effect,
          statistic: statisticValues[position][index], pValue: pValueValues[position][index],
          adjustedPValue: adjusted[index]))
      }
    }
    return found
  }

  /// 1 where the null is rejected (adjusted p < `alpha`), else 0, diagonal 0: the estimated connectivity.
  public func rejections(
    _ test: GrangerTest = .likelihoodRatioTest, alpha: Double = 0.05, correction: MultipleTestingCorrection = .none
  ) -> Matrix {
    var m = Matrix(rows: count, columns: count)
    for edge in edges(test, alpha: alpha, correction: correction) { m[edge.effectIndex, edge.causeIndex] = 1 }
    return m
  }

  func adjustedRowMajor(_ test: GrangerTest, _ correction: MultipleTestingCorrection) -> [Double] {
    let raw = pValueValues[Self.position(test)]
    let offDiagonal = raw.indices.filter { $0 / count != $0 % count }
    let adjusted = correction.adjust(offDiagonal.map { raw[$0] })
    var result = raw
    for (position, index) in offDiagonal.enumerated() { result[index] = adjusted[position] }
    return result
  }

  static func position(_ test: GrangerTest) -> Int { GrangerTest.allCases.firstIndex(of: test) ?? 0 }

  static func transposed(_ rowMajor: [Double], _ m: Int) -> [Double] {
    var columnMajor = rowMajor
    for i in 0..<m {
      for j in 0..<m { columnMajor[i + j * m] = rowMajor[i * m + j] }
    }
    return columnMajor
  }
}

extension GrangerCausality {
  /// Granger tests of every ordered pair of `columns` (all numeric columns by default) at lags
  /// 1…`maxLag`: one ``GrangerCausalityMatrix`` per lag.
  ///
  /// Equal, pair by pair, to ``test(_:effect:cause:maxLag:addConstant:)``, but the work is
  /// shared: per lag the cross-products of all lagged series are formed once, each effect's
  /// restricted model (its own lags and the constant) is fitted once for every cause, and a
  /// pair then costs O(p³) plus one pass for `Xᵀe`. Effects are spread over the cores. A pair
  /// whose cause lags are (nearly) collinear with the effect's own (the diagonal, for one) is
  /// computed by the exact statsmodels route instead.
  ///
  /// - Throws: ``GrangerCausalityError`` as the pairwise test, plus fewer than two series.
  ///   A constant series or a perfect fit does not throw: those pairs are
  ///   ``GrangerCausalityMatrix/Status/infeasible(_:)``.
  public static func matrix(
    _ data: DataTable, columns: [String]? = nil, maxLag: Int = 1, addConstant: Bool = true
  ) throws(GrangerCausalityError) -> [GrangerCausalityMatrix] {
    guard maxLag > 0 else { throw .invalidMaxLag(maxLag) }
    return try matrix(data, columns: columns, lags: Array(1...maxLag), addConstant: addConstant)
  }

  /// All ordered pairs of `columns` at the listed lags, in the order given.
  public static func matrix(
    _ data: DataTable, columns: [String]? = nil, lags: [Int], addConstant: Bool = true
  ) throws(GrangerCausalityError) -> [GrangerCausalityMatrix] {
    let names = columns ?? numericColumns(of: data)
    var values: [[Double]] = []
    for name in names { values.append(try series(data, name)) }
    return try matrix(series: values, names: names, lags: lags, addConstant: addConstant)
  }

  /// All ordered pairs of the given series (equal lengths) at the listed lags.
  public static func matrix(
    series: [[Double]], names: [String], lags: [Int], addConstant: Bool = true
  ) throws(GrangerCausalityError) -> [GrangerCausalityMatrix] {
    guard series.count >= 2, names.count == series.count else { throw .tooFewSeries(Swift.min(series.count, names.count)) }
    var seen: Set<String> = []
    for name in names {
      guard seen.insert(name).inserted else { throw .duplicateSeries(name) }
    }
    // The pairwise test's checks on every series (three lag blocks: own, cause, and the rows lost).
    try validate(series: series, names: names, lags: lags, addConstant: addConstant, blocks: 3)
    return lags.map { PairwiseGranger(series: series, names: names, lag: $0, addConstant: addConstant).run() }
  }
}

/// The shared-work computation of one lag's matrix.
///
/// With the constant handled by centring, for effect y (own centred lags O, orthonormal basis
/// Q = O·R⁻¹, restricted residual e = y − QQᵀy) and cause lags C, the unrestricted model adds
/// W = C − Q·QᵀC and ssr_r − ssr_u = (Wᵀe)ᵀ(WᵀW)⁻¹(Wᵀe), where Wᵀe = Cᵀe and
/// WᵀW = CᵀC − (R⁻ᵀOᵀC)ᵀ(R⁻ᵀOᵀC) come from the one Gram matrix of all centred lags. The
/// difference is never formed by subtracting two sums of squares, so it is accurate even
/// when the cause explains almost nothing. Without a constant nothing is centred.
struct PairwiseGranger {
  let series: [[Double]]
  let names: [String]
  let lag: Int
  let addConstant: Bool

  /// Below this fraction of its length left after projection a column counts as collinear and
  /// the pair goes to the exact route (the Gram update would lose more than ~1e-10).
  static let collinearity = 1e-6

  func run() -> GrangerCausalityMatrix {
    let m = series.count, p = lag
    let n = series[0].count, rows = n - p
    let width = m * p
    // Centred lag columns (column c = j·p + k − 1 holds series j at lag k) and centred targets
    // (not centred without a constant; a constant column is then an ordinary regressor).
    var lagged = [Double](repeating: 0, count: width * rows)
    var current = [Double](repeating: 0, count: m * rows)
    var constantColumn = [Bool](repeating: false, count: width)
    for j in 0..<m {
      let s = series[j]
      for k in 1...p {
        let c = j * p + k - 1
        let window = s[(p - k)..<(n - k)]
        let first = window.first ?? 0
        constantColumn[c] = addConstant && !window.contains { $0 != first }
        let mean = addConstant ? window.reduce(0, +) / Double(rows) : 0
        for (r, v) in window.enumerated() { lagged[c * rows + r] = v - mean }
      }
      let target = s[p..<n]
      let mean = addConstant ? target.reduce(0, +) / Double(rows) : 0
      for (r, v) in target.enumerated() { current[j * rows + r] = v - mean }
    }
    let gram = Matrix(rows: rows, columns: width, columnMajor: lagged).gram()

    let cells = m * m
    var residualDegrees = [Int](repeating: 0, count: cells)
    var constraintDegrees = [Int](repeating: 0, count: cells)
    var statuses = [GrangerCausalityMatrix.Status](repeating: .tested, count: cells)
    var f = [Double](repeating: .nan, count: cells), chi2 = f, lr = f, params = f
    var pF = f, pChi2 = f, pLR = f, pParams = f

    let context = Context(
      lagged: lagged, current: current, constantColumn: constantColumn, gram: gram, rows: rows, width: width)
    f.withUnsafeMutableBufferPointer { fOut in
      chi2.withUnsafeMutableBufferPointer { chi2Out in
        lr.withUnsafeMutableBufferPointer { lrOut in
          params.withUnsafeMutableBufferPointer { paramsOut in
            pF.withUnsafeMutableBufferPointer { pFOut in
              pChi2.withUnsafeMutableBufferPointer { pChi2Out in
                pLR.withUnsafeMutableBufferPointer { pLROut in
                  pParams.withUnsafeMutableBufferPointer { pParamsOut in
                    residualDegrees.withUnsafeMutableBufferPointer { dfOut in
                      constraintDegrees.withUnsafeMutableBufferPointer { jOut in
                        statuses.withUnsafeMutableBufferPointer { statusOut in
                          let out = Output(
                            f: fOut, chi2: chi2Out, lr: lrOut, params: paramsOut, pF: pFOut, pChi2: pChi2Out,
                            pLR: pLROut, pParams: pParamsOut, residualDegrees: dfOut, constraintDegrees: jOut,
                            statuses: statusOut)
                          DispatchQueue.concurrentPerform(iterations: m) { effect in
                            self.effectRow(effect, context, out)
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return GrangerCausalityMatrix(
      names: names, lag: p, observations: rows, statisticValues: [f, chi2, lr, params],
      pValueValues: [pF, pChi2, pLR, pParams],
      residualDegrees: residualDegrees, constraintDegrees: constraintDegrees, statuses: statuses)
  }

  /// What every effect's row reads.
  struct Context: Sendable {
    let lagged: [Double]
    let current: [Double]
    let constantColumn: [Bool]
    let gram: Matrix
    let rows: Int
    let width: Int
  }

  /// Where the rows are written. Unchecked: the buffers outlive the concurrent loop (they are
  /// scoped by `withUnsafeMutableBufferPointer` around it) and effect i writes only entries
  /// i·m ..< (i+1)·m, so no two threads touch the same element.
  struct Output: @unchecked Sendable {
    let f, chi2, lr, params, pF, pChi2, pLR, pParams: UnsafeMutableBufferPointer<Double>
    let residualDegrees, constraintDegrees: UnsafeMutableBufferPointer<Int>
    let statuses: UnsafeMutableBufferPointer<GrangerCausalityMatrix.Status>
  }

  /// Row `effect`: its restricted model once, then every cause.
  func effectRow(_ effect: Int, _ context: Context, _ out: Output) {
    let m = series.count, p = lag, rows = context.rows
    let own = (0..<p).map { effect * p + $0 }
    var basis = [Double](repeating: 0, count: p * rows)
    var r = [Double](repeating: 0, count: p * p)
    var residual = Array(context.current[(effect * rows)..<((effect + 1) * rows)])
    var exactOnly = own.contains { context.constantColumn[$0] }
    var ssrR = 0.0, tss = 0.0
    var crossWithResidual = [Double](repeating: 0, count: context.width)
    context.lagged.withUnsafeBufferPointer { lagged in
      basis.withUnsafeMutableBufferPointer { q in
        residual.withUnsafeMutableBufferPointer { e in
          guard let laggedBase = lagged.baseAddress, let qBase = q.baseAddress, let eBase = e.baseAddress else {
            exactOnly = true
            return
          }
          tss = Dense.dot(eBase, eBase, rows)
          // Modified Gram–Schmidt, twice, on the effect's own centred lags: O = Q·R.
          if !exactOnly {
            for k in 0..<p {
              let column = qBase + k * rows
              column.update(from: laggedBase + own[k] * rows, count: rows)
              for _ in 0..<2 {
                for l in 0..<k {
                  let d = Dense.dot(qBase + l * rows, column, rows)
                  r[l + k * p] += d
                  Dense.subtract(d, qBase + l * rows, from: column, rows)
                }
              }
              let squared = Dense.dot(column, column, rows)
              if !(squared > Self.collinearity * context.gram[own[k], own[k]]) {
                exactOnly = true
                break
              }
              let norm = squared.squareRoot()
              r[k + k * p] = norm
              for i in 0..<rows { column[i] /= norm }
            }
          }
          guard !exactOnly else { return }
          for _ in 0..<2 {
            for l in 0..<p { Dense.subtract(Dense.dot(qBase + l * rows, eBase, rows), qBase + l * rows, from: eBase, rows) }
          }
          ssrR = Dense.dot(eBase, eBase, rows)
          for c in 0..<context.width { crossWithResidual[c] = Dense.dot(laggedBase + c * rows, eBase, rows) }
        }
      }
    }
    let dfU = rows - (2 * p + (addConstant ? 1 : 0))
    let fDistribution = FisherF(numeratorDegreesOfFreedom: Double(p), denominatorDegreesOfFreedom: Double(dfU))
    let chiSquared = ChiSquared(degreesOfFreedom: Double(p))
    var h = [Double](repeating: 0, count: p * p)
    var b = [Double](repeating: 0, count: p * p)
    var z = [Double](repeating: 0, count: p)
    for cause in 0..<m {
      let index = effect * m + cause
      let causeColumns = (0..<p).map { cause * p + $0 }
      if exactOnly || cause == effect || causeColumns.contains(where: { context.constantColumn[$0] }) {
        exact(effect: effect, cause: cause, out)
        continue
      }
      // H = R⁻ᵀ·(OᵀC): forward substitution with Rᵀ (lower triangular), column by column.
      for l in 0..<p {
        for k in 0..<p {
          var v = context.gram[own[k], causeColumns[l]]
          for t in 0..<k { v -= r[t + k * p] * h[t + l * p] }
          h[k + l * p] = v / r[k + k * p]
        }
      }
      // B = CᵀC − HᵀH, then its Cholesky factor in place (lower), checking each pivot.
      var collinear = false
      for a in 0..<p {
        for c in 0...a {
          var v = context.gram[causeColumns[a], causeColumns[c]]
          for k in 0..<p { v -= h[k + a * p] * h[k + c * p] }
          b[a + c * p] = v
        }
      }
      for a in 0..<p where !collinear {
        for c in 0...a {
          var v = b[a + c * p]
          for t in 0..<c { v -= b[a + t * p] * b[c + t * p] }
          if a == c {
            if !(v > Self.collinearity * context.gram[causeColumns[a], causeColumns[a]]) {
              collinear = true
              break
            }
            b[a + a * p] = v.squareRoot()
          } else {
            b[a + c * p] = v / b[c + c * p]
          }
        }
      }
      if collinear {
        exact(effect: effect, cause: cause, out)
        continue
      }
      // Δ = ‖L⁻¹·Cᵀe‖².
      var delta = 0.0
      for a in 0..<p {
        var v = crossWithResidual[causeColumns[a]]
        for t in 0..<a { v -= b[a + t * p] * z[t] }
        z[a] = v / b[a + a * p]
        delta += z[a] * z[a]
      }
      let ssrU = ssrR - delta
      guard ssrU > 1e-10 * tss else {
        exact(effect: effect, cause: cause, out)
        continue
      }
      let relative = delta / ssrU
      let fValue = relative / Double(p) * Double(dfU)
      let chi2Value = Double(rows) * relative
      let lrValue = Double(rows) * log1p(relative)
      let pFValue = fDistribution.sf(fValue)
      out.f[index] = fValue
      out.chi2[index] = chi2Value
      out.lr[index] = lrValue
      out.params[index] = fValue
      out.pF[index] = pFValue
      out.pChi2[index] = chiSquared.sf(chi2Value)
      out.pLR[index] = chiSquared.sf(lrValue)
      out.pParams[index] = pFValue
      out.residualDegrees[index] = dfU
      out.constraintDegrees[index] = p
      out.statuses[index] = .tested
    }
  }

  /// One pair by statsmodels' route; infeasible pairs are recorded, not thrown.
  func exact(effect: Int, cause: Int, _ out: Output) {
    let index = effect * series.count + cause
    do {
      let result = try GrangerCausality.lagResult(
        series: [series[effect], series[cause]], names: [names[effect], names[cause]], lag: lag, addConstant: addConstant)
      let tests = GrangerTest.allCases.map { result[$0] }
      out.f[index] = tests[0].statistic
      out.chi2[index] = tests[1].statistic
      out.lr[index] = tests[2].statistic
      out.params[index] = tests[3].statistic
      out.pF[index] = tests[0].pValue
      out.pChi2[index] = tests[1].pValue
      out.pLR[index] = tests[2].pValue
      out.pParams[index] = tests[3].pValue
      out.residualDegrees[index] = result.unrestricted.residualDegreesOfFreedom
      out.constraintDegrees[index] = tests[3].degreesOfFreedom ?? lag
      out.statuses[index] = result.isDegenerate ? .degenerate : .tested
    } catch {
      out.residualDegrees[index] = series[effect].count - lag - (2 * lag + (addConstant ? 1 : 0))
      out.constraintDegrees[index] = lag
      out.statuses[index] = .infeasible(error.description)
    }
  }
}

extension GrangerCausality {
  /// Conditional Granger causality of every ordered pair: does series j help predict series i
  /// given the lags of all the other series? One ``GrangerCausalityMatrix`` per lag.
  ///
  /// Entry (i, j) equals ``conditionalTest(_:effect:cause:conditioningOn:maxLag:addConstant:)``
  /// with every other series conditioned on. The work is shared: every pair's unrestricted model
  /// is the same regression on all lags of all series and a constant, so one QR factorisation
  /// serves every effect, and dropping cause j costs `ssr_r − ssr_u = b_jᵀ V_jj⁻¹ b_j`
  /// (b_j the cause's coefficients, V_jj their block of (XᵀX)⁻¹). The diagonal is
  /// ``GrangerCausalityMatrix/Status/degenerate`` (statistic 0, p-value 1 for all four tests).
  /// A constant series, a perfect fit or collinear lagged series make pairs
  /// ``GrangerCausalityMatrix/Status/infeasible(_:)``.
  ///
  /// - Throws: ``GrangerCausalityError`` for bad input; observations must exceed (m + 1)·maxLag + 1.
  public static func conditionalMatrix(
    _ data: DataTable, columns: [String]? = nil, maxLag: Int = 1, addConstant: Bool = true
  ) throws(GrangerCausalityError) -> [GrangerCausalityMatrix] {
    guard maxLag > 0 else { throw .invalidMaxLag(maxLag) }
    let names = columns ?? numericColumns(of: data)
    var values: [[Double]] = []
    for name in names { values.append(try series(data, name)) }
    return try conditionalMatrix(series: values, names: names, lags: Array(1...maxLag), addConstant: addConstant)
  }

  /// Conditional Granger causality of every ordered pair of the given series at the listed lags.
  public static func conditionalMatrix(
    series: [[Double]], names: [String], lags: [Int], addConstant: Bool = true
  ) throws(GrangerCausalityError) -> [GrangerCausalityMatrix] {
    guard series.count >= 2, names.count == series.count else { throw .tooFewSeries(Swift.min(series.count, names.count)) }
    var seen: Set<String> = []
    for name in names {
      guard seen.insert(name).inserted else { throw .duplicateSeries(name) }
    }
    try validate(series: series, names: names, lags: lags, addConstant: addConstant)
    return lags.map { ConditionalGranger(series: series, names: names, lag: $0, addConstant: addConstant).run() }
  }
}

/// One lag of the conditional matrix: one QR of all lags for every effect.
struct ConditionalGranger {
  let series: [[Double]]
  let names: [String]
  let lag: Int
  let addConstant: Bool

  func run() -> GrangerCausalityMatrix {
    let m = series.count, p = lag, n = series[0].count, rows = n - p
    let k = m * p + (addConstant ? 1 : 0)
    let dfU = rows - k
    let cells = m * m
    var f = [Double](repeating: .nan, count: cells), chi2 = f, lr = f
    var pF = f, pChi2 = f, pLR = f
    var statuses = [GrangerCausalityMatrix.Status](repeating: .tested, count: cells)
    func finish() -> GrangerCausalityMatrix {
      GrangerCausalityMatrix(
        names: names, lag: p, observations: rows, statisticValues: [f, chi2, lr, f], pValueValues: [pF, pChi2, pLR, pF],
        residualDegrees: [Int](repeating: dfU, count: cells), constraintDegrees: [Int](repeating: p, count: cells),
        statuses: statuses)
    }
    func infeasible(_ reason: String) -> GrangerCausalityMatrix {
      statuses = (0..<cells).map { $0 / m == $0 % m ? .degenerate : .infeasible(reason) }
      for i in 0..<m {
        f[i * m + i] = 0
        chi2[i * m + i] = 0
        lr[i * m + i] = 0
        pF[i * m + i] = 1
        pChi2[i * m + i] = 1
        pLR[i * m + i] = 1
      }
      return finish()
    }
    var columns: [[Double]] = []
    for (j, s) in series.enumerated() {
      for column in GrangerCausality.lagColumns(s, lag: p) {
        guard !addConstant || column.contains(where: { $0 != column.first }) else {
          return infeasible(GrangerCausalityError.constantSeries(series: names[j], lag: p).description)
        }
        columns.append(column)
      }
    }
    let x = Matrix(columns: columns + (addConstant ? [[Double](repeating: 1, count: rows)] : []))
    let qr = QRDecomposition(x)
    guard qr.isFullRank else {
      let dependent = qr.dependentColumns.map { names[$0 / p] + " lag \($0 % p + 1)" }
      return infeasible("the lagged series are collinear (\(dependent.joined(separator: ", ")) depends on the others)")
    }
    let y = Matrix(columns: series.map { Array($0[p..<n]) })
    let coefficients = qr.leastSquares(y)
    let residuals = qr.residuals(y)
    let inverseGram = qr.inverseGram()
    let fDistribution = FisherF(numeratorDegreesOfFreedom: Double(p), denominatorDegreesOfFreedom: Double(dfU))
    let chiSquared = ChiSquared(degreesOfFreedom: Double(p))
    // Cholesky factors of each cause's block of (XᵀX)⁻¹, shared by every effect.
    var factors: [CholeskyDecomposition?] = []
    for j in 0..<m {
      let block = (j * p)..<((j + 1) * p)
      factors.append(try? CholeskyDecomposition(inverseGram.submatrix(rows: Array(block), columns: Array(block))))
    }
    for i in 0..<m {
      let ssrU = Dense.accurateSumOfSquares(residuals.column(i))
      let target = y.column(i)
      let mean = addConstant ? target.reduce(0, +) / Double(rows) : 0
      let tss = target.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      for j in 0..<m {
        let index = i * m + j
        if i == j {
          statuses[index] = .degenerate
          (f[index], chi2[index], lr[index], pF[index], pChi2[index], pLR[index]) = (0, 0, 0, 1, 1, 1)
          continue
        }
        if tss == 0 || ssrU == 0 || ssrU / tss < .ulpOfOne {
          statuses[index] = .infeasible(GrangerCausalityError.perfectFit(lag: p).description)
          continue
        }
        guard let factor = factors[j] else {
          statuses[index] = .infeasible("the covariance of \(names[j])'s lag coefficients is singular")
          continue
        }
        let b = (0..<p).map { coefficients[j * p + $0, i] }
        let delta = Dense.dot(b, factor.solve(b))
        let relative = delta / ssrU
        f[index] = relative / Double(p) * Double(dfU)
        chi2[index] = Double(rows) * relative
        lr[index] = Double(rows) * log1p(relative)
        pF[index] = fDistribution.sf(f[index])
        pChi2[index] = chiSquared.sf(chi2[index])
        pLR[index] = chiSquared.sf(lr[index])
      }
    }
    return finish()
  }
}
