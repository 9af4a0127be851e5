/// The candidate nearest to `name` by edit distance (case-insensitive, a
/// transposition counts as one edit), if it is close enough to be a plausible
/// typo: at most `limit` edits, by default a third of the name's length and at
/// least 1. Used for "did you mean" suggestions by every layer (row conditions,
/// formulas, covariance options, the command line), hence its place at the bottom.
public func closestMatch(to name: String, among candidates: [String], limit: Int? = nil) -> String? {
  let limit = limit ?? max(1, name.count / 3)
  // Suggestions are for typos in ordinary names; the distance table is quadratic in length.
  guard name.count <= 100 else { return nil }
  var best: (String, Int)?
  for candidate in candidates where abs(candidate.count - name.count) <= limit {
    let d = editDistance(Array(name.lowercased().unicodeScalars), Array(candidate.lowercased().unicodeScalars))
    if d <= limit && (best == nil || d < best?.1 ?? Int.max) { best = (candidate, d) }
  }
  return best?.0
}

/// Levenshtein distance with transpositions counted as one edit.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous2 = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
        current[j] = min(current[j], previous2[j - 2] + 1)
      }
    }
    (previous2, previous, current) = (previous, current, previous2)
  }
  return previous[b.count]
}
