import LinearAlgebra
import Tabular
import TestSupport
import Testing

@testable import Formulas

/// The formula parser and design matrices on thousands of mutated formulas: a bounded,
/// deterministic companion of the libFuzzer harness `Tests/Fuzz/Harnesses/FuzzFormula.swift`
/// (issue 9), so that `swift test` catches a regression.
@Suite("Formulas: random input")
struct FormulaFuzzTests {
  static let seeds = [
    "y ~ x1 + x2", "y ~ 1 + x1 + [x2 ~ z1 + z2]", "log(pos) ~ C(s, Treatment('b')) * x1", "y ~ (x1 + x2 + w)**2 - x1:x2",
    "y ~ 0 + I(x1 / pos) + np.exp(x2) + sqrt(pos)", "y ~ x1 + [x2 + w ~ z*]", "y ~ C(g) + s:x1 + abs(x2) - 1",
    "I(y * 2) ~ log1p(pos) + `x1` + x{1,2}",
  ]
  static let fragments = [
    "(", ")", "[", "]", "~", "+", "-", "*", "/", ":", "**", "**2", "1", "0", "x1", "z1", "s", "g", "pos", "log(", "C(",
    "I(", "Treatment(", "'", "\"", "`", ",", " ", "\u{E9}", "東", "🙂", "\n", "*", "1e400", ".5", "np.", "foo(",
  ]

  static func table() throws -> DataTable {
    var y: [Double] = []
    var x1: [Double] = []
    var x2: [Double] = []
    var pos: [Double] = []
    var z1: [Double] = []
    var z2: [Double] = []
    var w: [Double] = []
    var g: [Double] = []
    var s: [String?] = []
    for row in 0..<14 {
      let r = Double(row)
      y.append(r * r / 7 - 3 + Double(row % 3))
      x1.append(row == 5 ? .nan : r * 0.5 - 1)
      x2.append(Double((row * 5) % 7) - 2)
      pos.append(r + 1)
      z1.append(Double((row * 3) % 11) - 5)
      z2.append(Double((row * 7) % 5))
      w.append(0.5 + Double((row * row) % 13))
      g.append(Double(row % 3))
      s.append(row == 9 ? nil : ["a", "b", "c"][row % 3])
    }
    return try DataTable(columns: [
      ("y", .numeric(y)), ("x1", .numeric(x1)), ("x2", .numeric(x2)), ("pos", .numeric(pos)), ("z1", .numeric(z1)),
      ("z2", .numeric(z2)), ("w", .numeric(w)), ("g", .numeric(g)), ("s", .categorical(CategoricalColumn(labels: s))),
    ])
  }

  @Test func mutatedFormulasParseOrThrowButNeverCrash() throws {
    let table = try Self.table()
    var rng = SplitMix64(seed: 0xF0A)
    var built = 0
    var rejected = 0
    var syntaxErrors = 0
    for iteration in 0..<10_000 {
      let text = rng.mutated(Self.seeds[iteration % Self.seeds.count], fragments: Self.fragments)
      let formula: Formula
      do {
        formula = try Formula(text)
      } catch {
        syntaxErrors += 1
        let offset = try #require(error.offset, "\(text): \(error) has no position")
        #expect(offset >= 0 && offset <= text.unicodeScalars.count, "\(text): \(error)")
        #expect(!error.description.contains("\n") && !error.description.isEmpty, "\(text)")
        #expect(error.caretDiagram(for: text) != nil)
        continue
      }
      do {
        let design = try DesignMatrices(formula: formula, data: table)
        built += 1
        let n = design.observationCount
        #expect(design.exogenous.rows == n && design.endogenous.rows == n && design.instruments.rows == n, "\(text)")
        #expect(n + design.droppedRowCount == table.rowCount, "\(text): rows lost")
        #expect(design.exogenous.columnMajorValues.allSatisfy { $0.isFinite }, "\(text)")
        #expect(design.exogenousNames.count == design.exogenous.columns, "\(text)")
      } catch {
        rejected += 1
        #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(text)")
        if let offset = error.offset { #expect(offset >= 0 && offset <= text.unicodeScalars.count, "\(text): \(error)") }
      }
    }
    // Every outcome must be exercised for the test to mean anything.
    #expect(built > 400)
    #expect(rejected > 300)
    #expect(syntaxErrors > 7_000)
  }
}
