import Penalized

/// One endogenous regressor's cross-validated selection.
struct CrossValidatedChoice {
  let path: CrossValidatedPath
  let selected: [Int]
  let lambda: Double
  let rule: String
}

extension LassoInstrumentSelector {
  /// `cv.glmnet` of one endogenous regressor on the candidates (plus the unpenalised
  /// controls, when kept), and the candidates with a non-zero coefficient at the chosen λ.
  func crossValidate(
    input: SelectionData, response: [Double], settings: CrossValidatedSelection, folds: FoldIDs, name: String,
    progress: (@Sendable (Int, Int) -> Void)?
  ) throws -> CrossValidatedChoice {
    var options = settings.options
    options.fitIntercept = input.hasConstant
    if let factors = input.penaltyFactors { options.penaltyFactors = factors }
    let cv = GlmnetCrossValidation(options: options)
    let path: CrossValidatedPath
    let foldCount: Int
    do {
      switch folds {
      case .random(let k, let seed):
        path = try cv.fit(input.x, response, folds: k, seed: seed, progress: progress)
        foldCount = k
      case .explicit(let ids):
        path = try cv.fit(input.x, response, foldIDs: ids, progress: progress)
        foldCount = Set(ids).count
      }
    } catch {
      throw InstrumentSelectionError.lasso("cross-validated LASSO of \(name): \(error)")
    }
    let rule: LambdaRule = settings.penalty == .minimum ? .minimum : .oneStandardError
    let selected = path.selectedColumns(rule).filter { $0 < input.candidateCount }
    let ruleName = settings.penalty == .minimum ? "lambda.min" : "lambda.1se"
    return CrossValidatedChoice(
      path: path, selected: selected, lambda: path.lambda(rule),
      rule: "\(ruleName) of \(foldCount)-fold cross-validation")
  }
}
