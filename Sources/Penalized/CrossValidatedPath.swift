/// A cross-validated glmnet lasso path (what `cv.glmnet` returns): the full-data path, the
/// cross-validated error at each of its λ, and the λ chosen by the minimum and one-standard-
/// error rules.
///
/// Indices are zero-based (R's `index` minus 1).
public struct CrossValidatedPath: Sendable, Equatable {
  /// The fit on all rows (`glmnet.fit`); its λ are the ones cross-validated.
  public let path: GlmnetPath
  /// The mean cross-validated squared error at each λ (`cvm`).
  public let meanErrors: [Double]
  /// The estimated standard error of ``meanErrors`` (`cvsd`).
  public let standardErrors: [Double]
  /// The position of `lambda.min`: the largest λ with the smallest mean error.
  public let indexMin: Int
  /// The position of `lambda.1se`: the largest λ whose mean error is at most
  /// `meanErrors[indexMin] + standardErrors[indexMin]`.
  public let indexOneStandardError: Int
  /// The fold label of every row, as used.
  public let foldIDs: [Int]
  /// Each fold's own path, fitted on its training rows (with its own λ grid), in
  /// increasing fold label.
  public let foldPaths: [GlmnetPath]

  /// Creates a result from its parts.
  public init(
    path: GlmnetPath, meanErrors: [Double], standardErrors: [Double], indexMin: Int, indexOneStandardError: Int,
    foldIDs: [Int], foldPaths: [GlmnetPath]
  ) {
    self.path = path
    self.meanErrors = meanErrors
    self.standardErrors = standardErrors
    self.indexMin = indexMin
    self.indexOneStandardError = indexOneStandardError
    self.foldIDs = foldIDs
    self.foldPaths = foldPaths
  }

  /// The λ values cross-validated, decreasing (`lambda`, = `path.lambdas`).
  public var lambdas: [Double] { path.lambdas }
  /// `lambda.min`.
  public var lambdaMin: Double { path.lambdas[indexMin] }
  /// `lambda.1se`.
  public var lambdaOneStandardError: Double { path.lambdas[indexOneStandardError] }
  /// `cvup = cvm + cvsd`.
  public var upperCurve: [Double] { zip(meanErrors, standardErrors).map { $0 + $1 } }
  /// `cvlo = cvm − cvsd`.
  public var lowerCurve: [Double] { zip(meanErrors, standardErrors).map { $0 - $1 } }
  /// The number of non-zero coefficients at each λ (`nzero`).
  public var nonzeroCounts: [Int] { path.degreesOfFreedom }

  /// The position on the path the rule picks.
  public func index(_ rule: LambdaRule) -> Int {
    switch rule {
    case .minimum: indexMin
    case .oneStandardError: indexOneStandardError
    }
  }

  /// The λ the rule picks.
  public func lambda(_ rule: LambdaRule) -> Double { path.lambdas[index(rule)] }

  /// The coefficients at the rule's λ on the original scale, without the intercept
  /// (`coef(cvfit, s = …)[-1]`; the λ is on the path, so nothing is interpolated).
  public func coefficients(_ rule: LambdaRule) -> [Double] { path.coefficients[index(rule)] }

  /// The intercept at the rule's λ.
  public func intercept(_ rule: LambdaRule) -> Double { path.intercepts[index(rule)] }

  /// The zero-based columns with a non-zero coefficient at the rule's λ
  /// (`predict(cvfit, s = …, type = "nonzero")` minus 1), unpenalised columns included.
  public func selectedColumns(_ rule: LambdaRule) -> [Int] {
    let c = coefficients(rule)
    return c.indices.filter { c[$0] != 0 }
  }
}
