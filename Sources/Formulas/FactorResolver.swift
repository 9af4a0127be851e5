import Tabular

/// A factor whose kind is known from the data.
struct ResolvedFactor: Sendable {
  enum Kind: Sendable {
    case numeric(ValueExpression)
    case categorical(column: String, reference: ReferenceLevel?)
  }
  let kind: Kind
  let name: String
  let offset: Int
  var isCategorical: Bool {
    if case .categorical = kind { return true }
    return false
  }
}

/// A term whose factors are resolved against the data.
struct ResolvedTerm: Sendable {
  let factors: [ResolvedFactor]
  let offset: Int
  var key: [String] { factors.map(\.name).sorted() }
  var name: String { factors.isEmpty ? "1" : factors.map(\.name).joined(separator: ":") }
}

/// Checks a formula's names against a table and decides each factor's kind.
struct FactorResolver {
  let data: DataTable
  /// Columns read by the model, in order of first use.
  private(set) var usedColumns: [String] = []

  init(data: DataTable) { self.data = data }

  private mutating func use(_ name: String) {
    if !usedColumns.contains(name) { usedColumns.append(name) }
  }

  private func column(_ name: String, offset: Int) throws(FormulaError) -> Column {
    guard let column = data[name] else {
      throw .unknownColumn(name, suggestion: closestMatch(to: name, among: data.columnNames), offset: offset)
    }
    return column
  }

  /// Checks that every variable of an arithmetic expression is a numeric column.
  private mutating func checkNumeric(_ expression: ValueExpression) throws(FormulaError) {
    for (name, offset) in expression.variables {
      if case .categorical(let text) = try column(name, offset: offset) {
        try rejectNonFiniteWords(text, column: name)
        throw .categoricalInArithmetic(name, offset: offset)
      }
      use(name)
    }
  }

  /// A text column used as a plain variable is categorical, unless its values
  /// look like numbers: then the file most likely has a typo or a number format
  /// the reader does not accept, and treating it as categorical would only
  /// produce a confusing model.
  private func rejectNumbersReadAsText(_ text: CategoricalColumn, column name: String, offset: Int) throws(FormulaError) {
    try rejectNonFiniteWords(text, column: name)
    // Finite numbers only: a word such as 'inf' in a column of labels is a label.
    func isNumber(_ text: some StringProtocol) -> Bool { Double(String(text))?.isFinite == true }
    let numeric = text.levels.map { isNumber($0.trimmingASCIISpaces) }
    let numberLike = text.levels.map {
      let trimmed = $0.trimmingASCIISpaces
      return isNumber(trimmed.replacingCommas(with: "")) || isNumber(trimmed.replacingCommas(with: "."))
    }
    let anyNumeric = numeric.contains(true)
    guard anyNumeric || numberLike.allSatisfy({ $0 }) else { return }
    // The first row whose value is not a plain number.
    guard let row = text.codes.firstIndex(where: { $0 >= 0 && !numeric[Int($0)] }) else { return }
    throw .numbersReadAsText(
      column: name, value: text.levels[Int(text.codes[row])], row: row + 1, line: data.sourceLines.map { $0[row] },
      mixed: anyNumeric, offset: offset)
  }

  /// Words such as `inf` or `-Infinity` are text to the CSV reader but numbers to
  /// `Double(_:)`: in a column of numbers they are non-finite data, not the levels of a
  /// categorical variable.
  private func rejectNonFiniteWords(_ text: CategoricalColumn, column name: String) throws(FormulaError) {
    let values = text.levels.map { Double($0.trimmingASCIISpaces) }
    guard values.allSatisfy({ $0 != nil }),
      let row = text.codes.firstIndex(where: { $0 >= 0 && values[Int($0)]?.isFinite == false }),
      let value = values[Int(text.codes[row])]
    else { return }
    throw .nonFiniteData(column: name, row: row + 1, line: data.sourceLines.map { $0[row] }, value: value)
  }

  mutating func resolveDependent(_ expression: ValueExpression, offset: Int) throws(FormulaError) -> ValueExpression {
    if case .variable(let name, let at) = expression, case .categorical(let text) = try column(name, offset: at) {
      try rejectNonFiniteWords(text, column: name)
      throw .invalidDependent("'\(name)' is categorical; the dependent variable must be numeric", offset: at)
    }
    try checkNumeric(expression)
    return expression
  }

  mutating func resolve(_ term: Term) throws(FormulaError) -> ResolvedTerm {
    var factors: [ResolvedFactor] = []
    for factor in term.factors {
      switch factor.kind {
      case .numeric(let expression):
        if case .variable(let name, let at) = expression, case .categorical(let text) = try column(name, offset: at) {
          try rejectNumbersReadAsText(text, column: name, offset: at)
          use(name)
          factors.append(ResolvedFactor(kind: .categorical(column: name, reference: nil), name: factor.name, offset: factor.offset))
        } else {
          try checkNumeric(expression)
          factors.append(ResolvedFactor(kind: .numeric(expression), name: factor.name, offset: factor.offset))
        }
      case .categorical(let name, let reference, _):
        _ = try column(name, offset: factor.offset + 2)
        use(name)
        factors.append(ResolvedFactor(kind: .categorical(column: name, reference: reference), name: factor.name, offset: factor.offset))
      case .pattern:
        // DesignMatrices expands patterns before resolving; one left here is in an interaction.
        throw .patternInInteraction(factor.name, offset: factor.offset)
      }
    }
    return ResolvedTerm(factors: factors, offset: term.offset)
  }
}

extension String {
  fileprivate var trimmingASCIISpaces: Substring {
    var slice = Substring(self)
    while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
    while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
    return slice
  }
}

extension Substring {
  fileprivate func replacingCommas(with replacement: String) -> String {
    split(separator: ",", omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
