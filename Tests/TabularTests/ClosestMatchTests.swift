import Tabular
import Testing

/// `closestMatch` lives in Tabular so that every layer (row conditions, formulas,
/// covariance options, the command line) can suggest names.
@Suite("Closest match")
struct ClosestMatchTests {
  @Test func suggestsPlausibleTypos() {
    let names = ["age", "region", "income", "push_assigned"]
    #expect(closestMatch(to: "agee", among: names) == "age")
    #expect(closestMatch(to: "regoin", among: names) == "region")  // a transposition is one edit
    #expect(closestMatch(to: "INCOME", among: names) == "income")  // case is ignored
    #expect(closestMatch(to: "push_asigned", among: names) == "push_assigned")
  }

  @Test func staysQuietForUnrelatedNames() {
    #expect(closestMatch(to: "zzz", among: ["age", "region"]) == nil)
    #expect(closestMatch(to: "x", among: []) == nil)
    #expect(closestMatch(to: String(repeating: "a", count: 101), among: [String(repeating: "a", count: 101)]) == nil)
  }

  @Test func limitCanBeWidened() {
    #expect(closestMatch(to: "--fist", among: ["--first-stage"]) == nil)
    #expect(closestMatch(to: "--cov", among: ["--cove"], limit: 0) == nil)
    #expect(closestMatch(to: "--cvo", among: ["--cov", "--format"], limit: 2) == "--cov")
  }
}
