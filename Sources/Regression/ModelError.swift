/// Problems with a model that make it impossible to estimate.
public enum ModelError: Error, Equatable, CustomStringConvertible {
  /// Columns that are exact linear combinations of earlier ones.
  ///
  /// `role` is "regressors" or "instruments"; `relations` holds one readable
  /// identity per dependent column, such as `x3 = 1·x1 + 2·x2`.
  case collinear(role: String, columns: [String], relations: [String])
  /// Too few observations for the number of parameters.
  case insufficientObservations(observations: Int, parameters: Int)
  /// At least as many instrument columns as observations: Z spans every vector, so
  /// 2SLS would be OLS (choose instruments with a LASSO: `ivreg lasso`).
  case tooManyInstruments(observations: Int, instruments: Int)
  /// Fewer instruments than endogenous regressors.
  case underidentified(endogenous: Int, instruments: Int)
  /// The model has no regressors at all.
  case noRegressors
  /// The instruments do not move the endogenous regressors (their projection is collinear).
  case notIdentified(endogenous: [String])
  /// A formula with an IV block given to ``OLS``.
  case instrumentsInOLS
  /// A confidence level outside (0, 1).
  case invalidLevel(Double)
  /// A NaN or infinite value in the model's data (row is 1-based).
  case nonFiniteValue(column: String, row: Int, value: Double)
  /// Cluster variables that cannot be used (the message says why and where).
  case invalidClusters(String)
  /// A kernel bandwidth outside (0, n).
  case invalidBandwidth(Double, observations: Int)
  /// Too few observations for the automatic bandwidth rule.
  case automaticBandwidthUndefined(observations: Int)
  /// LIML's κ cannot be estimated (the message says why).
  case kappaUndefined(String)
  /// A variable named in an exogeneity test that is not endogenous.
  case unknownEndogenous(String, endogenous: [String])
  /// The covariance matrix has infinite or NaN entries.
  case nonFiniteCovariance
  /// The κ-class matrix (1−κ)XᵀX + κX̂ᵀX̂ is singular.
  case singularKClass(kappa: Double)
  /// The estimated covariance of the GMM moment conditions is singular (the message says why).
  case singularMomentCovariance(String)
  /// A GMM initial weight matrix of the wrong shape or with non-finite values.
  case invalidInitialWeight(String)
  /// An option ``IVGMM`` does not support (HC1–HC3 covariances, two-way clustering).
  case unsupportedGMMOption(String)
  /// Matrices or name lists of inconsistent sizes (the message says which).
  case dimensionMismatch(String)
  /// An option the absorbing fit (``AbsorbingIV2SLS``) does not support, or a model with
  /// nothing to absorb.
  case unsupportedByAbsorption(String)

  public var description: String {
    switch self {
    case .collinear(let role, let columns, let relations):
      let list = columns.map { "'\($0)'" }.joined(separator: ", ")
      return "the \(role) are perfectly collinear: \(list) \(columns.count == 1 ? "is a linear combination" : "are linear combinations") of the others (\(relations.joined(separator: "; ")))"
    case .insufficientObservations(let n, let k):
      return "\(n) observation\(n == 1 ? "" : "s") cannot identify \(k) parameter\(k == 1 ? "" : "s"); more observations than parameters are needed"
    case .tooManyInstruments(let n, let k):
      return "\(k) instrument columns (with the exogenous regressors) for \(n) observations: with as many instruments as observations 2SLS is just OLS; select instruments with 'ivreg lasso'"
    case .underidentified(let endogenous, let instruments):
      return "under-identified: \(endogenous) endogenous regressor\(endogenous == 1 ? "" : "s") but only \(instruments) excluded instrument\(instruments == 1 ? "" : "s")"
    case .noRegressors:
      return "the model has no regressors"
    case .notIdentified(let names):
      return "the instruments do not identify \(names.map { "'\($0)'" }.joined(separator: ", ")): its projection on the instruments is collinear with the other regressors"
    case .instrumentsInOLS:
      return "the formula has an IV block [… ~ …]; use IV2SLS for instrumental-variables estimation"
    case .invalidLevel(let level):
      return "confidence level \(level) is not between 0 and 1"
    case .nonFiniteValue(let column, let row, let value):
      return "'\(column)' holds the non-finite value \(value) in row \(row)"
    case .invalidClusters(let why):
      return why
    case .invalidBandwidth(let bandwidth, let n):
      return "kernel bandwidth \(bandwidth) is outside (0, \(n)); it must be positive and less than the number of observations"
    case .kappaUndefined(let why):
      return "unable to estimate kappa: \(why)"
    case .unknownEndogenous(let name, let endogenous):
      return "'\(name)' is not an endogenous regressor (endogenous: \(endogenous.joined(separator: ", ")))"
    case .nonFiniteCovariance:
      return "the covariance of the estimates is not finite: values too large to square (rescale the variables) or, for hc2/hc3, an observation with leverage 1"
    case .singularKClass(let kappa):
      return "the k-class matrix for kappa = \(kappa) is singular"
    case .singularMomentCovariance(let why):
      return why
    case .invalidInitialWeight(let why):
      return why
    case .unsupportedGMMOption(let why):
      return why
    case .dimensionMismatch(let why):
      return why
    case .unsupportedByAbsorption(let why):
      return why
    case .automaticBandwidthUndefined(let n):
      return "the automatic kernel bandwidth is undefined for \(n) observations; give --bandwidth"
    }
  }
}
