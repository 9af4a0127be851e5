import Foundation
import LinearAlgebra
import Regression
public import Tabular

/// Granger-causality tests with statsmodels 0.15's definitions (`grangercausalitytests`).
///
/// For each lag p the effect y is regressed on its own p lags and a constant (restricted)
/// and on those plus the cause's p lags (unrestricted), both on the n − p observations that
/// have every lag, with statsmodels' OLS (``LeastSquaresFit``). Four tests of "the cause does
/// not Granger-cause the effect" follow: `ssr_ftest`, `ssr_chi2test`, `lrtest` and
/// `params_ftest` (``GrangerTest``).
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "Fixtures/data/macrodata_growth.csv")
/// let result = try GrangerCausality.test(data, effect: "realgdp_growth", cause: "realcons_growth", maxLag: 4)
/// result[lag: 1]?.likelihoodRatioTest.pValue   // 1.595e-07
/// ```
public enum GrangerCausality {
  /// Tests lags 1…`maxLag` of the columns `effect` and `cause` of `data`.
  ///
  /// With `addConstant: false` both models leave the constant out (statsmodels 0.15 raises
  /// `NotImplementedError` there; these are its formulas on the constant-free designs, with
  /// `Rm` one column narrower), and the sample needs only n > 3·maxLag.
  ///
  /// - Throws: ``GrangerCausalityError`` for unknown or text columns, missing or infinite
  ///   values, a bad lag, too few observations, a constant series (with a constant) or a
  ///   perfect fit.
  public static func test(
    _ data: DataTable, effect: String, cause: String, maxLag: Int, addConstant: Bool = true
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    guard maxLag > 0 else { throw .invalidMaxLag(maxLag) }
    return try test(data, effect: effect, cause: cause, lags: Array(1...maxLag), addConstant: addConstant)
  }

  /// Tests only the listed lags, in the order given (statsmodels' `maxlag=[4, 2]`).
  public static func test(
    _ data: DataTable, effect: String, cause: String, lags: [Int], addConstant: Bool = true
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    let y = try series(data, effect)
    let x = try series(data, cause)
    return try test(effect: y, cause: x, lags: lags, addConstant: addConstant, names: (effect, cause))
  }

  /// Tests lags 1…`maxLag` of two arrays (`effect` is statsmodels' column 0).
  public static func test(
    effect: [Double], cause: [Double], maxLag: Int, addConstant: Bool = true
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    guard maxLag > 0 else { throw .invalidMaxLag(maxLag) }
    return try test(effect: effect, cause: cause, lags: Array(1...maxLag), addConstant: addConstant)
  }

  /// Tests the listed lags of two arrays, in the order given.
  public static func test(
    effect: [Double], cause: [Double], lags: [Int], addConstant: Bool = true,
    names: (effect: String, cause: String) = ("y", "x")
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    try run(series: [effect, cause], names: [names.effect, names.cause], lags: lags, addConstant: addConstant)
  }

  /// Conditional (multivariate) Granger causality: does `cause` help predict `effect` given the
  /// lags of `effect` and of every series in `conditioningOn`?
  ///
  /// The restricted model is the effect on `[effect lags, each conditioning series' lags, 1]`,
  /// the unrestricted one inserts the cause's lags before the constant; the four statistics
  /// have `grangercausalitytests`' formulas (with `df_u` from the larger model's rank).
  /// With an empty `conditioningOn` this is ``test(_:effect:cause:maxLag:addConstant:)``.
  /// Observations must exceed (3 + q)·maxLag + 1 for q conditioning series.
  public static func conditionalTest(
    _ data: DataTable, effect: String, cause: String, conditioningOn: [String], maxLag: Int, addConstant: Bool = true
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    guard maxLag > 0 else { throw .invalidMaxLag(maxLag) }
    let names = [effect] + conditioningOn + [cause]
    var seen: Set<String> = []
    for name in names {
      guard seen.insert(name).inserted else { throw .duplicateSeries(name) }
    }
    var values: [[Double]] = []
    for name in names { values.append(try series(data, name)) }
    return try run(series: values, names: names, lags: Array(1...maxLag), addConstant: addConstant)
  }

  /// Conditional Granger causality on arrays: `conditioning` series' lags enter both models.
  public static func conditionalTest(
    effect: [Double], cause: [Double], conditioning: [[Double]], lags: [Int], addConstant: Bool = true
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    let names = ["y"] + conditioning.indices.map { "z\($0 + 1)" } + ["x"]
    return try run(series: [effect] + conditioning + [cause], names: names, lags: lags, addConstant: addConstant)
  }

  // MARK: - The statsmodels route

  /// Validation in statsmodels' order, then one exact fit pair per lag.
  ///
  /// `series` is `[effect, conditioning…, cause]`.
  static func run(
    series: [[Double]], names: [String], lags: [Int], addConstant: Bool
  ) throws(GrangerCausalityError) -> GrangerCausalityResult {
    try validate(series: series, names: names, lags: lags, addConstant: addConstant)
    var results: [GrangerLagResult] = []
    for lag in lags {
      results.append(try lagResult(series: series, names: names, lag: lag, addConstant: addConstant))
    }
    return GrangerCausalityResult(
      effect: names[0], cause: names[names.count - 1], conditioning: Array(names.dropFirst().dropLast()), lags: results)
  }

  /// statsmodels' checks before any fit: finite values, the lags, the sample size.
  static func validate(
    series: [[Double]], names: [String], lags: [Int], addConstant: Bool, blocks: Int? = nil
  ) throws(GrangerCausalityError) {
    let n = series.first?.count ?? 0
    for (values, name) in zip(series, names) {
      guard values.count == n else { throw .lengthMismatch(series: name, count: values.count, expected: n) }
    }
    for (values, name) in zip(series, names) {
      if let row = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(series: name, row: row + 1) }
    }
    guard let maximum = lags.max(), let minimum = lags.min(), minimum > 0 else { throw .invalidLags(lags) }
    // statsmodels: n ≤ 3·maxlag + int(addconst) is too few; (3 + q)·maxlag with q conditioning series.
    let blocks = blocks ?? series.count + 1
    let constant = addConstant ? 1 : 0
    if n <= blocks * maximum + constant {
      throw .insufficientObservations(
        observations: n, maximumLag: maximum, maximumAllowableLag: (n - constant) / blocks - 1)
    }
  }

  /// The lagged regressors of lag order `p`: `s[p−k ..< n−k]` for k = 1…p.
  static func lagColumns(_ s: [Double], lag p: Int) -> [[Double]] {
    let n = s.count
    return (1...p).map { k in Array(s[(p - k)..<(n - k)]) }
  }

  /// One lag of the test, exactly as statsmodels computes it. `series` is `[effect, conditioning…, cause]`.
  ///
  /// Without a constant the designs are the lag columns alone; a constant lag column is then an
  /// ordinary regressor (statsmodels' constant-column check belongs to its `addconst` branch).
  static func lagResult(
    series: [[Double]], names: [String], lag p: Int, addConstant: Bool = true
  ) throws(GrangerCausalityError) -> GrangerLagResult {
    let effect = series[0]
    let n = effect.count
    let observations = n - p
    let y = Array(effect[p..<n])
    var restrictedColumns: [[Double]] = []
    var causeColumns: [[Double]] = []
    for (index, s) in series.enumerated() {
      let columns = lagColumns(s, lag: p)
      for column in columns where addConstant {
        guard let first = column.first, column.contains(where: { $0 != first }) else {
          throw .constantSeries(series: names[index], lag: p)
        }
      }
      if index == series.count - 1 { causeColumns = columns } else { restrictedColumns += columns }
    }
    let constant = addConstant ? [[Double](repeating: 1, count: observations)] : []
    let own = Matrix(columns: restrictedColumns + constant)
    let joint = Matrix(columns: restrictedColumns + causeColumns + constant)
    let restricted = LeastSquaresFit(validated: y, x: own)
    let unrestricted = LeastSquaresFit(validated: y, x: joint)
    let tss = unrestricted.constantCount == 1 ? unrestricted.centeredTSS : unrestricted.uncenteredTSS
    let ratio = unrestricted.ssr / tss
    if tss == 0 || unrestricted.ssr == 0 || unrestricted.rSquared.isNaN || ratio < .ulpOfOne {
      throw .perfectFit(lag: p)
    }
    let k = joint.columns
    var restriction = Matrix(rows: p, columns: k)
    for i in 0..<p { restriction[i, k - constant.count - p + i] = 1 }
    let dfU = unrestricted.residualDegreesOfFreedom
    let added = unrestricted.rank - restricted.rank
    let names = (effect: names[0], cause: names[names.count - 1])
    var statistics: (f: Double, chi2: Double, lr: Double)
    if added == 0 {
      // The cause's lags are in the span of the restricted design: nothing is tested.
      statistics = (0, 0, 0)
    } else {
      let relative = (restricted.ssr - unrestricted.ssr) / unrestricted.ssr
      statistics = (
        relative / Double(p) * Double(dfU), Double(observations) * relative,
        -2 * (restricted.logLikelihood - unrestricted.logLikelihood)
      )
    }
    let wald = unrestricted.waldTest(validated: restriction)
    return GrangerLagResult(
      lag: p, observations: observations,
      ssrFTest: statistic(.ssrFTest, statistics.f, .f(p, dfU), names),
      ssrChiSquaredTest: statistic(.ssrChiSquaredTest, statistics.chi2, .chiSquared(p), names),
      likelihoodRatioTest: statistic(.likelihoodRatioTest, statistics.lr, .chiSquared(p), names),
      paramsFTest: statistic(.paramsFTest, wald.statistic, .f(wald.numeratorDegreesOfFreedom, dfU), names),
      restricted: restricted, unrestricted: unrestricted, restriction: restriction, isDegenerate: added < p)
  }

  static func statistic(
    _ test: GrangerTest, _ value: Double, _ distribution: TestStatistic.Distribution, _ names: (effect: String, cause: String)
  ) -> TestStatistic {
    TestStatistic(
      name: test.key, nullHypothesis: "\(names.cause) does not Granger-cause \(names.effect)", statistic: value,
      distribution: distribution)
  }

  // MARK: - Data

  /// A numeric column of `data` (missing values stay NaN and are reported by the validation).
  static func series(_ data: DataTable, _ name: String) throws(GrangerCausalityError) -> [Double] {
    guard let column = data[name] else {
      throw .unknownColumn(name, suggestion: closestMatch(to: name, among: data.columnNames))
    }
    guard case .numeric(let values) = column else { throw .nonNumericColumn(name) }
    return values
  }

  /// The numeric columns of `data`, in order.
  public static func numericColumns(of data: DataTable) -> [String] {
    zip(data.columnNames, data.columns).compactMap { name, column in
      if case .numeric = column { return name }
      return nil
    }
  }
}
