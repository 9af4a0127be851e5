import LinearAlgebra
public import Formulas
public import Tabular

/// ``AbsorbingIV2SLS`` for data read in blocks — a file larger than memory — in two passes
/// that keep only per-block partial sums.
///
/// The first pass reduces every block to ``WithinMoments`` (group counts, means and the
/// within QR factor), which merge exactly into the whole data's; the model, its first stage
/// and the specification tests follow from them. The second pass re-reads the blocks to
/// add up the sandwich's score sums (HC0 or per-cluster totals, which also merge by
/// addition). Nothing of size n is kept, so ``RegressionResults/residuals`` is empty; every
/// other number equals the in-memory absorbing fit's to rounding.
///
/// ```swift
/// let model = try StreamingIV2SLS(formula: "y ~ x + C(g) + [t ~ z1 + z2]")
/// let results = try model.fit(blocks: { visit in
///   let reader = try CSVChunkReader(path: "big.csv")
///   while let block = try reader.next() { try visit(block) }
/// }, covariance: .clustered(["g"]))
/// ```
public struct StreamingIV2SLS: Sendable {
  /// The model.
  public let formula: Formula

  /// A model from a formula (checked against each block's columns when fitting).
  ///
  /// - Throws: ``FormulaError`` when the formula does not parse.
  public init(formula: String) throws(FormulaError) {
    self.formula = try Formula(formula)
  }

  /// Estimates the model in two passes over the blocks.
  ///
  /// - Parameters:
  ///   - blocks: calls its argument with every block of rows in turn; it is called twice.
  ///   - covariance: unadjusted, robust, HC1 or clustered by one column.
  /// - Throws: what `blocks` throws, ``FormulaError`` for a block the formula does not fit
  ///   (unknown columns, a column that is text in some block), ``ModelError`` as
  ///   ``AbsorbingIV2SLS/fit(covariance:debiased:)``, or
  ///   ``ModelError/unsupportedByAbsorption(_:)`` for two-way clusters, a kernel or HC2/HC3.
  public func fit(
    blocks: (_ visit: (DataTable) throws -> Void) throws -> Void, covariance: CovarianceEstimator = .robust,
    debiased: Bool = false
  ) throws -> RegressionResults {
    var clusterColumn: String?
    switch covariance {
    case .unadjusted, .robust, .hc1: break
    case .clustered(let specification):
      guard case .columns(let names) = specification.source, names.count == 1, let name = names.first else {
        throw ModelError.unsupportedByAbsorption("streaming clusters by one column of the data")
      }
      clusterColumn = name
    case .hc2, .hc3: throw ModelError.unsupportedByAbsorption("HC2 and HC3 standard errors need leverages; streaming offers unadjusted, robust, HC1 and clustered ones")
    case .kernel: throw ModelError.unsupportedByAbsorption("kernel (HAC) standard errors are not offered when streaming")
    }

    // Pass 1: the within-group statistics of every block, with groups numbered as met.
    var layout: BlockLayout?
    var groups = GroupNumbering()
    var parts: [WithinMoments] = []
    var dropped = 0
    try blocks { block in
      guard let design = try layout.check(block, formula: formula) else { return }
      if layout == nil { layout = BlockLayout(design) }
      dropped += design.design.droppedRowCount
      guard design.design.observationCount > 0 else { return }
      let codes = groups.codes(design.absorbed)
      let (data, _) = AbsorbedModel.block(design.design)
      if let part = WithinMoments.summarising(data, codes: codes, groupCount: groups.count) { parts.append(part) }
    }
    guard let layout else { throw FormulaError.noRows }
    let order = groups.sortedOrder(numeric: layout.numericLevels)
    guard let moments = WithinMoments.merging(parts.map { $0.regrouped(order.newIndex, count: groups.count) }) else {
      throw FormulaError.noCompleteRows(columns: [])
    }
    let absorbed = layout.absorbed(levels: order.levels)
    let parameters = absorbed.groupCount + layout.p + layout.m
    guard moments.rowCount > parameters else {
      throw ModelError.insufficientObservations(observations: moments.rowCount, parameters: parameters)
    }
    let regression = try AbsorbedModel.fitted(
      moments, names: layout.names, absorbed: absorbed, p: layout.p, q: layout.q, m: layout.m)
    var regressions = [regression]
    for column in (layout.p + layout.q)..<(layout.p + layout.q + layout.m) {
      regressions.append(
        try AbsorbedRegression(
          moments: moments, regressors: Array(0..<(layout.p + layout.q)), instruments: nil, dependent: column,
          names: layout.names))
    }

    // Pass 2: the score sums of the model and of each first stage.
    var heteroskedastic: [AbsorbedScoreSums?] = regressions.map { _ in nil }
    var clustered = regressions.map { ClusterTotals(basis: $0.basis.count, groups: absorbed.groupCount) }
    var clusterNumbering = ClusterNumbering()
    if covariance != .unadjusted {
      try blocks { block in
        guard let design = try AbsorbingDesign(formula: formula, data: block), design.design.observationCount > 0 else { return }
        let codes = groups.codes(design.absorbed).map { Int32(order.newIndex[Int($0)]) }
        let (data, _) = AbsorbedModel.block(design.design)
        var clusters: [Int] = []
        if let clusterColumn {
          clusters = try clusterNumbering.ids(clusterColumn, rows: design.design.rowIndices, in: block) { row in
            let line = block.sourceLines.map { " (line \($0[row]))" } ?? ""
            return "cluster column '\(clusterColumn)' is missing on a row the model uses\(line)"
          }
        }
        for (r, regression) in regressions.enumerated() {
          let e = regression.residuals(data, codes: codes)
          if clusterColumn != nil {
            clustered[r].add(regression, residuals: e, data: data, codes: codes, clusters: clusters, clusterCount: clusterNumbering.count)
          } else {
            let sums = AbsorbedScoreSums.heteroskedastic(regression, residuals: e, data: data, codes: codes)
            heteroskedastic[r] = heteroskedastic[r].map { $0.adding(sums) } ?? sums
          }
        }
      }
    }
    var table: [Int: [(sums: AbsorbedScoreSums, clusters: Int, sign: Double)]] = [:]
    for (r, regression) in regressions.enumerated() {
      if clusterColumn != nil {
        table[regression.dependent] = [(clustered[r].sums, clusterNumbering.count, 1)]
      } else if let sums = heteroskedastic[r] {
        table[regression.dependent] = [(sums, 0, 1)]
      }
    }
    let kind: ResolvedCovariance.Kind
    switch covariance {
    case .unadjusted: kind = .unadjusted
    case .hc1: kind = .heteroskedastic(1)
    case .clustered:
      let count = clusterNumbering.count
      kind = .clustered(try ClusterGroups(ids: [Array(0..<count)], observations: count, names: clusterColumn.map { [$0] } ?? []))
    default: kind = .heteroskedastic(0)
    }
    let model = AbsorbedModel(
      absorbed: absorbed, exogenousNames: layout.exogenousNames(absorbed), exogenousSlots: layout.exogenousSlots(absorbed),
      moments: moments, names: layout.names, p: layout.p, q: layout.q, m: layout.m, regression: regression,
      scores: .sums(table))
    let results = try RegressionResults(
      method: layout.m > 0 ? "IV-2SLS" : "OLS", design: layout.emptyDesign(dropped: dropped), model: model,
      regression: regression, names: model.exogenousNames + layout.endogenousNames, map: model.parameterMap(extra: layout.m),
      residuals: nil, covariance: ResolvedCovariance(estimator: covariance, kind: kind), debiased: debiased)
    guard results.covariance.columnMajorValues.allSatisfy(\.isFinite) else { throw ModelError.nonFiniteCovariance }
    return results
  }
}

/// The absorbed groups' labels numbered in the order the blocks meet them.
private struct GroupNumbering {
  var labels: [String] = []
  var index: [String: Int] = [:]
  var count: Int { labels.count }

  /// Each row's group number (adding new labels).
  mutating func codes(_ absorbed: AbsorbedCategorical) -> [Int32] {
    let global = absorbed.levels.map { label -> Int in
      if let id = index[label] { return id }
      index[label] = labels.count
      labels.append(label)
      return labels.count - 1
    }
    return absorbed.codes.map { Int32(global[Int($0)]) }
  }

  /// The labels in the order a design gives them (by value for numbers, as text otherwise)
  /// and each number's position in it.
  func sortedOrder(numeric: Bool) -> (levels: [String], newIndex: [Int]) {
    let order = labels.indices.sorted { a, b in
      if numeric, let x = Double(labels[a]), let y = Double(labels[b]) { return x < y }
      return labels[a] < labels[b]
    }
    var newIndex = [Int](repeating: 0, count: labels.count)
    for (position, old) in order.enumerated() { newIndex[old] = position }
    return (order.map { labels[$0] }, newIndex)
  }
}

/// What every block's design must share with the first: the dense columns and the
/// absorbed term's coding.
private struct BlockLayout {
  let names: [String]
  let p: Int, q: Int, m: Int
  let dependentName: String
  let exogenousNames: [String]
  let endogenousNames: [String]
  let instrumentNames: [String]
  let slots: [AbsorbedCategorical.Slot]
  let allNames: [String]
  let factorName: String?
  let hasIntercept: Bool
  let reduced: Bool
  let explicitReference: String?
  let numericLevels: Bool

  init(_ design: AbsorbingDesign) {
    let dense = design.design
    names = AbsorbedModel.block(dense).names
    p = dense.exogenous.columns
    q = dense.instruments.columns
    m = dense.endogenous.columns
    dependentName = dense.dependentName
    exogenousNames = dense.exogenousNames
    endogenousNames = dense.endogenousNames
    instrumentNames = dense.instrumentNames
    slots = design.exogenousSlots
    allNames = design.exogenousNames
    factorName = design.absorbed.factorName
    hasIntercept = design.absorbed.hasIntercept
    reduced = design.absorbed.reference != nil && design.absorbed.factorName != nil
    explicitReference =
      design.absorbed.hasExplicitReference ? design.absorbed.reference.map { design.absorbed.levels[$0] } : nil
    numericLevels = design.absorbed.hasNumericLevels
  }

  /// The absorbed term over all blocks' levels.
  func absorbed(levels: [String]) -> AbsorbedCategorical {
    let reference: Int? =
      factorName == nil ? 0 : reduced ? (explicitReference.flatMap { levels.firstIndex(of: $0) } ?? 0) : nil
    return AbsorbedCategorical(
      factorName: factorName, levels: levels, codes: [], reference: reference, hasIntercept: hasIntercept,
      hasExplicitReference: explicitReference != nil, hasNumericLevels: numericLevels)
  }

  /// The slots with the factor's levels (all blocks') in place of the first block's.
  func exogenousSlots(_ absorbed: AbsorbedCategorical) -> [AbsorbedCategorical.Slot] {
    expanded(absorbed).map(\.slot)
  }

  /// The names with the factor's levels (all blocks') in place of the first block's.
  func exogenousNames(_ absorbed: AbsorbedCategorical) -> [String] {
    expanded(absorbed).map(\.name)
  }

  private func expanded(_ absorbed: AbsorbedCategorical) -> [(slot: AbsorbedCategorical.Slot, name: String)] {
    var result: [(slot: AbsorbedCategorical.Slot, name: String)] = []
    var levelsDone = false
    for (slot, name) in zip(slots, allNames) {
      guard case .level = slot else {
        result.append((slot, name))
        continue
      }
      guard !levelsDone, let factor = factorName else { continue }
      levelsDone = true
      for (level, label) in absorbed.levels.enumerated() where !(reduced && level == absorbed.reference) {
        result.append((.level(level), AbsorbedCategorical.dummyName(factor: factor, label: label, reduced: reduced)))
      }
    }
    return result
  }

  /// A design with the model's names and no rows (what the results report as `design`).
  func emptyDesign(dropped: Int) -> DesignMatrices {
    DesignMatrices.namesOnly(
      dependentName: dependentName, exogenousNames: exogenousNames, endogenousNames: endogenousNames,
      instrumentNames: instrumentNames, droppedRowCount: dropped)
  }
}

extension Optional where Wrapped == BlockLayout {
  /// The block's absorbing design, checked against the first block's layout.
  fileprivate func check(_ block: DataTable, formula: Formula) throws -> AbsorbingDesign? {
    guard let design = try AbsorbingDesign(formula: formula, data: block) else {
      throw ModelError.unsupportedByAbsorption("the model has neither an intercept nor a categorical term to absorb")
    }
    guard let layout = self else { return design }
    let dense = design.design
    guard dense.exogenousNames == layout.exogenousNames, dense.instrumentNames == layout.instrumentNames,
      dense.endogenousNames == layout.endogenousNames, design.absorbed.factorName == layout.factorName
    else {
      let line = block.sourceLines?.first.map { "the block starting at line \($0)" } ?? "a later block"
      throw ModelError.unsupportedByAbsorption(
        "\(line) gives the model different columns than the first (a column read as text there, or a categorical term other than the absorbed one)")
    }
    return design
  }
}

extension DesignMatrices {
  /// A design with these names and no rows: what an absorbed fit reports as its `design`
  /// (the rows live in its statistics, and the dense columns can be freed).
  static func namesOnly(
    dependentName: String, exogenousNames: [String], endogenousNames: [String], instrumentNames: [String],
    droppedRowCount: Int
  ) -> DesignMatrices {
    DesignMatrices(
      dependentName: dependentName, dependent: [], exogenous: Matrix(rows: 0, columns: exogenousNames.count),
      exogenousNames: exogenousNames, endogenous: Matrix(rows: 0, columns: endogenousNames.count),
      endogenousNames: endogenousNames, instruments: Matrix(rows: 0, columns: instrumentNames.count),
      instrumentNames: instrumentNames, droppedRowCount: droppedRowCount)
  }

  /// This design's names without its rows.
  var namesOnly: DesignMatrices {
    .namesOnly(
      dependentName: dependentName, exogenousNames: exogenousNames, endogenousNames: endogenousNames,
      instrumentNames: instrumentNames, droppedRowCount: droppedRowCount)
  }
}

extension WithinMoments {
  /// The statistics with group g renumbered `newIndex[g]` among `count` groups.
  func regrouped(_ newIndex: [Int], count: Int) -> WithinMoments {
    var counts = [Int](repeating: 0, count: count)
    var means = [Double](repeating: 0, count: count * columns)
    for g in 0..<groupCount {
      let target = newIndex[g]
      counts[target] = self.counts[g]
      for j in 0..<columns { means[target * columns + j] = self.means[g * columns + j] }
    }
    return WithinMoments(columns: columns, groupCount: count, counts: counts, means: means, r: r)
  }
}
