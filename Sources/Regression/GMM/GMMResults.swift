import Formulas
public import LinearAlgebra

/// What a GMM fit adds to ``RegressionResults``: the weight matrix, the number of
/// iterations and the over-identification tests of linearmodels 7.1's `IVGMMResults`.
public struct GMMResults: Sendable {
  /// The weight matrix used for the final estimate (|Z|×|Z|, exogenous then instruments).
  public let weightMatrix: Matrix
  /// linearmodels' `iterations`: 2 for two-step GMM.
  public let iterations: Int
  /// How the weight matrix was estimated.
  public let weightType: GMMWeight
  /// The kernel bandwidth of the final weight matrix (chosen automatically unless given).
  public let weightBandwidth: Double?
  /// Hansen's J = n·ḡᵀWḡ, ḡ = Σzᵢeᵢ/n at the final β, W the final weight matrix;
  /// χ²(|Z| − k) (with 0 degrees of freedom and a NaN p-value when just identified).
  public let jStatistic: TestStatistic
  /// n·ḡᵀS_c⁻¹ḡ with S_c the weight estimator with centred moments at the final β;
  /// invalid when S_c is singular (linearmodels 7.1's `centered_j_stat`).
  public let centeredJStatistic: TestStatistic

  let params: [Double]
  let estimator: MomentCovariance
  let design: DesignMatrices

  init(
    weightMatrix: Matrix, iterations: Int, weightType: GMMWeight, weightBandwidth: Double?, params: [Double],
    momentCovariance: Matrix?, estimator: MomentCovariance, design: DesignMatrices
  ) {
    self.weightMatrix = weightMatrix
    self.iterations = iterations
    self.weightType = weightType
    self.weightBandwidth = weightBandwidth
    self.params = params
    self.estimator = estimator
    self.design = design
    let z = design.allInstruments
    let x = design.regressors
    let residuals = Vector.subtracting(design.dependent, x.multiplied(by: params))
    let df = z.columns - x.columns
    let null = "Expected moment conditions are equal to 0"
    let jName = "J-test of overidentifying restrictions"
    if let momentCovariance, MomentCovariance.isSingular(momentCovariance) {
      self.jStatistic = TestStatistic(
        invalid: jName, nullHypothesis: null,
        reason: "the covariance of the moment conditions that is inverted to compute the weight matrix is singular")
    } else {
      self.jStatistic = TestStatistic(
        name: jName, nullHypothesis: null,
        statistic: GMMEstimation.jStatistic(z: z, residuals: residuals, weight: weightMatrix),
        distribution: .chiSquared(df))
    }
    self.centeredJStatistic = Self.centeredJ(
      z: z, residuals: residuals, parameterCount: x.columns, estimator: estimator, df: df, null: null)
  }

  private static func centeredJ(
    z: Matrix, residuals: [Double], parameterCount k: Int, estimator: MomentCovariance, df: Int, null: String
  ) -> TestStatistic {
    let name = "Centered J-test of overidentifying restrictions"
    let reason = "the centered covariance of the moment conditions is singular or cannot be estimated"
    guard let s = try? estimator.centered(true).estimate(z: z, residuals: residuals, parameterCount: k).matrix,
      !MomentCovariance.isSingular(s), let inverse = try? s.symmetricInverse()
    else { return TestStatistic(invalid: name, nullHypothesis: null, reason: reason) }
    let statistic = GMMEstimation.jStatistic(z: z, residuals: residuals, weight: inverse)
    return TestStatistic(name: name, nullHypothesis: null, statistic: statistic, distribution: .chiSquared(df))
  }

  /// The C statistic (difference-in-J test) of the exogeneity of `variables`
  /// (every endogenous regressor when nil), linearmodels 7.1's `c_stat`.
  ///
  /// A two-step GMM model "e" treats the tested variables as exogenous (moments
  /// [exogenous, tested, instruments]) with the same weight estimator; J_e is its J
  /// and S_e = W_e⁻¹. With S_{e,c} the rows and columns of S_e of this model's
  /// moments [exogenous, instruments], W_c = S_{e,c}⁻¹, β_c = β(W_c) on this model
  /// and J_c = n·ḡ(β_c)ᵀW_c ḡ(β_c): C = J_e − J_c ~ χ²(m) for m tested variables.
  /// Invalid when model e's moment covariance is singular (for example too few clusters).
  ///
  /// - Throws: ``ModelError/unknownEndogenous(_:endogenous:)`` for a name that is not
  ///   an endogenous regressor; ``ModelError`` when model e is collinear.
  public func cStatistic(variables: [String]? = nil) throws(ModelError) -> TestStatistic {
    let name = "C-statistic"
    let endogenousNames = design.endogenousNames
    let tested = variables ?? endogenousNames
    var testedColumns: [Int] = []
    for variable in tested {
      guard let column = endogenousNames.firstIndex(of: variable) else {
        throw .unknownEndogenous(variable, endogenous: endogenousNames)
      }
      testedColumns.append(column)
    }
    let null =
      variables == nil ? "All endogenous variables are exogenous" : "Variables \(tested.joined(separator: ", ")) are exogenous"
    guard !testedColumns.isEmpty else {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: "no variables to test")
    }
    let remaining = endogenousNames.indices.filter { !testedColumns.contains($0) }
    let testedMatrix = design.endogenous.selectingColumns(testedColumns)
    let exogenousE = design.exogenous.appendingColumns(of: testedMatrix)
    let xE = exogenousE.appendingColumns(of: design.endogenous.selectingColumns(remaining))
    let zE = exogenousE.appendingColumns(of: design.instruments)
    let exogenousNamesE = design.exogenousNames + testedColumns.map { endogenousNames[$0] }
    let coreE = try LinearFit(
      y: design.dependent, x: xE, xNames: exogenousNamesE + remaining.map { endogenousNames[$0] }, z: zE,
      zNames: exogenousNamesE + design.instrumentNames, exogenousCount: exogenousE.columns)
    let reason =
      "the covariance of the moment conditions of the model that treats the tested variables as exogenous is singular"
    let n = Double(design.observationCount)
    guard let weight0 = try? ((1 / n) * zE.gram()).symmetricInverse(),
      let estimateE = try? GMMEstimation.iterate(
        x: xE, y: design.dependent, z: zE, initialParams: coreE.params, initialWeight: weight0, estimator: estimator,
        iterationLimit: 2, tolerance: 1e-4),
      let covarianceE = try? estimateE.weightMatrix.symmetricInverse()
    else { return TestStatistic(invalid: name, nullHypothesis: null, reason: reason) }
    let residualsE = Vector.subtracting(design.dependent, xE.multiplied(by: estimateE.params))
    let jE = GMMEstimation.jStatistic(z: zE, residuals: residualsE, weight: estimateE.weightMatrix)

    let nExogenous = design.exogenous.columns
    let original = Array(0..<nExogenous) + (0..<design.instruments.columns).map { nExogenous + testedColumns.count + $0 }
    guard let weightC = try? covarianceE.submatrix(rows: original, columns: original).symmetricInverse() else {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: reason)
    }
    let x = design.regressors
    let z = design.allInstruments
    let paramsC = try GMMEstimation.parameters(x: x, y: design.dependent, z: z, weight: weightC)
    let residualsC = Vector.subtracting(design.dependent, x.multiplied(by: paramsC))
    let jC = GMMEstimation.jStatistic(z: z, residuals: residualsC, weight: weightC)
    return TestStatistic(name: name, nullHypothesis: null, statistic: jE - jC, distribution: .chiSquared(testedColumns.count))
  }
}
