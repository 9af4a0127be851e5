import Penalized

/// One endogenous regressor's cross-validated selection.
struct CrossValidatedChoice {
  let path: CrossValidatedPath
  let selected: [Int]
  let lambda: Double
  let rule: String
}

extension LassoInstrumentSelector {
  func crossValidate(
    input: SelectionData, response: [Double], settings: CrossValidatedSelection, folds: FoldIDs, name: String,
    progress: (@Sendable (Int, Int) -> Void)?
  ) throws -> CrossValidatedChoice {
    throw InstrumentSelectionError.lasso("cross-validated selection is not available in this build")
  }
}

/// Placeholder until the cross-validation lands.
public struct CrossValidatedPath: Sendable {
  public var lambdas: [Double] { [] }
  public var meanErrors: [Double] { [] }
  public var standardErrors: [Double] { [] }
  public var lambdaMin: Double { 0 }
  public var lambdaOneStandardError: Double { 0 }
}
