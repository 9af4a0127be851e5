import Formulas
import LinearAlgebra
import Foundation

extension RegressionResults {
  /// A fit whose parameter covariance was computed by the estimator (IVGMM).
  init(
    method: String, design: DesignMatrices, fit: LinearFit, covariance: ResolvedCovariance,
    covarianceMatrix: Matrix, debiased: Bool, gmm: GMMResults?
  ) {
    self.method = method
    self.design = design
    self.fit = fit
    self.absorbed = nil
    self.estimates = FitEstimates(fit, names: design.regressorNames)
    self.covarianceEstimator = covariance.estimator
    self.resolvedCovariance = covariance
    self.debiased = debiased
    self.fitDate = Date()
    self.covariance = covarianceMatrix
    self.stdErrors = covarianceMatrix.diagonal.map { $0 >= 0 ? $0.squareRoot() : .nan }
    self.gmm = gmm
  }

  /// linearmodels' `IVGMMCovariance` description for the summary footer, nil
  /// unless the fit is GMM: "GMM Covariance", "Debiased: …", then the covariance
  /// type (with the number of clusters, or the kernel and its bandwidth).
  var gmmCovarianceFooter: [String]? {
    guard gmm != nil else { return nil }
    var lines = ["GMM Covariance", "Debiased: " + (debiased ? "True" : "False")]
    switch resolvedCovariance.kind {
    case .unadjusted: lines.append("Unadjusted (Homoskedastic)")
    case .heteroskedastic: lines.append("Robust (Heteroskedastic)")
    case .clustered(let groups):
      lines += ["Clustered (One-way)", "Num Clusters: \(groups.counts.first ?? 0)"]
    case .kernel(let kernel, let bandwidth, _):
      lines += ["Kernel (HAC)", "Kernel: \(kernel.rawValue)"]
      if bandwidth != 0 {
        let text = bandwidth == bandwidth.rounded() && abs(bandwidth) < 1e15 ? String(Int64(bandwidth)) : "\(bandwidth)"
        lines.append("Bandwidth: " + text)
      }
    }
    return lines
  }
}
