import Foundation
import LinearAlgebra
import Tabular

/// The used rows of a table, and the evaluation of factors and terms on them.
struct RowFrame {
  let data: DataTable
  let rows: [Int]
  /// A term may interact at most this many categorical factors (each doubles the work of coding it).
  static let maximumCategoricalFactors = 10

  var count: Int { rows.count }

  /// The file line of the `i`-th used row, when the table came from a file.
  func line(ofUsedRow i: Int) -> Int? { data.sourceLines.map { $0[rows[i]] } }

  /// Whether every row of the table is used (no gathering needed).
  var usesEveryRow: Bool { rows.count == data.rowCount }

  private func numericColumn(_ name: String) -> [Double] {
    guard case .numeric(let values)? = data[name] else { return [Double](repeating: .nan, count: rows.count) }
    return usesEveryRow ? values : rows.map { values[$0] }
  }

  /// Evaluates a numeric expression; a non-finite result is an error naming the
  /// term, the row and the inputs there.
  func evaluate(_ expression: ValueExpression, name: String) throws(FormulaError) -> [Double] {
    if case .variable(let column, _) = expression { return numericColumn(column) }
    let values = expression.evaluate(count: rows.count, column: numericColumn)
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      let inputs = expression.variables.map { variable -> String in
        var value = Double.nan
        if case .numeric(let column)? = data[variable.name] { value = column[rows[i]] }
        return "\(variable.name) = \(formatValue(value))"
      }.joined(separator: ", ")
      throw .nonFiniteTransform(
        term: name, row: rows[i] + 1, line: line(ofUsedRow: i),
        inputs: (inputs.isEmpty ? "" : inputs + " gives ") + formatValue(values[i]))
    }
    return values
  }

  /// A categorical factor's levels (as labels), per-row level codes and reference index.
  typealias Categories = (labels: [String], codes: [Int], reference: Int)

  /// The levels (as labels), per-row level codes and reference index of a categorical factor.
  func categories(column name: String, reference: ReferenceLevel?, factorName: String, offset: Int) throws(FormulaError)
    -> (labels: [String], codes: [Int], reference: Int)
  {
    var labels: [String]
    var codes: [Int]
    var numericLevels: [Double] = []
    switch data[name] {
    case .categorical(let column)?:
      var present = [Bool](repeating: false, count: column.levels.count)
      for row in rows { present[Int(column.codes[row])] = true }
      var remap = [Int](repeating: -1, count: column.levels.count)
      labels = []
      for (i, level) in column.levels.enumerated() where present[i] {
        remap[i] = labels.count
        labels.append(level)
      }
      codes = rows.map { remap[Int(column.codes[$0])] }
    case .numeric(let values)?:
      numericLevels = Array(Set(rows.map { values[$0] })).sorted()
      var index: [Double: Int] = [:]
      for (i, v) in numericLevels.enumerated() { index[v] = i }
      labels = numericLevels.map(formatLevel)
      codes = rows.map { index[values[$0]] ?? 0 }
    case nil:
      throw .unknownColumn(name, suggestion: closestMatch(to: name, among: data.columnNames), offset: offset)
    }
    var referenceIndex = 0
    if let reference {
      let found: Int?
      switch reference {
      case .label(let text): found = labels.firstIndex(of: text)
      case .number(let value, _):
        found = numericLevels.isEmpty ? labels.firstIndex(of: formatLevel(value)) : numericLevels.firstIndex(of: value)
      }
      guard let found else {
        throw .unknownReferenceLevel(reference.text, variable: name, levels: labels, offset: offset)
      }
      referenceIndex = found
    }
    return (labels, codes, referenceIndex)
  }

  /// The columns of a list of terms, encoded with `encoder` (which remembers what
  /// earlier terms spanned).
  ///
  /// - Parameter wide: allow more columns than observations (the candidate instruments of
  ///   a LASSO selection may outnumber the rows), up to 2·10⁷ entries in all.
  /// Half the physical memory: the most one part of the design (exogenous regressors,
  /// endogenous regressors or instruments) may take as dense columns.
  static let memoryBudget = Double(ProcessInfo.processInfo.physicalMemory) / 2

  func columns(
    for terms: [ResolvedTerm], encoder: inout TermEncoder, wide: Bool = false
  ) throws(FormulaError) -> (Matrix, [String]) {
    var unused: AbsorbedColumns?
    return try columns(for: terms, encoder: &encoder, wide: wide, absorbing: &unused)
  }

  /// The columns of `terms`, except that with `absorbing` non-nil the intercept and the first
  /// main-effect categorical term are recorded in it instead of being made into columns.
  func columns(
    for terms: [ResolvedTerm], encoder: inout TermEncoder, wide: Bool = false, absorbing: inout AbsorbedColumns?
  ) throws(FormulaError) -> (Matrix, [String]) {
    var names: [String] = []
    var values: [Double] = []
    var columnCount = 0
    for term in terms {
      let categoricalFactors = term.factors.filter(\.isCategorical).count
      guard categoricalFactors <= Self.maximumCategoricalFactors else {
        throw .tooManyCategoricalFactors(term: term.name, limit: Self.maximumCategoricalFactors, offset: term.offset)
      }
      let allScoped = encoder.scopedTerms(factorNames: term.factors.map(\.name), categorical: term.factors.map(\.isCategorical))
      // Each categorical factor's levels and codes, found once for the term.
      var levels: [Int: Categories] = [:]
      for (i, factor) in term.factors.enumerated() {
        if case .categorical(let column, let reference) = factor.kind {
          levels[i] = try categories(column: column, reference: reference, factorName: factor.name, offset: factor.offset)
        }
      }
      // Absorbed scoped terms get names (and slots) but no columns.
      let absorbedNames = absorb(allScoped, of: term, levels: levels, into: &absorbing)
      var scoped: [TermEncoder.ScopedTerm] = []
      for (scopedTerm, absorbed) in zip(allScoped, absorbedNames) {
        if let absorbed {
          names.append(contentsOf: absorbed)
        } else {
          scoped.append(scopedTerm)
        }
      }
      // Count the columns before making them: a mistyped number can turn a column into
      // thousands of categories, and n×n dummies would exhaust memory.
      for scopedTerm in scoped {
        columnCount += scopedTerm.factors.reduce(1) { product, scopedFactor in
          guard let count = levels[scopedFactor.factor]?.labels.count else { return product }
          return product.multipliedReportingOverflow(by: scopedFactor.reduced ? count - 1 : count).partialValue
        }
      }
      let (entries, overflow) = columnCount.multipliedReportingOverflow(by: max(count, 1))
      guard columnCount < max(count, 2) || (wide && !overflow && entries <= 20_000_000) else {
        throw .tooManyColumns(term: term.name, columns: columnCount, observations: count, offset: term.offset)
      }
      // Dense dummies of a categorical with many levels can need more memory than the
      // machine has (10⁴ levels × 10⁶ rows = 80 GB): refuse before allocating.
      let bytes = Double(columnCount) * Double(count) * 8
      if bytes > Self.memoryBudget {
        throw .designTooLarge(term: term.name, bytes: bytes, memory: Double(ProcessInfo.processInfo.physicalMemory), offset: term.offset)
      }
      for scopedTerm in scoped {
        if scopedTerm.factors.isEmpty {
          names.append("Intercept")
          absorbing?.slots.append(.dense)
          values.append(contentsOf: repeatElement(1.0, count: count))
          continue
        }
        // Each factor's columns; the first factor varies fastest (formulaic, R).
        var perFactor: [[(String, [Double])]] = []
        for scopedFactor in scopedTerm.factors {
          perFactor.append(
            try factorColumns(term.factors[scopedFactor.factor], levels: levels[scopedFactor.factor], reduced: scopedFactor.reduced))
        }
        var combinations: [[(String, [Double])]] = [[]]
        for factorColumns in perFactor.reversed() {
          combinations = combinations.flatMap { prefix in factorColumns.map { prefix + [$0] } }
        }
        for combination in combinations {
          let ordered = combination.reversed()
          names.append(ordered.map(\.0).joined(separator: ":"))
          absorbing?.slots.append(.dense)
          var product = [Double](repeating: 1, count: count)
          for (_, column) in ordered {
            for i in 0..<count { product[i] *= column[i] }
          }
          if ordered.count > 1, let i = product.firstIndex(where: { !$0.isFinite }) {
            let inputs = ordered.map { "\($0.0) = \(formatValue($0.1[i]))" }.joined(separator: ", ")
            throw .nonFiniteTransform(
              term: ordered.map(\.0).joined(separator: ":"), row: rows[i] + 1, line: line(ofUsedRow: i),
              inputs: inputs + " gives " + formatValue(product[i]))
          }
          values.append(contentsOf: product)
        }
      }
    }
    // Absorbed terms have names but no values.
    let denseColumns = names.count - (absorbing?.slots.filter { $0 != .dense }.count ?? 0)
    return (Matrix(rows: count, columns: denseColumns, columnMajor: values), names)
  }

  /// Records the intercept and the first main-effect categorical scoped term of `term` in
  /// `absorbing` (nil: nothing is absorbed); returns, per scoped term, the names of its
  /// parameters when it is absorbed, nil when it needs columns.
  private func absorb(
    _ scoped: [TermEncoder.ScopedTerm], of term: ResolvedTerm, levels: [Int: Categories], into absorbing: inout AbsorbedColumns?
  ) -> [[String]?] {
    guard var record = absorbing else { return scoped.map { _ in nil } }
    var result: [[String]?] = []
    for scopedTerm in scoped {
      if scopedTerm.factors.isEmpty && !record.hasIntercept {
        record.hasIntercept = true
        record.slots.append(.intercept)
        result.append(["Intercept"])
        continue
      }
      if record.factor == nil, term.factors.count == 1, scopedTerm.factors.count == 1,
        case .categorical(let column, let reference) = term.factors[0].kind, let (labels, codes, referenceIndex) = levels[0]
      {
        let factor = term.factors[0]
        let reduced = scopedTerm.factors[0].reduced
        var numeric = false
        if case .numeric? = data[column] { numeric = true }
        record.factor = AbsorbedColumns.Factor(
          name: factor.name, labels: labels, codes: codes.map { Int32($0) }, reference: reduced ? referenceIndex : nil,
          explicitReference: reference != nil, numericLevels: numeric)
        var names: [String] = []
        for level in labels.indices where !(reduced && level == referenceIndex) {
          names.append(AbsorbedCategorical.dummyName(factor: factor.name, label: labels[level], reduced: reduced))
          record.slots.append(.level(level))
        }
        result.append(names)
        continue
      }
      result.append(nil)
    }
    absorbing = record
    return result
  }

  /// A factor's columns; `levels` are its categories when it is categorical.
  private func factorColumns(_ factor: ResolvedFactor, levels: Categories?, reduced: Bool) throws(FormulaError)
    -> [(String, [Double])]
  {
    switch factor.kind {
    case .numeric(let expression):
      return [(factor.name, try evaluate(expression, name: factor.name))]
    case .categorical(let column, let reference):
      let found: Categories
      if let levels {
        found = levels
      } else {
        found = try categories(column: column, reference: reference, factorName: factor.name, offset: factor.offset)
      }
      let (labels, codes, referenceIndex) = found
      var result: [(String, [Double])] = []
      for (level, label) in labels.enumerated() where !(reduced && level == referenceIndex) {
        result.append(
          (AbsorbedCategorical.dummyName(factor: factor.name, label: label, reduced: reduced), codes.map { $0 == level ? 1.0 : 0.0 }))
      }
      return result
    }
  }
}

/// A numeric category label as pandas prints it: integers without a decimal point.
func formatLevel(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  return formatValue(value)
}

/// A value for a message (Swift's shortest round-trip form).
func formatValue(_ value: Double) -> String { "\(value)" }
