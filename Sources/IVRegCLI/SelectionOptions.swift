import Penalized
import SparseIV

/// The LASSO instrument-selection options of `lasso` and `fit --select-instruments`.
struct SelectionOptions: Equatable {
  /// "cv" or "plugin".
  var method = "cv"
  var folds: Int?
  var foldColumn: String?
  var seed: UInt64 = 1
  var lambda: PenaltyChoice?
  var controls: ControlTreatment = .partialledOut

  /// The option names this type reads (the method option itself excluded).
  static let settingNames: Set = ["--folds", "--fold-column", "--seed", "--lambda", "--controls"]

  /// Reads one setting.
  mutating func set(_ name: String, _ value: String, display: String) throws(CommandLineError) {
    switch name {
    case "--select", "--select-instruments":
      guard ["cv", "plugin"].contains(value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: ["cv", "plugin"])
      }
      method = value.lowercased()
    case "--folds":
      guard let k = Int(value), k >= 3 else { throw .invalidValue(value, option: display, allowed: nil) }
      folds = k
    case "--fold-column":
      guard !value.isEmpty else { throw .invalidValue(value, option: display, allowed: nil) }
      foldColumn = value
    case "--seed":
      guard let seed = UInt64(value) else { throw .invalidValue(value, option: display, allowed: nil) }
      self.seed = seed
    case "--lambda":
      guard let rule = PenaltyChoice(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: PenaltyChoice.allCases.map(\.rawValue))
      }
      lambda = rule
    case "--controls":
      switch value.lowercased() {
      case "partial": controls = .partialledOut
      case "unpenalized", "unpenalised": controls = .unpenalized
      default: throw .invalidValue(value, option: display, allowed: ["partial", "unpenalized"])
      }
    default:
      break
    }
  }

  /// Throws when settings contradict the method.
  func validate(seedGiven: Bool, controlsGiven: Bool = false) throws(CommandLineError) {
    if folds != nil && foldColumn != nil {
      throw .conflictingOptions("'--folds' and '--fold-column' cannot be used together")
    }
    if seedGiven && foldColumn != nil {
      throw .conflictingOptions("'--seed' draws folds; with '--fold-column' the folds are read from the data")
    }
    if method == "plugin" {
      let cvOnly = [
        ("--folds", folds != nil), ("--fold-column", foldColumn != nil), ("--lambda", lambda != nil), ("--seed", seedGiven),
        ("--controls unpenalized", controlsGiven && controls == .unpenalized),
      ]
      if let (name, _) = cvOnly.first(where: { $0.1 }) {
        throw .conflictingOptions("'\(name)' applies to cross-validation ('--select cv'), not to the plug-in LASSO")
      }
    }
  }

  /// The library's selection.
  var instrumentSelection: InstrumentSelection {
    if method == "plugin" { return .plugIn() }
    let assignment: FoldAssignment = foldColumn.map { .column($0) } ?? .random(folds: folds ?? 10, seed: seed)
    return .lassoCV(CrossValidatedSelection(folds: assignment, penalty: lambda ?? .minimum))
  }
}
