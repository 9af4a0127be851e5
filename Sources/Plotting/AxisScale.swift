#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The horizontal axis: a finite, non-empty domain padded around the data and "nice"
/// ticks (multiples of 1, 2 or 5 × 10^k) inside it.
struct AxisScale {
  /// A tick: its exact decimal value, the nearest `Double` and its label.
  struct Tick {
    var decimal: DecimalNumber
    var value: Double
    var label: String
  }

  /// The domain's lower end (finite, below `upper`).
  var lower: Double
  /// The domain's upper end (finite, above `lower`).
  var upper: Double
  /// The ticks, ascending, all within `[lower, upper]`.
  var ticks: [Tick]

  /// The fraction of the way from `lower` to `upper` at which `value` lies, clamped to
  /// `[0, 1]`; halves avoid overflow when the domain spans most of the `Double` range.
  func fraction(_ value: Double) -> Double {
    let numerator = value / 2 - lower / 2
    let denominator = upper / 2 - lower / 2
    let fraction = numerator / denominator
    guard fraction.isFinite else { return 0.5 }
    return min(max(fraction, 0), 1)
  }

  /// The padded domain around the data values `values` (non-finite values ignored).
  ///
  /// The domain extends 5 % of the data's span beyond each end, like ggplot2. A span that
  /// is zero or negligible next to the values' magnitude (all estimates equal) is widened
  /// to ±10 % of the value (±1 around zero), and every result is clamped to the finite range.
  static func domain(of values: [Double]) -> (lower: Double, upper: Double) {
    let finite = values.filter(\.isFinite)
    guard let smallest = finite.min(), let largest = finite.max() else { return (-1, 1) }
    let largestFinite = Double.greatestFiniteMagnitude
    var lower = smallest
    var upper = largest
    let halfSpan = upper / 2 - lower / 2
    let magnitude = max(lower.magnitude, upper.magnitude)
    if !(halfSpan > magnitude * 1e-9) || halfSpan < 1e-290 {
      let centre = lower / 2 + upper / 2
      let halfWidth = max(centre.magnitude * 0.1, halfSpan * 2, 1e-290)
      let width = centre == 0 && halfSpan < 1e-290 ? 1 : halfWidth
      lower = max(centre - width, -largestFinite)
      upper = min(centre + width, largestFinite)
    } else {
      let pad = halfSpan * 0.1
      lower = max(lower - pad, -largestFinite)
      upper = min(upper + pad, largestFinite)
    }
    if !(lower < upper) || !lower.isFinite || !upper.isFinite { return (-1, 1) }
    return (lower, upper)
  }

  /// The multiples of `multiple × 10^exponent` within `[lower, upper]`, or `nil` when the
  /// step is not a positive finite number or gives more than 100 ticks.
  static func ticks(lower: Double, upper: Double, multiple: Int, exponent: Int) -> [Tick]? {
    let step = DecimalNumber(mantissa: multiple, exponent: exponent).doubleValue
    guard step.isFinite, step > 0, lower < upper else { return nil }
    let first = (lower / step).rounded(.up)
    let last = (upper / step).rounded(.down)
    guard first.isFinite, last.isFinite, first.magnitude < 1e15, last.magnitude < 1e15,
      last - first <= 100
    else { return nil }
    var decimals: [DecimalNumber] = []
    var k = Int(first)
    while k <= Int(last) {
      let decimal = DecimalNumber(mantissa: k * multiple, exponent: exponent)
      let value = decimal.doubleValue
      if value.isFinite, value >= lower, value <= upper { decimals.append(decimal) }
      k += 1
    }
    let labels = NumberFormat.tickLabels(decimals)
    return zip(decimals, labels).map { Tick(decimal: $0, value: $0.doubleValue, label: $1) }
  }

  /// The scale for `values` on an axis `length` pixels long.
  ///
  /// Candidate steps are 1, 2 and 5 × 10^k around the span divided by the wanted number
  /// of ticks (about one per 110 px on a horizontal axis and one per 70 px on a vertical
  /// one, 4 to 8); the chosen step gives the tick count nearest to that number (two ticks
  /// count as further) among those whose labels, in `fontSize`-pixel text, do not crowd
  /// each other (ties go to the larger step). Labels stacked on a `vertical` axis crowd
  /// when their spacing is under two lines of text; side by side, when it is under their
  /// width plus one em.
  init(values: [Double], length: Double, fontSize: Double, vertical: Bool = false) {
    let (lower, upper) = AxisScale.domain(of: values)
    self.lower = lower
    self.upper = upper
    let wanted = min(max(Int((length / (vertical ? 70 : 110)).rounded()) + 1, 4), 8)
    let halfSpan = upper / 2 - lower / 2
    let rawStep = halfSpan / (Double(wanted) / 2)
    let logarithm = log10(rawStep).rounded(.down)
    var best: (ticks: [Tick], score: Int)?
    var sparsest: [Tick]?
    if rawStep.isFinite, rawStep > 0, logarithm.isFinite, logarithm > -300, logarithm < 308 {
      let centre = Int(logarithm)
      // Ascending steps, so that on a tie the later (larger) step wins.
      for exponent in (centre - 1)...(centre + 1) {
        for multiple in [1, 2, 5] {
          guard let ticks = AxisScale.ticks(lower: lower, upper: upper, multiple: multiple, exponent: exponent),
            !ticks.isEmpty
          else { continue }
          sparsest = ticks
          guard ticks.count >= 2 else { continue }
          let widest = ticks.map { TextMetrics.width(of: $0.label, fontSize: fontSize) }.max() ?? 0
          let spacing = (ticks[1].value / 2 - ticks[0].value / 2) / halfSpan * length
          guard spacing >= (vertical ? 2 * fontSize : widest + fontSize) else { continue }
          // Two ticks barely make a scale: prefer more when they fit.
          let score = abs(ticks.count - wanted) + (ticks.count == 2 ? 2 : 0)
          if let current = best, current.score < score { continue }
          best = (ticks, score)
        }
      }
    }
    if let ticks = best?.ticks ?? sparsest {
      self.ticks = ticks
    } else {
      // No nice step (a pathological domain): label the ends.
      self.ticks = [lower, upper].map { value in
        Tick(
          decimal: DecimalNumber(value, significantDigits: 5) ?? DecimalNumber(mantissa: 0, exponent: 0),
          value: value, label: NumberFormat.significant(value))
      }
    }
  }
}
