import Formulas
import LinearAlgebra

/// An IV (or OLS) model with its intercept and categorical factor absorbed, reduced to
/// ``WithinMoments``: the block `[x, z, t, y]` (dense exogenous regressors, excluded
/// instruments, endogenous regressors, dependent variable), its group statistics, and the
/// fitted model. The first stage and the specification tests of an absorbed fit are
/// computed from it.
struct AbsorbedModel: Sendable {
  let absorbing: AbsorbingDesign
  /// n×d: `[x, z, t, y]`.
  let data: Matrix
  let moments: WithinMoments
  /// A name per column of `data`.
  let names: [String]
  /// Dense exogenous regressors, excluded instruments, endogenous regressors.
  let p: Int, q: Int, m: Int
  /// The model: 2SLS of y on [x, t] with instruments [x, z], or OLS of y on x.
  let regression: AbsorbedRegression
  /// Its residuals.
  let residuals: [Double]

  var exogenousColumns: [Int] { Array(0..<p) }
  var instrumentColumns: [Int] { Array(p..<(p + q)) }
  var endogenousColumns: [Int] { Array((p + q)..<(p + q + m)) }
  var dependentColumn: Int { p + q + m }
  var codes: [Int32] { absorbing.absorbed.codes }
  var groupCount: Int { absorbing.absorbed.groupCount }
  var observations: Int { data.rows }
  /// The parameters absorbed (intercept and dummies): one per group.
  var absorbedParameterCount: Int { groupCount }
  /// The reported position of the intercept, if any.
  var interceptParameter: Int? { absorbing.exogenousSlots.firstIndex(of: .intercept) }

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
    var values = design.exogenous.columnMajorValues
    values.append(contentsOf: design.instruments.columnMajorValues)
    values.append(contentsOf: design.endogenous.columnMajorValues)
    values.append(contentsOf: design.dependent)
    let data = Matrix(rows: n, columns: p + q + m + 1, columnMajor: values)
    let names = design.exogenousNames + design.instrumentNames + design.endogenousNames + [design.dependentName]
    guard let moments = WithinMoments.summarising(data, codes: absorbing.absorbed.codes, groupCount: absorbing.absorbed.groupCount)
    else { throw .insufficientObservations(observations: n, parameters: parameters) }
    try Self.checkNotAbsorbed(moments, names: names, absorbed: absorbing.absorbed, upTo: p + q + m)
    let regressors = Array(0..<p) + Array((p + q)..<(p + q + m))
    let regression = try AbsorbedRegression(
      moments: moments, regressors: regressors, instruments: m > 0 ? Array(0..<(p + q)) : nil,
      dependent: p + q + m, names: names)
    self.absorbing = absorbing
    self.data = data
    self.moments = moments
    self.names = names
    self.p = p
    self.q = q
    self.m = m
    self.regression = regression
    self.residuals = regression.residuals(data, codes: absorbing.absorbed.codes)
  }

  /// A column whose within-group deviations vanish (relative to its size) is spanned by
  /// the absorbed intercept and dummies.
  private static func checkNotAbsorbed(
    _ moments: WithinMoments, names: [String], absorbed: AbsorbedCategorical, upTo count: Int
  ) throws(ModelError) {
    let d = moments.columns
    let tolerance = Double(max(moments.rowCount, d)) * .ulpOfOne
    for j in 0..<count {
      var within = 0.0
      for i in 0...j { within += moments.r[i + j * d] * moments.r[i + j * d] }
      var between = 0.0
      for g in 0..<moments.groupCount {
        let mean = moments.means[g * d + j]
        between += Double(moments.counts[g]) * mean * mean
      }
      guard within.squareRoot() <= tolerance * (within + between).squareRoot() else { continue }
      let span = absorbed.factorName.map { "the intercept and the dummies of \($0)" } ?? "the intercept"
      let what = absorbed.factorName.map { "constant within the groups of \($0)" } ?? "constant"
      throw .collinear(role: "regressors", columns: [names[j]], relations: ["\(names[j]) is \(what), so \(span) span it"])
    }
  }

  /// The reported parameters' map for a regression on `[x, extra]`.
  func parameterMap(extra: Int) -> ParameterMap {
    ParameterMap(absorbed: absorbing.absorbed, slots: absorbing.exogenousSlots, extra: extra)
  }

  /// The covariance of a regression's reported parameters under `kind`, and its bread's
  /// diagonal; nil for an estimator the absorbed route does not offer.
  func covariance(
    of regression: AbsorbedRegression, residuals e: [Double], map: ParameterMap, kind: ResolvedCovariance.Kind,
    debiased: Bool
  ) throws(ModelError) -> (covariance: Matrix, breadDiagonal: [Double]) {
    let n = Double(observations)
    let k = Double(groupCount + regression.regressors.count)
    let dfScale = n / (n - k)
    let bread = map.covariance(regression.groupCovariance(sums: nil, scale: 1))
    let v: Matrix
    switch kind {
    case .unadjusted:
      let sigma2 = Vector.sumOfSquares(e) / n * (debiased ? dfScale : 1)
      v = sigma2 * bread
    case .heteroskedastic(let type):
      guard type <= 1 else {
        throw .unsupportedByAbsorption("HC\(type) standard errors need leverages; the absorbing fit offers unadjusted, robust, HC1 and clustered ones")
      }
      let sums = AbsorbedScoreSums.heteroskedastic(regression, residuals: e, data: data, codes: codes)
      v = map.covariance(regression.groupCovariance(sums: sums, scale: type == 1 || debiased ? dfScale : 1))
    case .clustered(let clusters):
      var total: Matrix?
      var dimensions: [(codes: [Int], count: Int, sign: Double)] = zip(clusters.codes, clusters.counts).map { ($0, $1, 1) }
      if clusters.codes.count == 2 {
        let both = clusters.intersection
        dimensions.append((both.codes, both.count, -1))
      }
      for dimension in dimensions {
        let g = Double(dimension.count)
        guard Double(dimension.count) * Double(groupCount) <= 5e7 else {
          throw .unsupportedByAbsorption("\(dimension.count) clusters × \(groupCount) groups is too many for the absorbing fit")
        }
        let sums = AbsorbedScoreSums.clustered(
          regression, residuals: e, data: data, codes: codes, clusters: dimension.codes, clusterCount: dimension.count)
        let scale = debiased ? g / (g - 1) * (n - 1) / (n - k) : 1
        let part = dimension.sign * map.covariance(regression.groupCovariance(sums: sums, scale: scale))
        total = total.map { $0 + part } ?? part
      }
      v = total ?? bread
    case .kernel:
      throw .unsupportedByAbsorption("kernel (HAC) standard errors are not offered by the absorbing fit")
    }
    return (v, bread.diagonal)
  }
}
