import Tabular

extension ParsedFormula {
  /// Every column the formula names explicitly (the dependent variable and the
  /// variables of every term), which column patterns do not match.
  var namedColumns: Set<String> {
    var names = Set(dependent.variables.map(\.name))
    for term in exogenous.terms + endogenous.terms + instruments.terms {
      for factor in term.factors {
        switch factor.kind {
        case .numeric(let expression): names.formUnion(expression.variables.map(\.name))
        case .categorical(let column, _, _): names.insert(column)
        case .pattern: break
        }
      }
    }
    return names
  }

  /// The formula with each column pattern (`m*`) replaced by one term per matching
  /// column, in the data's column order, leaving out columns the formula names.
  ///
  /// - Throws: ``FormulaError/patternMatchesNothing(_:offset:)`` and
  ///   ``FormulaError/patternInInteraction(_:offset:)``.
  func expandingPatterns(in data: DataTable) throws(FormulaError) -> ParsedFormula {
    let named = namedColumns
    func expand(_ list: TermList) throws(FormulaError) -> TermList {
      var expanded = TermList()
      for term in list.terms {
        guard let pattern = term.factors.first(where: { if case .pattern = $0.kind { true } else { false } }) else {
          expanded.append(term)
          continue
        }
        guard term.factors.count == 1, case .pattern(let prefix) = pattern.kind else {
          throw .patternInInteraction(pattern.name, offset: pattern.offset)
        }
        let matches = data.columnNames.filter { $0.hasPrefix(prefix) && !named.contains($0) }
        guard !matches.isEmpty else { throw .patternMatchesNothing(pattern.name, offset: pattern.offset) }
        for name in matches {
          let factor = Factor(kind: .numeric(.variable(name, offset: pattern.offset)), name: name, offset: pattern.offset)
          expanded.append(Term(factors: [factor], offset: pattern.offset))
        }
      }
      return expanded
    }
    return ParsedFormula(
      dependent: dependent, dependentName: dependentName, dependentOffset: dependentOffset,
      exogenous: try expand(exogenous), endogenous: try expand(endogenous), instruments: try expand(instruments),
      ivBlockOffset: ivBlockOffset)
  }
}
