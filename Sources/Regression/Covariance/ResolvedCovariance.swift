/// A covariance estimator with everything fixed: cluster ids aligned with the
/// observations and the kernel bandwidth actually used. The first-stage
/// regressions reuse it, as linearmodels reuses the model's `cov_config`.
struct ResolvedCovariance: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case unadjusted
    /// HC0–HC3.
    case heteroskedastic(Int)
    case clustered(ClusterGroups)
    case kernel(KernelType, bandwidth: Double, automatic: Bool)
  }

  /// What the user asked for (printed names, the first-stage F rule).
  let estimator: CovarianceEstimator
  let kind: Kind
}

/// Dense cluster codes for one or two clustering dimensions.
struct ClusterGroups: Sendable, Equatable {
  /// One array per dimension: the group (0..<count) of each observation.
  let codes: [[Int]]
  /// The number of groups per dimension.
  let counts: [Int]

  /// Recodes arbitrary group ids to 0..<G per dimension.
  ///
  /// - Throws: ``ModelError/invalidClusters(_:)`` for other than one or two
  ///   dimensions, a length that is not `observations`, or fewer than two groups.
  init(ids: [[Int]], observations: Int, names: [String]) throws(ModelError) {
    guard ids.count == 1 || ids.count == 2 else {
      throw .invalidClusters("clustering takes one or two cluster variables, not \(ids.count)")
    }
    var codes: [[Int]] = []
    var counts: [Int] = []
    for (d, dimension) in ids.enumerated() {
      let label = d < names.count ? "'\(names[d])'" : "cluster ids \(d + 1)"
      guard dimension.count == observations else {
        throw .invalidClusters("\(label) has \(dimension.count) entries for \(observations) observations")
      }
      var index: [Int: Int] = [:]
      codes.append(dimension.map { id in
        if let code = index[id] { return code }
        let code = index.count
        index[id] = code
        return code
      })
      guard index.count >= 2 else {
        throw .invalidClusters("\(label) has a single cluster; clustered standard errors need at least two")
      }
      counts.append(index.count)
    }
    self.codes = codes
    self.counts = counts
  }

  /// The intersection of the two dimensions (for two-way clustering).
  var intersection: (codes: [Int], count: Int) {
    guard codes.count == 2 else { return (codes.first ?? [], counts.first ?? 0) }
    var index: [Int: Int] = [:]
    let width = counts[1]
    let joined = zip(codes[0], codes[1]).map { a, b in
      let key = a * width + b
      if let code = index[key] { return code }
      let code = index.count
      index[key] = code
      return code
    }
    return (joined, index.count)
  }
}
