import LinearAlgebra

extension LinearFit {
  /// The 2SLS fit `base` (its checks, QRs, X̂ and bread kept) with the GMM estimate
  /// `params` and its residuals e = y − Xβ in place of the 2SLS ones.
  init(gmmParams params: [Double], of base: LinearFit) {
    self.y = base.y
    self.x = base.x
    self.xQR = base.xQR
    self.zQR = base.zQR
    self.xHat = base.xHat
    self.xHatInverseGram = base.xHatInverseGram
    self.bread = base.bread
    self.kappa = base.kappa
    self.exogenousCount = base.exogenousCount
    self.params = params
    self.residuals = Vector.subtracting(base.y, base.x.multiplied(by: params))
  }
}
