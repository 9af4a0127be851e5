/// How the covariance of the parameter estimates is computed.
///
/// linearmodels' definitions (`cov_type`), all evaluated with the projected
/// regressors X̂ = P_Z X (X itself for OLS):
/// - ``unadjusted``: σ̂²(X̂ᵀX̂)⁻¹ with σ̂² = eᵀe/n (homoskedastic).
/// - ``robust``: (X̂ᵀX̂)⁻¹(Σ eᵢ² x̂ᵢx̂ᵢᵀ)(X̂ᵀX̂)⁻¹, White's HC0.
///
/// Either is scaled by n/(n−k) when the fit is `debiased`, which also switches
/// inference from normal/χ² to t/F.
public enum CovarianceEstimator: String, Sendable, Equatable, CaseIterable {
  /// Homoskedastic errors.
  case unadjusted
  /// Heteroskedasticity-robust (HC0); linearmodels' default.
  case robust

  /// The line the summary footer prints for this estimator.
  var summaryDescription: String {
    switch self {
    case .unadjusted: "Unadjusted Covariance (Homoskedastic)"
    case .robust: "Robust Covariance (Heteroskedastic)"
    }
  }
}
