import Formulas
import LinearAlgebra

/// An IV (or OLS) model with its intercept and categorical factor absorbed, reduced to
/// ``WithinMoments``: the block `[x, z, t, y]` (dense exogenous regressors, excluded
/// instruments, endogenous regressors, dependent variable), its group statistics, and the
/// fitted model. The first stage and the specification tests of an absorbed fit are
/// computed from it.
struct AbsorbedModel: Sendable {
  /// Where the sandwich covariances' score sums come from.
  enum Scores: Sendable {
    /// The rows are in memory: `[x, z, t, y]` (n×d) and each row's group.
    case rows(data: Matrix, codes: [Int32])
    /// Accumulated while streaming, for the requested estimator: per regression (keyed by
    /// its dependent column), the sums of each clustering dimension with its cluster count
    /// and sign (two-way: +, +, − for the intersection); one entry with count 0 for HC0.
    case sums([Int: [(sums: AbsorbedScoreSums, clusters: Int, sign: Double)]])
  }

  /// The absorbed intercept and factor.
  let absorbed: AbsorbedCategorical
  /// Every exogenous parameter's name and where it comes from.
  let exogenousNames: [String]
  let exogenousSlots: [AbsorbedCategorical.Slot]
  let moments: WithinMoments
  /// A name per moment column.
  let names: [String]
  /// Dense exogenous regressors, excluded instruments, endogenous regressors.
  let p: Int, q: Int, m: Int
  /// The model: 2SLS of y on [x, t] with instruments [x, z], or OLS of y on x.
  let regression: AbsorbedRegression
  let scores: Scores

  var exogenousColumns: [Int] { Array(0..<p) }
  var instrumentColumns: [Int] { Array(p..<(p + q)) }
  var endogenousColumns: [Int] { Array((p + q)..<(p + q + m)) }
  var dependentColumn: Int { p + q + m }
  var groupCount: Int { absorbed.groupCount }
  var observations: Int { moments.rowCount }
  /// The parameters absorbed (intercept and dummies): one per group.
  var absorbedParameterCount: Int { groupCount }
  /// The reported position of the intercept, if any.
  var interceptParameter: Int? { exogenousSlots.firstIndex(of: .intercept) }

  /// A model from accumulated statistics (streaming).
  init(
    absorbed: AbsorbedCategorical, exogenousNames: [String], exogenousSlots: [AbsorbedCategorical.Slot],
    moments: WithinMoments, names: [String], p: Int, q: Int, m: Int, regression: AbsorbedRegression, scores: Scores
  ) {
    self.absorbed = absorbed
    self.exogenousNames = exogenousNames
    self.exogenousSlots = exogenousSlots
    self.moments = moments
    self.names = names
    self.p = p
    self.q = q
    self.m = m
    self.regression = regression
    self.scores = scores
  }

  /// The n×d block `[x, z, t, y]` of a design and the names of its columns.
  static func block(_ design: DesignMatrices) -> (data: Matrix, names: [String]) {
    var values = design.exogenous.columnMajorValues
    values.append(contentsOf: design.instruments.columnMajorValues)
    values.append(contentsOf: design.endogenous.columnMajorValues)
    values.append(contentsOf: design.dependent)
    let d = design.exogenous.columns + design.instruments.columns + design.endogenous.columns + 1
    let names = design.exogenousNames + design.instrumentNames + design.endogenousNames + [design.dependentName]
    return (Matrix(rows: design.observationCount, columns: d, columnMajor: values), names)
  }

  /// The model fitted on the statistics, after checking that no column is spanned by the groups.
  static func fitted(_ moments: WithinMoments, names: [String], absorbed: AbsorbedCategorical, p: Int, q: Int, m: Int)
    throws(ModelError) -> AbsorbedRegression
  {
    try checkNotAbsorbed(moments, names: names, absorbed: absorbed, upTo: p + q + m)
    return try AbsorbedRegression(
      moments: moments, regressors: Array(0..<p) + Array((p + q)..<(p + q + m)), instruments: m > 0 ? Array(0..<(p + q)) : nil,
      dependent: p + q + m, names: names)
  }

  /// Summarises the design and fits the model.
  ///
  /// - Throws: ``ModelError/collinear(role:columns:relations:)`` for a column the groups
  ///   span (constant within every group) or collinear columns,
  ///   ``ModelError/insufficientObservations(observations:parameters:)``.
  init(_ absorbing: AbsorbingDesign) throws(ModelError) {
    let design = absorbing.design
    let n = design.observationCount
    let p = design.exogenous.columns, q = design.instruments.columns, m = design.endogenous.columns
    let parameters = absorbing.absorbed.groupCount + p + m
    guard n > parameters else { throw .insufficientObservations(observations: n, parameters: parameters) }
    let (data, names) = Self.block(design)
    guard let moments = WithinMoments.summarising(data, codes: absorbing.absorbed.codes, groupCount: absorbing.absorbed.groupCount)
    else { throw .insufficientObservations(observations: n, parameters: parameters) }
    let regression = try Self.fitted(moments, names: names, absorbed: absorbing.absorbed, p: p, q: q, m: m)
    self.init(
      absorbed: absorbing.absorbed, exogenousNames: absorbing.exogenousNames, exogenousSlots: absorbing.exogenousSlots,
      moments: moments, names: names, p: p, q: q, m: m, regression: regression,
      scores: .rows(data: data, codes: absorbing.absorbed.codes))
  }

  /// Whether the rows are in memory (not a streamed fit).
  var keepsRows: Bool {
    if case .rows = scores { return true }
    return false
  }

  /// The residuals of `regression` for every row, when the rows are in memory.
  func residuals(of regression: AbsorbedRegression) -> [Double]? {
    guard case .rows(let data, let codes) = scores else { return nil }
    return regression.residuals(data, codes: codes)
  }

  /// The dependent variable of `regression`, when the rows are in memory.
  func dependent(of regression: AbsorbedRegression) -> [Double]? {
    guard case .rows(let data, _) = scores else { return nil }
    return data.column(regression.dependent)
  }

  /// A column whose within-group deviations vanish (relative to its size) is spanned by
  /// the absorbed intercept and dummies.
  static func checkNotAbsorbed(
    _ moments: WithinMoments, names: [String], absorbed: AbsorbedCategorical, upTo count: Int
  ) throws(ModelError) {
    let tolerance = Double(max(moments.rowCount, moments.columns)) * .ulpOfOne
    for j in 0..<count {
      let within = moments.withinSumOfSquares(ofColumn: j)
      guard within.squareRoot() <= tolerance * moments.sumsOfSquares(ofColumn: j).uncentred.squareRoot() else { continue }
      let span = absorbed.factorName.map { "the intercept and the dummies of \($0)" } ?? "the intercept"
      let what = absorbed.factorName.map { "constant within the groups of \($0)" } ?? "constant"
      throw .collinear(role: "regressors", columns: [names[j]], relations: ["\(names[j]) is \(what), so \(span) span it"])
    }
  }

  /// The reported parameters' map for a regression on `[x, extra]`.
  func parameterMap(extra: Int) -> ParameterMap {
    ParameterMap(absorbed: absorbed, slots: exogenousSlots, extra: extra)
  }

  /// The covariance of a regression's reported parameters under `kind`, and its bread's
  /// diagonal; `residuals` are the regression's when the rows are in memory.
  func covariance(
    of regression: AbsorbedRegression, residuals e: [Double]?, map: ParameterMap, kind: ResolvedCovariance.Kind,
    debiased: Bool
  ) throws(ModelError) -> (covariance: Matrix, breadDiagonal: [Double]) {
    let n = Double(observations)
    let k = Double(groupCount + regression.regressors.count)
    let dfScale = n / (n - k)
    let breadFactor = regression.regressorMeans.multiplied(by: regression.inverseGram)
    let breadDiagonal = map.variances { regression.breadEntry($0, $1, breadFactor: breadFactor) }
    switch kind {
    case .unadjusted:
      let rss = e.map(Vector.sumOfSquares) ?? Vector.sumOfSquares(regression.within.residuals)
      let bread = map.covariance(regression.groupCovariance(sums: nil, scale: 1))
      return (rss / n * (debiased ? dfScale : 1) * bread, breadDiagonal)
    case .heteroskedastic(let type):
      guard type <= 1 else {
        throw .unsupportedByAbsorption("HC\(type) standard errors need leverages; the absorbing fit offers unadjusted, robust, HC1 and clustered ones")
      }
    case .clustered: break
    case .kernel:
      throw .unsupportedByAbsorption("kernel (HAC) standard errors are not offered by the absorbing fit")
    }
    var total: Matrix?
    for part in try scoreSums(of: regression, residuals: e, kind: kind) {
      let scale: Double
      if case .heteroskedastic(let type) = kind {
        scale = type == 1 || debiased ? dfScale : 1
      } else {
        let g = Double(part.clusters)
        scale = debiased ? g / (g - 1) * (n - 1) / (n - k) : 1
      }
      let v = part.sign * map.covariance(regression.groupCovariance(sums: part.sums, scale: scale))
      total = total.map { $0 + v } ?? v
    }
    guard let total else { throw .unsupportedByAbsorption("no score sums for this estimator") }
    return (total, breadDiagonal)
  }

  /// The score sums of `regression` under a sandwich estimator.
  private func scoreSums(of regression: AbsorbedRegression, residuals e: [Double]?, kind: ResolvedCovariance.Kind)
    throws(ModelError) -> [(sums: AbsorbedScoreSums, clusters: Int, sign: Double)]
  {
    switch scores {
    case .sums(let table):
      guard let sums = table[regression.dependent] else {
        throw .unsupportedByAbsorption("the streamed statistics do not cover this regression")
      }
      return sums
    case .rows(let data, let codes):
      let e = e ?? regression.residuals(data, codes: codes)
      guard case .clustered(let clusters) = kind else {
        return [(AbsorbedScoreSums.heteroskedastic(regression, residuals: e, data: data, codes: codes), 0, 1)]
      }
      var dimensions: [(codes: [Int], count: Int, sign: Double)] = zip(clusters.codes, clusters.counts).map { ($0, $1, 1) }
      if clusters.codes.count == 2 {
        let both = clusters.intersection
        dimensions.append((both.codes, both.count, -1))
      }
      var result: [(sums: AbsorbedScoreSums, clusters: Int, sign: Double)] = []
      for dimension in dimensions {
        guard Double(dimension.count) * Double(groupCount) <= 5e7 else {
          throw .unsupportedByAbsorption("\(dimension.count) clusters × \(groupCount) groups is too many for the absorbing fit")
        }
        let sums = AbsorbedScoreSums.clustered(
          regression, residuals: e, data: data, codes: codes, clusters: dimension.codes, clusterCount: dimension.count)
        result.append((sums, dimension.count, dimension.sign))
      }
      return result
    }
  }
}
