import Foundation
import Tabular
import TestSupport
import Testing

/// `DataTable.describe()` against pandas' `Series.describe()`, `nunique()` and
/// `value_counts()` (`Fixtures/reference/describe.json`, made by
/// `Fixtures/scripts/make_describe_goldens.py`), and edge cases by hand.
@Suite("ColumnSummary: describe() against pandas and edge cases")
struct ColumnSummaryTests {
  static let datasets = ["app_engagement_push.csv", "formula_data.csv", "describe_mixed.csv"]

  /// Mean, standard deviation and quartiles are closed forms of the same numbers;
  /// only the summation order differs from pandas' (observed: ≤ 5e-16 relative).
  static let rtol = 1e-12

  /// `Fixtures/reference/describe.json`. Read with `JSONDecoder`, which parses
  /// doubles exactly (Foundation's `JSONSerialization` on Linux can be 1 ulp off),
  /// so minima and maxima, which are data values, can be compared exactly.
  struct Reference: Decodable {
    struct Dataset: Decodable {
      let rows: Int
      let columns: [ColumnEntry]
    }

    struct ColumnEntry: Decodable {
      let name: String
      let position: Int
      let kind: String
      let count: Int
      let missing: Int
      let nunique: Int
      // Numeric columns (null = NaN in pandas).
      let mean: Double?
      let std: Double?
      let min: Double?
      let q25: Double?
      let q50: Double?
      let q75: Double?
      let max: Double?
      let binary: Bool?
      let integer: Bool?
      // Categorical columns: [level, count] pairs in the library's order.
      let levels: [LevelPair]?
      let pandas_top: String?
      let pandas_freq: Int?
    }

    /// A `[level, count]` pair.
    struct LevelPair: Decodable {
      let level: String
      let count: Int

      init(from decoder: any Decoder) throws {
        var pair = try decoder.unkeyedContainer()
        level = try pair.decode(String.self)
        count = try pair.decode(Int.self)
      }
    }

    let versions: [String: String]
    let datasets: [String: Dataset]

    static func load() throws -> Reference {
      try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Fixtures.url("reference/describe.json")))
    }
  }

  /// Every column of every data set: kind, counts, statistics, hints, levels.
  @Test(arguments: datasets)
  func matchesPandas(dataset: String) throws {
    let reference = try #require(try Reference.load().datasets[dataset])
    let table = try DataTable(contentsOfCSVFile: Fixtures.url("data/\(dataset)").path)
    #expect(table.rowCount == reference.rows)

    let summaries = table.describe()
    try #require(summaries.count == reference.columns.count)
    for (summary, expected) in zip(summaries, reference.columns) {
      let label = "\(dataset) \(summary.name)"
      #expect(summary.name == expected.name, "\(label)")
      #expect(summary.position == expected.position, "\(label)")
      #expect(summary.kind.rawValue == expected.kind, "\(label)")
      #expect(summary.count == expected.count, "\(label)")
      #expect(summary.missingCount == expected.missing, "\(label)")
      #expect(summary.rowCount == table.rowCount, "\(label)")
      #expect(summary.distinctCount == expected.nunique, "\(label)")

      switch summary.kind {
      case .numeric:
        // Data values: exact.
        #expect(summary.minimum == expected.min, "\(label) min")
        #expect(summary.maximum == expected.max, "\(label) max")
        let statistics: [(String, Double?, Double?)] = [
          ("mean", summary.mean, expected.mean), ("std", summary.standardDeviation, expected.std),
          ("25%", summary.firstQuartile, expected.q25), ("50%", summary.median, expected.q50),
          ("75%", summary.thirdQuartile, expected.q75),
        ]
        for (key, actual, golden) in statistics {
          if let golden {
            let actual = try #require(actual, "\(label) \(key) is nil, pandas has \(golden)")
            expectClose(actual, golden, rtol: Self.rtol, "\(label) \(key)")
          } else {
            #expect(actual == nil, "\(label) \(key): pandas has NaN")
          }
        }
        #expect(summary.isBinary == expected.binary, "\(label)")
        #expect(summary.isIntegerValued == expected.integer, "\(label)")
        #expect(summary.levelCounts.isEmpty && summary.levelCount == nil, "\(label)")
        #expect(summary.mostFrequentLevel == nil, "\(label)")
      case .categorical:
        let levels = try #require(expected.levels, "\(label)")
        let expectedLevels = levels.map { ColumnSummary.LevelCount(level: $0.level, count: $0.count) }
        #expect(summary.levelCounts == expectedLevels, "\(label)")
        #expect(summary.levelCount == expectedLevels.count, "\(label)")
        // pandas' `freq`; its `top` differs when levels tie (first seen, not level order).
        #expect(summary.mostFrequentLevel?.count == expected.pandas_freq, "\(label)")
        #expect(expected.pandas_top.map { top in levels.contains { $0.level == top } } == true, "\(label)")
        #expect(summary.typeDescription == "text (\(expectedLevels.count) levels)", "\(label)")
        let statistics = [
          summary.mean, summary.standardDeviation, summary.minimum, summary.firstQuartile, summary.median,
          summary.thirdQuartile, summary.maximum,
        ]
        #expect(statistics.allSatisfy { $0 == nil }, "\(label)")
        #expect(!summary.isBinary && !summary.isIntegerValued, "\(label)")
      }
    }
  }

  /// The goldens say which pandas made them.
  @Test func referenceRecordsVersions() throws {
    let versions = try Reference.load().versions
    #expect(versions["pandas"] == "3.1.1" && versions["python"] == "3.11.7")
  }

  /// The mixed fixture's columns, one by one: what `ivreg describe` is for.
  @Test func mixedFixtureByHand() throws {
    let table = try DataTable(contentsOfCSVFile: Fixtures.url("data/describe_mixed.csv").path)
    let byName = Dictionary(uniqueKeysWithValues: table.describe().map { ($0.name, $0) })
    let types = table.describe().map(\.typeDescription)
    #expect(
      types == [
        "integer", "text (4 levels)", "numeric", "binary", "numeric", "integer", "numeric", "integer",
        "text (4 levels)",
      ])

    let region = try #require(byName["region"])
    #expect(region.kind == .categorical && region.missingCount == 1 && region.count == 19)
    // Three levels tie at 5: level order, where pandas' `top` is the first seen ("west").
    #expect(region.mostFrequentLevel == ColumnSummary.LevelCount(level: "east", count: 5))
    #expect(region.levelCounts.map(\.level) == ["east", "north", "west", "south"])

    let empty = try #require(byName["empty"])
    #expect(empty.kind == .numeric && empty.count == 0 && empty.missingCount == 20)
    #expect(empty.mean == nil && empty.standardDeviation == nil && empty.median == nil && empty.maximum == nil)
    #expect(empty.distinctCount == 0 && !empty.isBinary && !empty.isIntegerValued)

    let constant = try #require(byName["constant"])
    #expect(constant.mean == 7 && constant.standardDeviation == 0 && constant.distinctCount == 1)

    let single = try #require(byName["single"])
    #expect(single.count == 1 && single.mean == 4.75 && single.standardDeviation == nil)
    #expect(single.firstQuartile == 4.75 && single.median == 4.75 && single.thirdQuartile == 4.75)

    let note = try #require(byName["note"])
    #expect(note.levelCounts.map(\.level) == ["plain", "10", "a, quoted", "x"])
    #expect(note.levelCounts.map(\.count) == [9, 3, 3, 3])
  }

  /// Quartiles by linear interpolation (R's type 7): `quantile(1:4)` and
  /// `quantile(c(1, 2, 4, 8, 16))`.
  @Test func quartilesAreTypeSeven() throws {
    let a = ColumnSummary(name: "a", position: 1, column: .numeric([4, 1, 3, 2]))
    #expect(a.firstQuartile == 1.75 && a.median == 2.5 && a.thirdQuartile == 3.25)
    #expect(a.minimum == 1 && a.maximum == 4 && a.mean == 2.5)
    expectClose(try #require(a.standardDeviation), (5.0 / 3).squareRoot(), rtol: 1e-15)
    let b = ColumnSummary(name: "b", position: 2, column: .numeric([16, .nan, 2, 8, 1, 4]))
    #expect(b.firstQuartile == 2 && b.median == 4 && b.thirdQuartile == 8)
    #expect(b.count == 5 && b.missingCount == 1 && b.position == 2)
  }

  /// Equal values have standard deviation exactly 0 and their own value as mean,
  /// where a rounded sum would give 0.1 + 2 ulp and a standard deviation of 1e-17.
  @Test func equalValuesAreExact() {
    let s = ColumnSummary(name: "c", position: 1, column: .numeric([0.1, 0.1, 0.1, .nan, 0.1, 0.1]))
    #expect(s.mean == 0.1 && s.standardDeviation == 0)
    #expect(s.distinctCount == 1 && s.typeDescription == "numeric")
    let one = ColumnSummary(name: "one", position: 1, column: .numeric([1, 1, 1]))
    #expect(one.isBinary && one.typeDescription == "binary")
  }

  /// Signed zeros are one distinct value; whole numbers of any size are integers;
  /// binary wins over integer.
  @Test func typeHints() {
    let zeros = ColumnSummary(name: "z", position: 1, column: .numeric([0, -0.0, 1, .nan]))
    #expect(zeros.distinctCount == 2 && zeros.isBinary && zeros.isIntegerValued)
    #expect(zeros.typeDescription == "binary")
    let big = ColumnSummary(name: "b", position: 1, column: .numeric([-3, 1e20, 2]))
    #expect(!big.isBinary && big.isIntegerValued && big.typeDescription == "integer")
    let half = ColumnSummary(name: "h", position: 1, column: .numeric([1, 2, 2.5]))
    #expect(!half.isIntegerValued && half.typeDescription == "numeric")
    #expect(half.levelCount == nil && half.levelCounts.isEmpty)
  }

  /// Infinities: the mean is infinite (or undefined for both signs), the standard
  /// deviation undefined, the quartiles interpolate without NaN.
  @Test func infinities() {
    let up = ColumnSummary(name: "u", position: 1, column: .numeric([1, 2, .infinity, 3]))
    #expect(up.mean == .infinity && up.standardDeviation == nil)
    #expect(up.maximum == .infinity && up.thirdQuartile == .infinity && up.median == 2.5)
    #expect(!up.isIntegerValued && up.typeDescription == "numeric")
    let both = ColumnSummary(name: "b", position: 1, column: .numeric([-.infinity, .infinity]))
    #expect(both.mean == nil && both.standardDeviation == nil && both.median == nil)
    #expect(both.minimum == -.infinity && both.firstQuartile == nil && both.maximum == .infinity)
    let down = ColumnSummary(name: "d", position: 1, column: .numeric([-.infinity, -.infinity, 0]))
    #expect(down.mean == -.infinity && down.median == -.infinity && down.thirdQuartile == -.infinity)
    #expect(down.distinctCount == 2)
  }

  /// Sums and squares that overflow are rescaled instead of becoming NaN or ∞.
  @Test func overflowIsRescaled() throws {
    let s = ColumnSummary(name: "o", position: 1, column: .numeric([1.5e308, 1.6e308, 1.7e308]))
    expectClose(try #require(s.mean), 1.6e308, rtol: 1e-15)
    expectClose(try #require(s.standardDeviation), 1e307, rtol: 1e-12)
    let wide = ColumnSummary(name: "w", position: 1, column: .numeric([-1.7e308, 1.7e308, 1e308]))
    expectClose(try #require(wide.mean), 1e308 / 3, rtol: 1e-15)
    // The true standard deviation (≈ 1.79e308) is finite; a naive square overflows.
    let std = try #require(wide.standardDeviation)
    let e = [-1.7, 1.7, 1.0].map { $0 - 1.0 / 3 }
    expectClose(std, (e.map { $0 * $0 }.reduce(0, +) / 2).squareRoot() * 1e308, rtol: 1e-12)
    #expect(wide.median == 1e308)
    expectClose(try #require(wide.firstQuartile), -0.35e308, rtol: 1e-15)
  }

  /// A compensated sum: the mean of 1e16 and many ones is exact where a plain sum
  /// loses every 1.
  @Test func meanIsCompensated() throws {
    let values = [1e16] + [Double](repeating: 1, count: 1000) + [-1e16]
    let s = ColumnSummary(name: "m", position: 1, column: .numeric(values))
    #expect(s.mean == 1000.0 / 1002)
  }

  /// Level counts leave out levels no row holds and count missing codes.
  @Test func categoricalCounts() throws {
    let column = CategoricalColumn(levels: ["a", "b", "c", "d"], codes: [3, -1, 1, 3, 1, -1, 0])
    let s = ColumnSummary(name: "g", position: 4, column: .categorical(column))
    #expect(s.kind == .categorical && s.count == 5 && s.missingCount == 2 && s.rowCount == 7)
    #expect(
      s.levelCounts == [
        .init(level: "b", count: 2), .init(level: "d", count: 2), .init(level: "a", count: 1),
      ])
    #expect(s.levelCount == 3 && s.distinctCount == 3 && s.typeDescription == "text (3 levels)")
    #expect(s.mostFrequentLevel == .init(level: "b", count: 2))
    let one = ColumnSummary(name: "h", position: 1, column: .categorical(CategoricalColumn(labels: ["x", nil])))
    #expect(one.typeDescription == "text (1 level)")
    let none = ColumnSummary(
      name: "n", position: 1, column: .categorical(CategoricalColumn(levels: ["x"], codes: [-1, -1])))
    #expect(none.count == 0 && none.levelCount == 0 && none.mostFrequentLevel == nil)
    #expect(none.typeDescription == "text (0 levels)")
  }

  /// Positions are 1-based and follow the table; a header-only table has empty columns.
  @Test func describeFollowsTheTable() throws {
    let table = try DataTable(csv: "y,g,x\n1,a,NA\n2,b,0.5\nNA,a,1\n4,a,\n")
    let summaries = table.describe()
    #expect(summaries.map(\.name) == ["y", "g", "x"])
    #expect(summaries.map(\.position) == [1, 2, 3])
    #expect(summaries.map(\.missingCount) == [1, 0, 2])
    #expect(summaries[0].mean == 7.0 / 3 && summaries[0].typeDescription == "integer")
    #expect(summaries[1].mostFrequentLevel == .init(level: "a", count: 3))
    #expect(summaries[2].median == 0.75)
    #expect(summaries == table.describe())
    let headerOnly = try DataTable(csv: "a,b\n")
    #expect(headerOnly.describe().map(\.count) == [0, 0])
    #expect(headerOnly.describe().allSatisfy { $0.kind == .numeric && $0.mean == nil })
    #expect(try DataTable(columns: []).describe().isEmpty)
  }
}
