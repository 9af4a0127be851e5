import Foundation
@testable import Formulas
import Tabular
import Testing

/// A categorical variable with very many levels must not be dummy-coded into more memory
/// than the machine has: the design refuses before allocating, naming the term.
@Suite("Design matrices: memory guard")
struct DesignMemoryGuardTests {
  @Test func manyLevelsBeyondTheMemoryBudgetAreRefusedBeforeAllocation() throws {
    // n rows and n/2 levels need n·n/2·8 bytes; pick n just past half the machine's memory.
    let n = Int((RowFrame.memoryBudget / 4).squareRoot()) + 16
    let labels = (0..<n).map { "id\($0 % (n / 2))" }
    let data = try DataTable(columns: [
      ("y", .numeric((0..<n).map { Double($0 % 7) })), ("x", .numeric((0..<n).map { Double($0 % 5) })),
      ("g", .categorical(CategoricalColumn(labels: labels))),
    ])
    do {
      _ = try DesignMatrices(formula: Formula("y ~ x + C(g)"), data: data)
      Issue.record("the design should have been refused")
    } catch {
      guard case .designTooLarge(let term, let bytes, _, let offset) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(term == "C(g)")
      #expect(bytes > RowFrame.memoryBudget)
      #expect(offset == 8)
      #expect(error.description.contains("GB, more than half of this machine's"))
    }
  }
}
