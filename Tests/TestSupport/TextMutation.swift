extension SplitMix64 {
  /// `text` after one to four random edits — delete a run, insert one of `fragments`,
  /// swap two characters, duplicate a run — for the bounded random-input tests of the
  /// parsers (deterministic for a given generator state).
  public mutating func mutated(_ text: String, fragments: [String]) -> String {
    func random(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    var scalars = Array(text.unicodeScalars)
    for _ in 0..<(1 + random(4)) {
      let at = random(scalars.count + 1)
      switch random(4) {
      case 0 where !scalars.isEmpty:  // delete a run
        let end = min(scalars.count, at + 1 + random(4))
        if at < end { scalars.removeSubrange(at..<end) }
      case 1:  // insert a fragment
        scalars.insert(contentsOf: fragments[random(fragments.count)].unicodeScalars, at: at)
      case 2 where scalars.count > 1:  // swap two characters
        scalars.swapAt(random(scalars.count), random(scalars.count))
      default:  // duplicate a run
        let start = random(scalars.count + 1)
        let end = min(scalars.count, start + random(8))
        scalars.insert(contentsOf: scalars[start..<end], at: at)
      }
    }
    return String(String.UnicodeScalarView(scalars))
  }
}
