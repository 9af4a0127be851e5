import Formulas
import Tabular

extension ResolvedCovariance {
  /// Fixes `estimator` for a fit: cluster ids read from `table` (for the rows the
  /// model uses) or taken as given, and the kernel bandwidth checked or chosen.
  ///
  /// - Throws: ``ModelError/invalidClusters(_:)`` for unknown or missing cluster
  ///   columns, missing ids, a wrong length or a single cluster;
  ///   ``ModelError/invalidBandwidth(_:observations:)`` for a bandwidth outside
  ///   (0, n); ``ModelError/automaticBandwidthUndefined(observations:)`` when the
  ///   automatic rule cannot be applied.
  init(
    _ estimator: CovarianceEstimator, fit: LinearFit, design: DesignMatrices, table: DataTable?
  ) throws(ModelError) {
    self.estimator = estimator
    if let kind = try Self.kind(estimator, observations: fit.n, design: design, table: table) {
      self.kind = kind
      return
    }
    switch estimator {
    case .unadjusted, .robust, .hc1, .hc2, .hc3, .clustered:
      kind = .unadjusted  // resolved above
    case .kernel(let type, let bandwidth):
      if let bandwidth {
        guard bandwidth > 0, bandwidth < Double(fit.n) else {
          throw .invalidBandwidth(bandwidth, observations: fit.n)
        }
        kind = .kernel(type, bandwidth: bandwidth, automatic: false)
      } else {
        guard let automatic = fit.automaticBandwidth(type) else {
          throw .automaticBandwidthUndefined(observations: fit.n)
        }
        kind = .kernel(type, bandwidth: automatic, automatic: true)
      }
    }
  }

  /// Fixes every estimator but a kernel one (nil) for `observations` rows of `design`.
  static func kind(
    _ estimator: CovarianceEstimator, observations n: Int, design: DesignMatrices, table: DataTable?
  ) throws(ModelError) -> Kind? {
    switch estimator {
    case .unadjusted: return .unadjusted
    case .robust: return .heteroskedastic(0)
    case .hc1: return .heteroskedastic(1)
    case .hc2: return .heteroskedastic(2)
    case .hc3: return .heteroskedastic(3)
    case .clustered(let specification):
      switch specification.source {
      case .groups(let ids):
        return .clustered(try ClusterGroups(ids: ids, observations: n, names: []))
      case .columns(let names):
        let ids = try Self.clusterIDs(names, design: design, table: table)
        return .clustered(try ClusterGroups(ids: ids, observations: n, names: names))
      }
    case .kernel: return nil
    }
  }

  /// Group ids from data columns, restricted to the model's rows; numeric or text.
  private static func clusterIDs(_ names: [String], design: DesignMatrices, table: DataTable?) throws(ModelError) -> [[Int]] {
    guard let table else {
      throw .invalidClusters("cluster columns need the data table; for a model built from arrays use .clustered(.groups(...))")
    }
    var result: [[Int]] = []
    for name in names {
      var numbering = ClusterNumbering()
      result.append(
        try numbering.ids(name, rows: design.rowIndices, in: table) { row in
          let line = table.sourceLines.map { " (line \($0[row]))" } ?? ""
          return "cluster column '\(name)' is missing on row \(row + 1)\(line), a row the model uses"
        })
    }
    return result
  }
}
