import Foundation
import LinearAlgebra
import Plotting
import Tabular
import TimeSeries

/// `granger --all --truth file.csv --plot graph.svg`: the true connectivity to compare with,
/// and the heat maps of the estimated and true networks.
enum GrangerTruth {
  /// A failure to read the truth or write the plot (a data error: exit 1).
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The true connectivity restricted to `names`: entry (i, j) is the weight of j → i.
  ///
  /// The file is a square matrix with a header row naming the series: row r, column j is the
  /// weight from series j to the series named by column r (the rows follow the header's order).
  static func load(_ path: String, names: [String]) throws(Failure) -> Matrix {
    let table: DataTable
    do {
      table = try DataTable(contentsOfCSVFile: path)
    } catch {
      throw Failure(description: "--truth: \(path): \(error.description)")
    }
    let header = table.columnNames
    guard table.rowCount == header.count else {
      throw Failure(
        description: "--truth: \(path) must be a square matrix with a header row naming the series: "
          + "\(header.count) columns but \(table.rowCount) rows")
    }
    var positions: [Int] = []
    for name in names {
      guard let position = header.firstIndex(of: name) else {
        throw Failure(
          description: "--truth: \(path) has no column '\(name)' (its columns: \(header.prefix(8).joined(separator: ", "))\(header.count > 8 ? ", …" : ""))")
      }
      positions.append(position)
    }
    var values: [[Double]] = []
    for (name, column) in zip(header, table.columns) {
      guard case .numeric(let numbers) = column else {
        throw Failure(description: "--truth: column '\(name)' of \(path) holds text; the connectivity must be numbers")
      }
      if let row = numbers.firstIndex(where: { !$0.isFinite }) {
        throw Failure(description: "--truth: column '\(name)' of \(path) has a missing or infinite value at row \(row + 1)")
      }
      values.append(numbers)
    }
    var truth = Matrix(rows: names.count, columns: names.count)
    for (i, row) in positions.enumerated() {
      for (j, column) in positions.enumerated() { truth[i, j] = values[column][row] }
    }
    return truth
  }

  /// corr(A ≠ 0, rejected) over the off-diagonal pairs: the seed's measure of recovery.
  static func correlation(truth: Matrix, rejected: Matrix) -> Double {
    var a: [Double] = [], r: [Double] = []
    for i in 0..<truth.rows {
      for j in 0..<truth.columns where i != j {
        a.append(truth[i, j] != 0 ? 1 : 0)
        r.append(rejected[i, j])
      }
    }
    return pearsonCorrelation(a, r)
  }

  /// The note printed under the edges: how well the rejections match the true edges.
  static func summary(_ m: GrangerCausalityMatrix, truth: Matrix, options: GrangerCommand.Options) -> String {
    let rejected = m.rejections(options.test, alpha: options.alpha, correction: options.correction)
    var trueEdges = 0, found = 0
    for i in 0..<m.count {
      for j in 0..<m.count where i != j && truth[i, j] != 0 {
        trueEdges += 1
        if rejected[i, j] == 1 { found += 1 }
      }
    }
    let r = correlation(truth: truth, rejected: rejected)
    let shown = r.isFinite ? String(format: "%.4f", r) : "undefined (no variation)"
    return "Truth: \(found) of \(trueEdges) true edges found; correlation of the rejections with the true edges \(shown)."
  }

  /// Heat maps of −log10 p of each lag (rejected pairs outlined) and, if given, the true weights.
  static func heatMap(_ matrices: [GrangerCausalityMatrix], truth: Matrix?, options: GrangerCommand.Options) -> HeatMap {
    let names = matrices.first?.names ?? []
    let m = names.count
    let kind = options.conditional ? "Conditional Granger" : "Granger"
    var panels: [HeatMap.Panel] = []
    for matrix in matrices {
      let p = matrix.pValues(options.test), adjusted = matrix.adjustedPValues(options.test, correction: options.correction)
      let statistics = matrix.statistics(options.test)
      let rejected = matrix.rejections(options.test, alpha: options.alpha, correction: options.correction)
      var values: [Double] = [], outlined: [Bool] = [], labels: [String] = []
      var pValues: [Double] = [], adjustedValues: [Double] = [], statisticValues: [Double] = []
      for i in 0..<m {
        for j in 0..<m {
          let diagonal = i == j
          // −log10 p, capped at 16 (p below 1e-16 is "zero" to double precision).
          values.append(diagonal ? .nan : min(-log10(max(adjusted[i, j], 1e-16)), 16))
          outlined.append(!diagonal && rejected[i, j] == 1)
          labels.append(diagonal ? "" : GrangerOutput.pValue(adjusted[i, j]))
          pValues.append(p[i, j])
          adjustedValues.append(adjusted[i, j])
          statisticValues.append(statistics[i, j])
        }
      }
      let which = options.correction == .none ? "p" : "adjusted p"
      panels.append(
        HeatMap.Panel(
          title: "\(kind) \(options.test.key), lag \(matrix.lag)", values: values, legendLabel: "−log10 \(which)",
          outlined: outlined, cellLabels: labels,
          annotations: [
            .init(name: "p-value", values: pValues), .init(name: "adjusted-p-value", values: adjustedValues),
            .init(name: "statistic", values: statisticValues),
            .init(name: "rejected", values: outlined.map { $0 ? 1 : 0 }),
          ], limit: 16))
    }
    if let truth {
      var values: [Double] = [], labels: [String] = []
      for i in 0..<m {
        for j in 0..<m {
          values.append(truth[i, j])
          labels.append(truth[i, j] == 0 ? "" : String(format: "%.3g", truth[i, j]))
        }
      }
      panels.append(HeatMap.Panel(title: "True connectivity", values: values, legendLabel: "Weight", cellLabels: labels))
    }
    let correction = options.correction == .none ? "" : ", \(GrangerOutput.correctionName(options.correction))"
    var note = "Outlined: pairs rejected at alpha \(options.alpha)\(correction). Row = effect (receiver), column = cause (sender)."
    if let truth, let first = matrices.first {
      note += " " + summary(first, truth: truth, options: options)
    }
    return HeatMap(
      rowLabels: names, columnLabels: names, panels: panels, title: "Estimated connectivity"
        + (truth == nil ? "" : " beside the true network"),
      rowAxisLabel: "effect", columnAxisLabel: "cause", note: note)
  }

  /// Writes the heat map and returns the message for standard error.
  static func write(_ map: HeatMap, to path: String) throws(Failure) -> String {
    do {
      try map.svg().write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw Failure(description: "--plot: cannot write '\(path)': \((error as NSError).localizedDescription)")
    }
    return "Wrote connectivity heat map to \(path)\n"
  }
}
