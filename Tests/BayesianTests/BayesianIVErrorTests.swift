import Formulas
import LinearAlgebra
import Tabular
import TestSupport
import Testing

@testable import Bayesian

/// Bad models, priors and settings are typed errors, never traps.
@Suite("Bayesian IV input errors")
struct BayesianIVErrorTests {
  static let design = SimulatedIV.design(rows: 30)

  static func error(_ body: () throws -> Void) -> BayesianIVError? {
    do {
      try body()
      return nil
    } catch let error as BayesianIVError {
      return error
    } catch {
      return nil
    }
  }

  @Test func modelErrors() throws {
    let table = try DataTable(columns: [
      ("y", .numeric([1, 2, 3, 4, 5, 6])), ("x", .numeric([1, 0, 1, 0, 1, 1])), ("t", .numeric([1, 2, 1, 2, 1, 3])),
      ("z", .numeric([0, 1, 0, 1, 1, 0])), ("w", .numeric([2, 1, 0, 1, 3, 0])),
    ])
    #expect(Self.error { _ = try BayesianIV(formula: "y ~ x", data: table) } == .endogenousCount(0))
    #expect(Self.error { _ = try BayesianIV(formula: "y ~ [t + x ~ z + w]", data: table) } == .endogenousCount(2))
    #expect(throws: FormulaError.self) { _ = try BayesianIV(formula: "y ~ [t ~ nope]", data: table) }
    let constant = SimulatedIV.design(rows: 8)
    let small = DesignMatrices(
      dependentName: "y", dependent: Array(constant.dependent.prefix(3)),
      exogenous: Matrix(columns: [[1, 1, 1]]), exogenousNames: ["Intercept"], endogenous: Matrix(columns: [[1, 2, 3]]),
      endogenousNames: ["t"], instruments: Matrix(columns: [[0, 1, 0]]), instrumentNames: ["z"])
    #expect(Self.error { _ = try BayesianIV(design: small) } == .tooFewObservations(observations: 3, needed: 4))
    let collinear = DesignMatrices(
      dependentName: "y", dependent: [1, 2, 3, 4, 5, 7], exogenous: Matrix(columns: [[1, 1, 1, 1, 1, 1]]),
      exogenousNames: ["Intercept"], endogenous: Matrix(columns: [[1, 2, 1, 2, 1, 3]]), endogenousNames: ["t"],
      instruments: Matrix(columns: [[1, 1, 1, 1, 1, 1]]), instrumentNames: ["z"])
    #expect(Self.error { _ = try BayesianIV(design: collinear) } == .singularDesign(equation: "first-stage"))
    let perfect = DesignMatrices(
      dependentName: "y", dependent: [1, 2, 3, 4, 5, 6], exogenous: Matrix(columns: [[1, 1, 1, 1, 1, 1]]),
      exogenousNames: ["Intercept"], endogenous: Matrix(columns: [[1, 2, 3, 4, 5, 6]]), endogenousNames: ["t"],
      instruments: Matrix(columns: [[0, 1, 0, 1, 1, 0]]), instrumentNames: ["z"])
    #expect(Self.error { _ = try BayesianIV(design: perfect).fit(draws: 10, warmup: 0) } == .degenerateErrors)
  }

  @Test func priorErrors() {
    func check(_ prior: BayesianIVPrior) -> BayesianIVError? { Self.error { _ = try BayesianIV(design: Self.design, prior: prior) } }
    #expect(check(BayesianIVPrior(outcomeCoefficients: ["nope": NormalPrior(mean: 0, standardDeviation: 1)]))
      == .unknownTerm("nope", equation: "outcome", known: ["Intercept"]))
    #expect(check(BayesianIVPrior(firstStageCoefficients: ["z": NormalPrior(mean: 0, standardDeviation: 0)])) != nil)
    #expect(check(BayesianIVPrior(effect: .normal(NormalPrior(mean: .nan, standardDeviation: 1)))) != nil)
    let mismatched = HierarchicalEffectPrior(estimates: [1, 2], standardErrors: [1])
    #expect(check(BayesianIVPrior(effect: .hierarchical(mismatched))) != nil)
    #expect(check(BayesianIVPrior(effect: .hierarchical(HierarchicalEffectPrior(estimates: [], standardErrors: [])))) != nil)
    #expect(check(BayesianIVPrior(effect: .hierarchical(HierarchicalEffectPrior(estimates: [1], standardErrors: [-1])))) != nil)
    #expect(check(BayesianIVPrior(effect: .hierarchical(HierarchicalEffectPrior(estimates: [1], standardErrors: [1], populationScale: 0)))) != nil)
    #expect(check(BayesianIVPrior(covariance: .lkj(eta: 0, scale: 1))) != nil)
    #expect(check(BayesianIVPrior(covariance: .lkj(eta: 2, scale: .infinity))) != nil)
    #expect(check(BayesianIVPrior(covariance: .known(Matrix(rows: [[1, 2], [2, 1]])))) != nil)
    #expect(check(BayesianIVPrior(covariance: .known(Matrix(rows: [[1]])))) != nil)
  }

  @Test func settingErrors() throws {
    let model = try BayesianIV(design: Self.design)
    for (chains, draws, warmup) in [(0, 10, 0), (2, 3, 0), (2, 10, -1), (Int.max, Int.max, 0), (1024, 100_000, 0)] {
      #expect(Self.error { _ = try model.fit(chains: chains, draws: draws, warmup: warmup) } != nil, "\(chains) \(draws) \(warmup)")
    }
  }
}
