/// How a cross-validated glmnet path picks its λ (`cv.glmnet`'s `s = "lambda.min"` or
/// `s = "lambda.1se"`).
public enum LambdaRule: Sendable, Equatable {
  /// The largest λ with the smallest mean cross-validated error (`lambda.min`).
  case minimum
  /// The largest λ whose mean error is within one standard error of the minimum's
  /// (`lambda.1se`): a sparser model that is statistically as good.
  case oneStandardError
}
