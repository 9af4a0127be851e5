import Foundation

/// A table like ArviZ's `az.summary`: one row per sampled quantity.
public struct PosteriorSummary: Sendable, CustomStringConvertible {
  /// One quantity's summary.
  public struct Row: Sendable, Equatable {
    /// The quantity's name.
    public let name: String
    /// The posterior mean over all chains.
    public let mean: Double
    /// The posterior standard deviation (denominator draws − 1).
    public let standardDeviation: Double
    /// The highest-density interval.
    public let interval: HighestDensityInterval
    /// The bulk effective sample size (``ConvergenceDiagnostics/bulkEffectiveSampleSize(_:)``).
    public let bulkEffectiveSampleSize: Double
    /// The rank-normalised split R̂ (``ConvergenceDiagnostics/rankNormalizedSplitRHat(_:)``).
    public let rHat: Double

    /// The summary of `chains` (one array of draws per chain).
    public init(name: String, chains: [[Double]], hdiProbability: Double) {
      self.name = name
      let pooled = chains.flatMap { $0 }
      let n = Double(pooled.count)
      let mean = pooled.reduce(0, +) / n
      self.mean = mean
      standardDeviation = (pooled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
      interval = HighestDensityInterval(pooled, probability: hdiProbability)
      bulkEffectiveSampleSize = ConvergenceDiagnostics.bulkEffectiveSampleSize(chains)
      rHat = ConvergenceDiagnostics.rankNormalizedSplitRHat(chains)
    }
  }

  /// The probability of the intervals.
  public let hdiProbability: Double
  /// The rows, in the fit's parameter order.
  public let rows: [Row]

  /// The row of `name`.
  public subscript(name: String) -> Row? { rows.first { $0.name == name } }

  /// The column titles: `mean`, `sd`, `hdi_3%`, `hdi_97%`, `ess_bulk`, `r_hat` (for 94 %).
  public var columnTitles: [String] {
    let (lower, upper) = HighestDensityInterval.labels(probability: hdiProbability)
    return ["mean", "sd", lower, upper, "ess_bulk", "r_hat"]
  }

  /// A row's cells as ArviZ prints them: three decimals, whole effective sample sizes and
  /// two-decimal R̂.
  public static func cells(_ row: Row) -> [String] {
    [
      format(row.mean, "%.3f"), format(row.standardDeviation, "%.3f"), format(row.interval.lower, "%.3f"),
      format(row.interval.upper, "%.3f"), format(row.bulkEffectiveSampleSize.rounded(), "%.0f"),
      format(row.rHat, "%.2f"),
    ]
  }

  static func format(_ value: Double, _ pattern: String) -> String {
    guard value.isFinite else { return "NaN" }
    let text = String(format: pattern, value)
    // "-0.000" reads as a sign error; ArviZ (pandas) prints it too, but a plain 0 is clearer.
    return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
  }

  /// The table as fixed-width text.
  public var description: String {
    let header = [""] + columnTitles
    let body = rows.map { [$0.name] + Self.cells($0) }
    let widths = (0..<header.count).map { c in ([header] + body).map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return c == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    return ([line(header)] + body.map(line)).joined(separator: "\n")
  }
}
