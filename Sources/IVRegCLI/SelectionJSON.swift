import Penalized
import Regression
import SparseIV

/// The `instrument_selection` member of the JSON output (see `Documentation/CLI.md`).
enum SelectionJSON {
  static func value(_ outcome: InstrumentSelectionOutcome, fitted: InstrumentSelectionReport? = nil) -> JSONValue {
    let report = fitted ?? outcome.report
    let selections: [JSONValue] = report.selections.enumerated().map { index, s in
      var members: [(String, JSONValue)] = [
        ("endogenous", .string(s.endogenous)), ("selected", .array(s.selected.map { .string($0) })),
        ("lambda", .number(s.lambda)), ("penalty_rule", .string(s.penaltyRule)),
      ]
      if let f = s.firstStageF {
        members.append(("post_lasso_f", .object([
          ("statistic", .number(f.statistic)), ("pvalue", .number(f.pValue)),
          ("distribution", .string(f.distribution.name)),
          ("robust_wald_over_k", s.robustFirstStageF.map { .number($0) } ?? .null),
        ])))
      } else {
        members.append(("post_lasso_f", .null))
      }
      if index < outcome.crossValidation.count {
        let path = outcome.crossValidation[index]
        members.append(("cross_validation", .object([
          ("lambdas", .array(path.lambdas.map { .number($0) })),
          ("cvm", .array(path.meanErrors.map { .number($0) })),
          ("cvsd", .array(path.standardErrors.map { .number($0) })),
          ("lambda_min", .number(path.lambdaMin)), ("lambda_1se", .number(path.lambdaOneStandardError)),
        ])))
      }
      if index < outcome.plugIn.count {
        let fit = outcome.plugIn[index]
        members.append(("plug_in", .object([
          ("lambda0", .number(fit.lambda0)), ("c", .number(fit.c)), ("gamma", .number(fit.gamma)),
          ("iterations", .integer(fit.iterations)),
        ])))
      }
      return .object(members)
    }
    return .object([
      ("method", .string(report.method)), ("controls", .string(report.controls)),
      ("lambda", selections.count == 1 ? .number(report.selections[0].lambda) : .null),
      ("candidates", .array(report.candidates.map { .string($0) })),
      ("selected", .array(report.selected.map { .string($0) })),
      ("per_endogenous", .array(selections)),
      ("effective_f", report.effectiveF.map { .number($0) } ?? .null),
      ("sup_score_set", report.supScoreSet.map { region in
        .array(region.intervals.map { .array([.number($0.lower), .number($0.upper)]) })
      } ?? .null),
    ])
  }
}
