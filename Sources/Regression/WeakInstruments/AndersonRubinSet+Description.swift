extension AndersonRubinSet.Region: CustomStringConvertible {
  /// The set in interval notation: `[1.2, 3.4]`, `(-inf, 1.2] ∪ [3.4, inf)`,
  /// `(-inf, inf)` (unbounded: the instruments carry no information) or `empty`.
  public var description: String {
    func number(_ x: Double) -> String { WeakInstrumentDiagnostics.format(x) }
    switch self {
    case .interval(let lower, let upper): return "[\(number(lower)), \(number(upper))]"
    case .complement(let lower, let upper): return "(-inf, \(number(lower))] ∪ [\(number(upper)), inf)"
    case .wholeLine: return "(-inf, inf)"
    case .empty: return "empty"
    case .intervals(let pieces):
      return pieces.map { "[\(number($0.lower)), \(number($0.upper))]" }.joined(separator: " ∪ ")
    }
  }

  /// "bounded", "two rays", "whole line", "empty" or "union of intervals".
  public var shape: String {
    switch self {
    case .interval: "bounded"
    case .complement: "two rays"
    case .wholeLine: "whole line"
    case .empty: "empty"
    case .intervals: "union of intervals"
    }
  }
}
