public import Formulas
import LinearAlgebra
public import Tabular

/// Limited-information maximum likelihood and the κ-class family, matching
/// linearmodels 7.1's `IVLIML`.
///
/// β(κ) = [(1−κ)XᵀX + κX̂ᵀX̂]⁻¹[(1−κ)Xᵀy + κX̂ᵀy]. LIML's κ̂ is the smallest
/// eigenvalue of W^{-1/2}W₁W^{-1/2}, W = EᵀM_Z E, W₁ = EᵀM_{X₁}E with
/// E = [y, endogenous]; Fuller(α) uses κ̂ − α/(n − |Z|); a given κ replaces κ̂
/// (κ = 1 is 2SLS, κ = 0 OLS). Covariances use the κ-class bread with scores
/// from X̂ = P_Z X, as linearmodels.
///
/// ```swift
/// let liml = try IVLIML(formula: "y ~ x1 + [x2 ~ z1 + z2]", data: data).fit(covariance: .unadjusted)
/// liml.kappa      // 1.00356…
/// let fuller = try IVLIML(formula: "y ~ x1 + [x2 ~ z1 + z2]", data: data, fuller: 1).fit()
/// ```
public struct IVLIML: Sendable {
  /// The model's inputs.
  public let design: DesignMatrices
  /// Fuller's α (0 for plain LIML).
  public let fuller: Double
  /// A fixed κ replacing the LIML estimate, if given.
  public let kappa: Double?
  let table: DataTable?

  /// A model from a formula.
  ///
  /// - Throws: ``FormulaError`` for formula or data problems.
  public init(formula: String, data: DataTable, fuller: Double = 0, kappa: Double? = nil) throws {
    self.design = try DesignMatrices(formula: Formula(formula), data: data)
    self.table = data
    self.fuller = fuller
    self.kappa = kappa
  }

  /// A model from design matrices.
  ///
  /// - Throws: ``ModelError/underidentified(endogenous:instruments:)``.
  /// `data` is the table the design was built from, needed only to read cluster
  /// columns (`.clustered(["firm"])`); without it, clusters are given as ids.
  public init(design: DesignMatrices, data: DataTable? = nil, fuller: Double = 0, kappa: Double? = nil) throws(ModelError) {
    guard design.instruments.columns >= design.endogenous.columns else {
      throw .underidentified(endogenous: design.endogenous.columns, instruments: design.instruments.columns)
    }
    self.design = design
    self.table = data
    self.fuller = fuller
    self.kappa = kappa
  }

  /// linearmodels' method name: `IV-LIML`, `IV-LIML(fuller(alpha=1))`, `IV-LIML(kappa=0.5)`.
  public var method: String {
    var additional: [String] = []
    if fuller != 0 { additional.append("fuller(alpha=\(Self.pythonNumber(fuller)))") }
    if let kappa { additional.append("kappa=\(Self.pythonNumber(kappa))") }
    return additional.isEmpty ? "IV-LIML" : "IV-LIML(" + additional.joined(separator: ", ") + ")"
  }

  /// Estimates the model.
  ///
  /// - Throws: ``ModelError`` for collinear regressors or instruments, n ≤ k,
  ///   unidentified endogenous regressors, or a κ̂ that cannot be estimated.
  public func fit(covariance: CovarianceEstimator = .robust, debiased: Bool = false) throws(ModelError) -> RegressionResults {
    let n = design.observationCount
    let instrumentCount = design.exogenous.columns + design.instruments.columns
    let kClass: KClass = kappa.map { .fixed($0 - fuller / Double(n - instrumentCount)) } ?? .liml(fuller: fuller)
    return try KClassEstimation.fit(
      design: design, table: table, kClass: kClass, method: method, covariance: covariance, debiased: debiased)
  }

  /// A number as Python's `str` prints it when it is integral and given as an int (1, not 1.0).
  private static func pythonNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }
}
