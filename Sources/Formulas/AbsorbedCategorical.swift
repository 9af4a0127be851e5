public import Tabular

/// The intercept and one categorical main effect of a model, kept as a group code per row
/// instead of dummy columns.
///
/// Their columns span the indicators of the groups, so a model can be fitted on the other
/// columns' deviations from their group means (Frisch–Waugh–Lovell) and the absorbed
/// parameters recovered from group means: `Intercept` is the reference group's constant and
/// `C(g)[T.b]` group b's constant minus it (treatment coding); with full coding
/// (`0 + C(g)`) each `C(g)[b]` is group b's constant. Without a categorical term only the
/// intercept is absorbed (one group).
public struct AbsorbedCategorical: Sendable {
  /// Where each exogenous parameter comes from, in the model's parameter order.
  public enum Slot: Sendable, Equatable {
    /// The intercept.
    case intercept
    /// The dummy (or, in full coding, the indicator) of a level of the absorbed factor.
    case level(Int)
    /// The next column of the non-absorbed design.
    case dense
  }

  /// The absorbed factor's name (`C(g)`), or nil when only the intercept is absorbed.
  public let factorName: String?
  /// The groups: the factor's levels present in the used rows, or `["1"]` for the intercept alone.
  public let levels: [String]
  /// The group of each used row (0..<levels.count).
  public let codes: [Int32]
  /// The level the intercept stands for under treatment coding; nil for full coding or
  /// without a factor.
  public let reference: Int?
  /// Whether the model has an intercept.
  public let hasIntercept: Bool
  /// Whether the formula names the reference level (`C(g, Treatment('b'))`) rather than
  /// taking the first.
  public let hasExplicitReference: Bool
  /// Whether the levels are numbers (ordered by value) rather than labels (ordered as text).
  public let hasNumericLevels: Bool

  /// The number of groups.
  public var groupCount: Int { levels.count }

  /// The name of a level's column, as formulaic writes it: `C(g)[T.b]` under treatment
  /// (reduced) coding, `C(g)[b]` in full coding.
  public static func dummyName(factor: String, label: String, reduced: Bool) -> String {
    reduced ? "\(factor)[T.\(label)]" : "\(factor)[\(label)]"
  }

  /// Creates the description of an absorbed intercept and factor.
  public init(
    factorName: String?, levels: [String], codes: [Int32], reference: Int?, hasIntercept: Bool,
    hasExplicitReference: Bool = false, hasNumericLevels: Bool = false
  ) {
    self.factorName = factorName
    self.levels = levels
    self.codes = codes
    self.reference = reference
    self.hasIntercept = hasIntercept
    self.hasExplicitReference = hasExplicitReference
    self.hasNumericLevels = hasNumericLevels
  }
}

/// What the design builder records while absorbing (internal to Formulas).
struct AbsorbedColumns: Sendable {
  struct Factor: Sendable {
    let name: String
    let labels: [String]
    let codes: [Int32]
    let reference: Int?
    let explicitReference: Bool
    let numericLevels: Bool
  }
  var hasIntercept = false
  var factor: Factor?
  var slots: [AbsorbedCategorical.Slot] = []
  var names: [String] = []
}

/// A model's design with its intercept and first categorical main effect absorbed:
/// ``design`` holds the other columns (no intercept, no dummies) and ``absorbed`` the group
/// of every row. Used to fit large models without materialising dummy columns.
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "workload.csv")
/// let absorbing = try AbsorbingDesign(formula: Formula("y ~ x + C(g) + [t ~ z]"), data: data)
/// absorbing?.absorbed.groupCount     // the levels of g
/// absorbing?.exogenousNames          // ["Intercept", "x", "C(g)[T.b]", …]
/// ```
public struct AbsorbingDesign: Sendable {
  /// The columns that are not absorbed (exogenous ones without intercept and dummies).
  public let design: DesignMatrices
  /// The absorbed intercept and factor.
  public let absorbed: AbsorbedCategorical
  /// Every exogenous parameter's name, in the order the full design would have.
  public let exogenousNames: [String]
  /// Where each of ``exogenousNames`` comes from.
  public let exogenousSlots: [AbsorbedCategorical.Slot]

  /// Builds the design, or returns nil when there is nothing to absorb (no intercept and
  /// no categorical main effect among the exogenous terms).
  ///
  /// - Throws: ``FormulaError`` exactly as ``DesignMatrices/init(formula:data:)``.
  public init?(formula: Formula, data: DataTable) throws(FormulaError) {
    var record: AbsorbedColumns? = AbsorbedColumns()
    let design = try DesignMatrices(formula: formula, data: data, absorbing: &record)
    guard let record, record.hasIntercept || record.factor != nil else { return nil }
    let n = design.observationCount
    if let factor = record.factor {
      absorbed = AbsorbedCategorical(
        factorName: factor.name, levels: factor.labels, codes: factor.codes, reference: factor.reference,
        hasIntercept: record.hasIntercept, hasExplicitReference: factor.explicitReference,
        hasNumericLevels: factor.numericLevels)
    } else {
      absorbed = AbsorbedCategorical(
        factorName: nil, levels: ["1"], codes: [Int32](repeating: 0, count: n), reference: 0, hasIntercept: true)
    }
    self.design = design
    self.exogenousNames = record.names
    self.exogenousSlots = record.slots
  }

  /// Parameter names, exogenous then endogenous, as the full design's ``DesignMatrices/regressorNames``.
  public var regressorNames: [String] { exogenousNames + design.endogenousNames }
}
