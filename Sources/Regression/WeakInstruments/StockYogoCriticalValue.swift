/// One Stock–Yogo (2005) critical value for the Cragg–Donald F statistic.
///
/// Reject the null "instruments are weak" at the 5% level when F_CD exceeds
/// ``criticalValue``. For ``Criterion/tslsMaximalSize`` (and LIML) the null is
/// that a nominal 5% Wald test on β has worst-case size above ``threshold``; for
/// ``Criterion/tslsRelativeBias`` that the TSLS bias exceeds ``threshold`` times
/// the OLS bias. The tables assume i.i.d. errors; comparing a robust statistic
/// (Kleibergen–Paap) with them is a heuristic only.
///
/// Stock, J. H., & Yogo, M. (2005). Testing for weak instruments in linear IV
/// regression. In *Identification and Inference for Econometric Models*, 80–108.
public struct StockYogoCriticalValue: Sendable, Equatable {
  /// Which table the value comes from.
  public enum Criterion: String, Sendable, Equatable, CaseIterable {
    /// TSLS maximal size of a nominal 5% Wald test (thresholds 10, 15, 20, 25%).
    case tslsMaximalSize
    /// TSLS bias relative to OLS (thresholds 5, 10, 20, 30%; needs K2 ≥ K1 + 2).
    case tslsRelativeBias
    /// LIML maximal size of a nominal 5% Wald test (thresholds 10, 15, 20, 25%).
    case limlMaximalSize

    /// The tabulated thresholds, as fractions.
    public var thresholds: [Double] {
      self == .tslsRelativeBias ? [0.05, 0.10, 0.20, 0.30] : [0.10, 0.15, 0.20, 0.25]
    }
  }

  /// The table.
  public let criterion: Criterion
  /// The maximal size or relative bias r (e.g. 0.10).
  public let threshold: Double
  /// The 5% critical value for F_CD.
  public let criticalValue: Double

  /// A label such as "10% maximal TSLS size" or "5% maximal TSLS relative bias".
  public var label: String {
    let percent = "\(Int((threshold * 100).rounded()))%"
    switch criterion {
    case .tslsMaximalSize: return "\(percent) maximal TSLS size"
    case .tslsRelativeBias: return "\(percent) maximal TSLS relative bias"
    case .limlMaximalSize: return "\(percent) maximal LIML size"
    }
  }

  /// The tabulated value for `endogenous` (K1) regressors and `instruments`
  /// (K2) excluded instruments, or `nil` outside the tables (K1 > 2 for size,
  /// K1 > 3 for bias, K2 > 30, K2 < K1, bias with K2 < K1 + 2, or a threshold
  /// that is not tabulated).
  public static func value(
    _ criterion: Criterion, threshold: Double, endogenous k1: Int, instruments k2: Int
  ) -> StockYogoCriticalValue? {
    guard let column = criterion.thresholds.firstIndex(where: { abs($0 - threshold) < 1e-9 }),
      k1 >= 1, k2 >= k1, k2 <= 30
    else { return nil }
    let table: [[Double?]]
    let firstRow: Int
    switch criterion {
    case .tslsMaximalSize: (table, firstRow) = (StockYogoTables.tslsSize, 1)
    case .tslsRelativeBias: (table, firstRow) = (StockYogoTables.tslsBias, 3)
    case .limlMaximalSize: (table, firstRow) = (StockYogoTables.limlSize, 1)
    }
    let row = k2 - firstRow
    let index = (k1 - 1) * 4 + column
    guard row >= 0, row < table.count, index < table[row].count, let value = table[row][index] else { return nil }
    return StockYogoCriticalValue(criterion: criterion, threshold: criterion.thresholds[column], criticalValue: value)
  }

  /// Every tabulated value of `criterion` for (K1, K2), in threshold order; empty outside the tables.
  public static func values(_ criterion: Criterion, endogenous k1: Int, instruments k2: Int) -> [StockYogoCriticalValue] {
    criterion.thresholds.compactMap { value(criterion, threshold: $0, endogenous: k1, instruments: k2) }
  }
}
