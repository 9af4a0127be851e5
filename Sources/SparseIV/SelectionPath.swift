import Formulas
import LinearAlgebra
import Regression
public import Penalized

/// The LASSO path behind one endogenous regressor's selection, for plots: the
/// coefficients of the candidates along a decreasing λ grid, the λ that selected, and
/// (cross-validation) the error curve.
public struct SelectionPath: Sendable {
  /// The endogenous regressor.
  public let endogenous: String
  /// The λ grid, decreasing (glmnet's scale).
  public let lambdas: [Double]
  /// One row per λ, one entry per candidate.
  public let coefficients: [[Double]]
  /// The candidates' names.
  public let candidates: [String]
  /// The λ of the selection, on the same scale.
  public let chosenLambda: Double
  /// "lambda.min", "lambda.1se" or "plug-in".
  public let rule: String
  /// The cross-validation behind it (cross-validated selections only).
  public let crossValidation: CrossValidatedPath?
}

extension InstrumentSelectionOutcome {
  /// The paths of every endogenous regressor. A cross-validated selection returns its
  /// full-data path; a plug-in selection computes the glmnet path with the final
  /// plug-in penalty loadings as penalty factors (unstandardised, controls partialled
  /// out), on which the plug-in solution is the point `λ = mean(λ_j)/(2n)`.
  ///
  /// - Throws: ``InstrumentSelectionError/lasso(_:)`` when a path cannot be computed.
  public func paths() throws -> [SelectionPath] {
    let design = candidateDesign
    let p = design.instruments.columns
    if !crossValidation.isEmpty {
      return crossValidation.enumerated().map { j, cv in
        let rule = report.selections[j].penaltyRule.hasPrefix("lambda.1se") ? "lambda.1se" : "lambda.min"
        return SelectionPath(
          endogenous: design.endogenousNames[j], lambdas: cv.lambdas,
          coefficients: cv.path.coefficients.map { Array($0.prefix(p)) }, candidates: design.instrumentNames,
          chosenLambda: report.selections[j].lambda, rule: rule, crossValidation: cv)
      }
    }
    let input = try SelectionData(design: design, partialOut: true)
    let n = Double(design.observationCount)
    return try plugIn.enumerated().map { j, fit in
      let penalties = fit.finalPenalties
      // glmnet rescales the factors to sum to p, counting excluded columns (zero plug-in
      // penalty: constant after partialling) as 1, so the plug-in solution sits at
      // λ = (Σ live penalties + excluded count) / (p · 2n).
      let live = penalties.filter { $0 > 0 }
      let excluded = penalties.count - live.count
      let chosen = (live.reduce(0, +) + Double(excluded)) / (Double(max(penalties.count, 1)) * 2 * n)
      let factors = penalties.map { $0 > 0 ? $0 : Double.infinity }
      let options = GlmnetOptions(standardize: false, fitIntercept: input.hasConstant, penaltyFactors: factors)
      let path: GlmnetPath
      do { path = try GlmnetLasso(options: options).fit(input.x, input.responses[j]) } catch {
        throw InstrumentSelectionError.lasso("LASSO path of \(design.endogenousNames[j]): \(error)")
      }
      return SelectionPath(
        endogenous: design.endogenousNames[j], lambdas: path.lambdas, coefficients: path.coefficients,
        candidates: design.instrumentNames, chosenLambda: chosen, rule: "plug-in", crossValidation: nil)
    }
  }
}
