/// Decides, term by term, which categorical factors get reduced (treatment)
/// coding and which get a column per level, so that the columns stay
/// structurally full rank — formulaic's algorithm.
///
/// Each term spans a set of "scoped terms" (every subset of its categorical
/// factors in reduced form, times its numeric factors). Scoped terms already
/// spanned by earlier terms are removed; the rest are simplified with the rule
/// `A:b(reduced) + A → A:b(full)`. The spanned set is shared across the model,
/// so instruments and endogenous terms are coded given the exogenous ones.
struct TermEncoder {
  /// A factor of a scoped term and whether it is coded with reduced rank.
  struct ScopedFactor: Hashable {
    /// Index into the current term's factors (not part of the identity: the same
    /// factor has different indices in different terms).
    let factor: Int
    let name: String
    let reduced: Bool

    static func == (l: ScopedFactor, r: ScopedFactor) -> Bool { l.name == r.name && l.reduced == r.reduced }
    func hash(into hasher: inout Hasher) {
      hasher.combine(name)
      hasher.combine(reduced)
    }
  }

  /// A product of scoped factors (empty: the intercept).
  struct ScopedTerm: Hashable {
    let factors: [ScopedFactor]
    var set: Set<ScopedFactor> { Set(factors) }
    static func == (l: ScopedTerm, r: ScopedTerm) -> Bool { l.set == r.set }
    func hash(into hasher: inout Hasher) { hasher.combine(set) }
  }

  private(set) var spanned: Set<ScopedTerm> = []

  /// The scoped terms for one term, given which of its factors are categorical.
  mutating func scopedTerms(factorNames: [String], categorical: [Bool]) -> [ScopedTerm] {
    // Product over factors: numeric → (f); categorical → (f reduced, absent).
    var products: [[ScopedFactor]] = [[]]
    for (i, name) in factorNames.enumerated() {
      var next: [[ScopedFactor]] = []
      let options: [ScopedFactor?] =
        categorical[i]
        ? [ScopedFactor(factor: i, name: name, reduced: true), nil]
        : [ScopedFactor(factor: i, name: name, reduced: false)]
      for prefix in products {
        for option in options { next.append(option.map { prefix + [$0] } ?? prefix) }
      }
      products = next
    }
    var span: [ScopedTerm] = []
    var seen: Set<ScopedTerm> = []
    for p in products {
      let term = ScopedTerm(factors: p)
      if !spanned.contains(term) && seen.insert(term).inserted { span.append(term) }
    }
    spanned.formUnion(span)
    return Self.simplify(span)
  }

  private static func simplify(_ scoped: [ScopedTerm]) -> [ScopedTerm] {
    var terms: [ScopedTerm] = []
    let ordered = scoped.enumerated().sorted {
      $0.element.factors.count != $1.element.factors.count
        ? $0.element.factors.count < $1.element.factors.count : $0.offset < $1.offset
    }.map(\.element)
    for term in ordered {
      var combined = false
      let factors = term.set
      for existing in terms {
        guard factors.count - 1 == existing.factors.count else { continue }
        let difference = factors.subtracting(existing.set)
        guard difference.count == 1, let added = difference.first, added.reduced else { continue }
        let full = ScopedFactor(factor: added.factor, name: added.name, reduced: false)
        let widened = ScopedTerm(factors: term.factors.map { $0 == added ? full : $0 })
        terms = simplify(terms.filter { $0 != existing } + [widened])
        combined = true
        break
      }
      if !combined && !terms.contains(term) { terms.append(term) }
    }
    return terms
  }
}
