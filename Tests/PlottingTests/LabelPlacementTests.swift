@testable import Plotting
import Testing

@Test func spreadLeavesSeparateLabelsAlone() {
  #expect(LabelPlacement.spread([10, 40, 25], gap: 12, lower: 0, upper: 100) == [10, 40, 25])
  #expect(LabelPlacement.spread([], gap: 12, lower: 0, upper: 100).isEmpty)
}

@Test func spreadCentresACollidingBlockOnItsWishes() {
  // Three labels wishing for 50: one block 10 apart centred on 50, in input order.
  #expect(LabelPlacement.spread([50, 50, 50], gap: 10, lower: 0, upper: 100) == [40, 50, 60])
  // Two close labels move apart symmetrically; a far one stays.
  #expect(LabelPlacement.spread([20, 24, 90], gap: 10, lower: 0, upper: 100) == [17, 27, 90])
}

@Test func spreadStaysWithinTheBoundsAndShrinksTheGapWhenItMust() {
  let pushed = LabelPlacement.spread([99, 100, 100], gap: 10, lower: 0, upper: 100)
  #expect(pushed == [80, 90, 100])
  let crowded = LabelPlacement.spread(Array(repeating: 5, count: 11), gap: 50, lower: 0, upper: 100)
  #expect(crowded == stride(from: 0.0, through: 100, by: 10).map { $0 })
  let nonFinite = LabelPlacement.spread([.nan, .infinity], gap: 10, lower: 0, upper: 100)
  #expect(nonFinite == [45, 55])
}

@Test func spreadKeepsEveryGapForRandomWishes() {
  var state: UInt64 = 1
  for _ in 0..<200 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let count = Int(state >> 60) + 1
    let wishes = (0..<count).map { index -> Double in
      Double((state >> UInt64(index * 4 % 56)) & 0xFF) / 2
    }
    let placed = LabelPlacement.spread(wishes, gap: 12, lower: 0, upper: 300)
    let sorted = placed.sorted()
    #expect(sorted.allSatisfy { $0 >= 0 && $0 <= 300 })
    #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $1 - $0 >= 12 - 1e-9 }, "\(wishes) → \(placed)")
    // Order is kept: a label never jumps over another.
    let byWish = wishes.indices.sorted { (wishes[$0], $0) < (wishes[$1], $1) }.map { placed[$0] }
    #expect(byWish == byWish.sorted())
  }
}

@Test func lineLabelsAvoidEachOtherAndTheOtherLines() {
  // Far apart: centred on their lines, in one row.
  let far = LabelPlacement.labels(forLinesAt: [100, 300], widths: [60, 60], left: 0, right: 400, gap: 8)
  #expect(far.map(\.start) == [70, 270] && far.map(\.row) == [0, 0])
  // Close lines: centred or set right, the first label would straddle the second line,
  // so it goes left; centred, the second would straddle the first, so it goes right.
  // One row, and no line crosses a label.
  let close = LabelPlacement.labels(forLinesAt: [200, 216], widths: [80, 80], left: 0, right: 400, gap: 8)
  #expect(close.map(\.start) == [116, 220] && close.map(\.row) == [0, 0])
  // Coincident lines stack their labels, centred then beside.
  let same = LabelPlacement.labels(forLinesAt: [200, 200], widths: [80, 80], left: 0, right: 400, gap: 8)
  #expect(same.map(\.row) == [0, 1])
  // Near the edges the labels stay inside.
  let edge = LabelPlacement.labels(forLinesAt: [5, 395], widths: [80, 80], left: 0, right: 400, gap: 8)
  #expect(edge.map(\.start) == [0, 320])
  // Three lines too close for any clean spot: the third is stacked, without overlap.
  let crowded = LabelPlacement.labels(forLinesAt: [200, 205, 210], widths: [80, 80, 80], left: 0, right: 400, gap: 8)
  #expect(Set(crowded.map(\.row)).count >= 2)
  for (i, a) in crowded.enumerated() {
    for b in crowded.dropFirst(i + 1) where a.row == b.row {
      #expect(a.start + 80 + 8 <= b.start || b.start + 80 + 8 <= a.start)
    }
  }
}
