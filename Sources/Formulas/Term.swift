/// One factor of a term: a numeric quantity or a categorical variable.
struct Factor: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// A numeric expression (a column, `I(…)`, `log(…)`, …).
    case numeric(ValueExpression)
    /// A categorical variable: a string column, or `C(column[, Treatment(reference)])`.
    /// `explicit` is true for `C(…)`, which also turns a numeric column into categories.
    case categorical(column: String, reference: ReferenceLevel?, explicit: Bool)
    /// `prefix*`: every column whose name starts with `prefix`, each a term of its own
    /// (expanded against the data by ``DesignMatrices``).
    case pattern(prefix: String)
  }

  let kind: Kind
  /// The factor's name as formulaic prints it; two factors are the same when their names are.
  let name: String
  /// Where the factor starts in the formula.
  let offset: Int
}

/// The reference level given in `Treatment(reference=…)`.
enum ReferenceLevel: Sendable, Equatable {
  case label(String)
  case number(Double, text: String)

  var text: String {
    switch self {
    case .label(let s): s
    case .number(_, let text): text
    }
  }
}

/// A product of factors; the intercept is the term with no factors.
struct Term: Sendable {
  let factors: [Factor]
  /// Where the term starts in the formula.
  let offset: Int

  /// Identity of a term: its factor names, sorted (`a:b` is `b:a`); computed once, as
  /// term lists hash it on every insertion.
  let key: [String]

  init(factors: [Factor], offset: Int) {
    self.factors = factors
    self.offset = offset
    self.key = factors.map(\.name).sorted()
  }
  var isIntercept: Bool { factors.isEmpty }
  /// The term as written: factor names joined by `:`.
  var name: String { factors.isEmpty ? "1" : factors.map(\.name).joined(separator: ":") }

  /// The interaction of two terms, dropping repeated factors.
  func interacting(with other: Term) -> Term {
    var combined = factors
    for factor in other.factors where !combined.contains(where: { $0.name == factor.name }) {
      combined.append(factor)
    }
    return Term(factors: combined, offset: offset)
  }
}

/// An ordered set of terms (duplicates by ``Term/key`` are dropped).
struct TermList: Sendable {
  private(set) var terms: [Term] = []
  private var keys: Set<[String]> = []

  init() {}
  init(_ terms: [Term]) { for term in terms { append(term) } }

  var count: Int { terms.count }

  mutating func append(_ term: Term) {
    if keys.insert(term.key).inserted { terms.append(term) }
  }

  func union(_ other: TermList) -> TermList {
    var result = self
    for term in other.terms { result.append(term) }
    return result
  }

  func subtracting(_ other: TermList) -> TermList {
    TermList(terms.filter { !other.keys.contains($0.key) })
  }

  /// Every pairwise interaction of this list's terms with `other`'s.
  func interacting(with other: TermList) -> TermList {
    var result = TermList()
    for a in terms { for b in other.terms { result.append(a.interacting(with: b)) } }
    return result
  }

  var containsIntercept: Bool { terms.contains(where: \.isIntercept) }

  /// The terms ordered as formulaic orders them: by degree, stable within a degree.
  var sortedByDegree: [Term] {
    terms.enumerated().sorted { l, r in
      l.element.factors.count != r.element.factors.count
        ? l.element.factors.count < r.element.factors.count : l.offset < r.offset
    }.map(\.element)
  }
}
