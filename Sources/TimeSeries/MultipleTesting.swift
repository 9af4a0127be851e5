/// Multiple-testing corrections of a family of p-values, as statsmodels'
/// `multipletests(method=…)` adjusts them (`bonferroni`, `holm`, `fdr_bh`).
public enum MultipleTestingCorrection: String, CaseIterable, Sendable {
  /// No correction.
  case none
  /// `min(1, m·p)`.
  case bonferroni
  /// Holm's step-down: the running maximum of `(m − i)·p₍ᵢ₎` over the sorted p-values (i from 0).
  case holm
  /// Benjamini–Hochberg's false discovery rate: the running minimum from the top of `m·p₍ᵢ₎/(i + 1)`.
  case benjaminiHochberg = "bh"

  /// The adjusted p-values, in the order given. NaN entries (tests that could not be run) stay
  /// NaN and are not counted in the family.
  public func adjust(_ pValues: [Double]) -> [Double] {
    var adjusted = pValues
    let family = pValues.indices.filter { !pValues[$0].isNaN }
    let m = Double(family.count)
    switch self {
    case .none:
      return adjusted
    case .bonferroni:
      for i in family { adjusted[i] = Swift.min(1, pValues[i] * m) }
    case .holm:
      let order = family.sorted { pValues[$0] < pValues[$1] }
      var running = 0.0
      for (rank, i) in order.enumerated() {
        running = Swift.max(running, pValues[i] * (m - Double(rank)))
        adjusted[i] = Swift.min(1, running)
      }
    case .benjaminiHochberg:
      let order = family.sorted { pValues[$0] < pValues[$1] }
      var running = Double.infinity
      for (rank, i) in order.enumerated().reversed() {
        running = Swift.min(running, pValues[i] * m / Double(rank + 1))
        adjusted[i] = Swift.min(1, running)
      }
    }
    return adjusted
  }
}
