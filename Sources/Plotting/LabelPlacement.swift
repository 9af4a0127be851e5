/// Placing labels so that they do not overlap: spreading a column of labels apart along
/// one axis, and setting the labels of vertical lines in rows above them.
enum LabelPlacement {
  /// Positions near `desired` (in the same order), each within `[lower, upper]`, with
  /// neighbours at least `gap` apart.
  ///
  /// Labels that would collide are merged into a block of evenly spaced labels centred on
  /// the mean of their wishes (then moved inside the bounds), repeatedly, so that labels
  /// move as little as they can. When the bounds cannot hold every label `gap` apart the
  /// gap shrinks to fit; non-finite wishes count as the middle of the bounds.
  static func spread(_ desired: [Double], gap: Double, lower: Double, upper: Double) -> [Double] {
    guard !desired.isEmpty else { return [] }
    let low = min(lower, upper)
    let high = max(lower, upper)
    let wishes = desired.map { $0.isFinite ? $0 : (low + high) / 2 }
    var step = gap.isFinite ? max(gap, 0) : 0
    if wishes.count > 1 { step = min(step, (high - low) / Double(wishes.count - 1)) }
    let order = wishes.indices.sorted { (wishes[$0], $0) < (wishes[$1], $1) }

    /// A run of labels `step` apart, the first at `start`.
    struct Block {
      var members: [Int]
      var start: Double
    }
    func placed(_ members: [Int]) -> Block {
      let offsets = members.enumerated().map { wishes[$0.element] - Double($0.offset) * step }
      let mean = offsets.reduce(0, +) / Double(offsets.count)
      let last = high - Double(members.count - 1) * step
      return Block(members: members, start: min(max(mean, low), max(last, low)))
    }
    var blocks: [Block] = []
    for index in order {
      var block = placed([index])
      while let previous = blocks.last,
        previous.start + Double(previous.members.count) * step > block.start + 1e-9 * max(step, 1)
      {
        blocks.removeLast()
        block = placed(previous.members + block.members)
      }
      blocks.append(block)
    }
    var positions = wishes
    for block in blocks {
      for (offset, member) in block.members.enumerated() {
        positions[member] = block.start + Double(offset) * step
      }
    }
    return positions
  }

  /// Where to write the labels of vertical lines at `anchors`, in rows above them: each
  /// label's left end and row (0 nearest the lines' tops).
  ///
  /// Labels are placed in order. Each label of width `widths[i]` tries, row by row, to be
  /// centred on its line, then just right of it, then just left of it (always within
  /// `[left, right]`), and takes the first spot that keeps `gap` from the labels already in
  /// that row and does not straddle another line (a line runs up to its own label, so it
  /// would cross the text). Lines closer than half a pixel count as one. When no row
  /// within one per label has such a spot, the label is centred in the first row where it
  /// only keeps clear of other labels.
  static func labels(forLinesAt anchors: [Double], widths: [Double], left: Double, right: Double, gap: Double)
    -> [(start: Double, row: Int)]
  {
    var placed: [(start: Double, end: Double, row: Int)] = []
    for (index, anchor) in anchors.enumerated() {
      let width = index < widths.count ? max(widths[index], 0) : 0
      func clamped(_ start: Double) -> Double { max(min(start, right - width), left) }
      let candidates = [anchor - width / 2, anchor + gap / 2, anchor - gap / 2 - width].map(clamped)
      let others = anchors.enumerated().filter { $0.offset != index && abs($0.element - anchor) > 0.5 }
        .map(\.element)
      func isClear(_ start: Double, row: Int) -> Bool {
        !placed.contains { $0.row == row && $0.start < start + width + gap && start < $0.end + gap }
      }
      var spot: (start: Double, end: Double, row: Int)?
      search: for row in 0...anchors.count {
        for start in candidates where isClear(start, row: row) {
          if others.contains(where: { $0 > start - 2 && $0 < start + width + 2 }) { continue }
          spot = (start, start + width, row)
          break search
        }
      }
      if spot == nil {
        var row = 0
        while !isClear(candidates[0], row: row) { row += 1 }
        spot = (candidates[0], candidates[0] + width, row)
      }
      if let spot { placed.append(spot) }
    }
    return placed.map { ($0.start, $0.row) }
  }
}
