/// The highest-density interval of a sample, as ArviZ's `hdi` (unimodal): the narrowest
/// interval between two sorted draws `k = ⌊probability·n⌋` places apart.
public struct HighestDensityInterval: Sendable, Equatable {
  /// The lower end (ArviZ's `hdi_3%` for the default 94 %).
  public let lower: Double
  /// The upper end (`hdi_97%`).
  public let upper: Double

  /// The interval holding `probability` of `draws` (finite values); NaN ends when there are
  /// fewer than two draws or the probability is not in (0, 1).
  public init(_ draws: [Double], probability: Double = 0.94) {
    let sorted = draws.filter(\.isFinite).sorted()
    let n = sorted.count
    guard n >= 2, probability > 0, probability < 1 else {
      lower = .nan
      upper = .nan
      return
    }
    let span = Int((probability * Double(n)).rounded(.down))
    var best = 0
    var narrowest = Double.infinity
    for start in 0..<(n - span) {
      let width = sorted[start + span] - sorted[start]
      if width < narrowest {
        narrowest = width
        best = start
      }
    }
    lower = sorted[best]
    upper = sorted[best + span]
  }

  /// ArviZ's column titles for the ends at `probability`: `hdi_3%` and `hdi_97%` for 0.94.
  public static func labels(probability: Double) -> (lower: String, upper: String) {
    func percent(_ value: Double) -> String {
      let rounded = (value * 1e6).rounded() / 1e6
      return rounded == rounded.rounded() ? String(Int(rounded)) : "\(rounded)"
    }
    return ("hdi_\(percent(50 * (1 - probability)))%", "hdi_\(percent(50 * (1 + probability)))%")
  }
}
