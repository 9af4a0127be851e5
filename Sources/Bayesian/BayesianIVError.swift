/// Why a Bayesian IV model cannot be set up or sampled.
public enum BayesianIVError: Error, Equatable, CustomStringConvertible {
  /// The formula does not have exactly one endogenous regressor.
  case endogenousCount(Int)
  /// The formula has no excluded instrument.
  case noInstruments
  /// Too few complete rows for the model's coefficients.
  case tooFewObservations(observations: Int, needed: Int)
  /// A sampler setting is out of range.
  case invalidSetting(name: String, value: String, requirement: String)
  /// A prior's parameter is out of range.
  case invalidPrior(String)
  /// A coefficient prior names a term the model does not have.
  case unknownTerm(String, equation: String, known: [String])
  /// The regressors of an equation are collinear (or a column is not finite).
  case singularDesign(equation: String)
  /// The residuals of the outcome and the treatment are perfectly correlated or constant.
  case degenerateErrors
  /// A draw was not finite: the posterior is improper or the data are extreme.
  case numericalFailure(String)

  public var description: String {
    switch self {
    case .endogenousCount(let count):
      return "Bayesian IV needs exactly one endogenous regressor in brackets, e.g. 'y ~ [t ~ z]'; the formula has \(count)"
    case .noInstruments:
      return "Bayesian IV needs at least one excluded instrument in the brackets"
    case .tooFewObservations(let observations, let needed):
      return "\(observations) complete rows are too few: the model needs at least \(needed)"
    case .invalidSetting(let name, let value, let requirement):
      return "\(name) = \(value) is invalid: \(requirement)"
    case .invalidPrior(let message):
      return "invalid prior: \(message)"
    case .unknownTerm(let term, let equation, let known):
      return "the \(equation) equation has no term '\(term)' (its terms: \(known.joined(separator: ", ")))"
    case .singularDesign(let equation):
      return "the regressors of the \(equation) equation are collinear or not finite"
    case .degenerateErrors:
      return "the residuals of the outcome and the endogenous regressor are constant or perfectly correlated"
    case .numericalFailure(let what):
      return "the sampler produced a non-finite \(what); the posterior may be improper (add priors) or the data extreme"
    }
  }
}
