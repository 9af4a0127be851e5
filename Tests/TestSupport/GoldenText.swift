public import Testing

/// Compares a summary with linearmodels' printed text line by line, skipping the
/// `Date:`/`Time:` header lines (they hold the fit time) and any line index in
/// `skipping`. Reports the first differing lines at the caller.
public func expectSameSummary(
  _ actual: String, _ expected: String, skipping: Set<Int> = [],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  #expect(a.count == e.count, "line count \(a.count) vs \(e.count)", sourceLocation: sourceLocation)
  for (i, (x, y)) in zip(a, e).enumerated() where !skipping.contains(i) {
    if y.hasPrefix("Date:") || y.hasPrefix("Time:") {
      #expect(x.prefix(40).hasPrefix(y.prefix(5)), "line \(i + 1): \(x)", sourceLocation: sourceLocation)
      #expect(x.dropFirst(37) == y.dropFirst(37), "line \(i + 1) right half", sourceLocation: sourceLocation)
      continue
    }
    #expect(x == y, "line \(i + 1):\n  ours:   '\(x)'\n  theirs: '\(y)'", sourceLocation: sourceLocation)
  }
}
