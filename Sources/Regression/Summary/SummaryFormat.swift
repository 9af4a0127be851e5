import Foundation

/// Number and text formatting of linearmodels' summaries (`_str`, `pval_format`,
/// Python's `str.center`).
package enum SummaryFormat {
  /// linearmodels' `_str`: 8 spaces for NaN; `%8.4g` for infinities and for
  /// magnitudes with d = ⌈log₁₀|v|⌉ > 4 or ≤ −4; otherwise fixed with 5 − d
  /// decimals (d > 0) or 4 decimals.
  package static func number(_ v: Double) -> String {
    if v.isNaN { return String(repeating: " ", count: 8) }
    if v.isInfinite { return String(format: "%8.4g", v) }
    let magnitude = abs(v)
    let digits = magnitude == 0 ? 0 : Int(ceil(log10(magnitude)))
    if digits > 4 || digits <= -4 { return String(format: "%8.4g", v) }
    return String(format: "%0.\(digits > 0 ? 5 - digits : 4)f", v)
  }

  /// linearmodels' `pval_format`: `%4.4f`, or 8 spaces for NaN.
  package static func pValue(_ v: Double) -> String {
    v.isNaN ? String(repeating: " ", count: 8) : String(format: "%4.4f", v)
  }

  /// Python's `str.center`: the extra space of an odd margin goes left when
  /// the width is odd.
  package static func center(_ s: String, width: Int) -> String {
    let margin = width - s.count
    guard margin > 0 else { return s }
    let left = margin / 2 + (margin & width & 1)
    return String(repeating: " ", count: left) + s + String(repeating: " ", count: margin - left)
  }

  package static func padLeft(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
  }

  package static func padRight(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
