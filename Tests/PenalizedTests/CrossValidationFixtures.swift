import Foundation
import LinearAlgebra
import Penalized
import TestSupport

/// The data of the cross-validation goldens, with their fold ids.
enum CrossValidationData {
  /// Data set A with foldid = (i mod 5) + 1.
  static func a() -> (x: Matrix, y: [Double], folds: [Int]) {
    let (x, y) = DataSetA.data
    return (x, y, (0..<x.rows).map { $0 % 5 + 1 })
  }

  /// Data set B: z1…z30 and the response `d` or `d_weak`.
  static func b(response: String) throws -> (x: Matrix, y: [Double], folds: [Int]) {
    let csv = try ReferenceCSV("data/lasso_b.csv")
    let x = try csv.matrix((1...30).map { "z\($0)" })
    return (x, try csv.column(response), try csv.column("foldid").map { Int($0) })
  }

  /// An A/B data set (`ab_tests_iv` or `ab_tests_null`): the candidates m1…mp, the
  /// controls, the first-stage response x and the fold column.
  static func ab(_ name: String) throws -> (m: Matrix, controls: Matrix, x: [Double], folds: [Int]) {
    let csv = try ReferenceCSV("data/\(name).csv")
    let p = csv.names.filter { $0.hasPrefix("m") }.count
    return (
      try csv.matrix((1...p).map { "m\($0)" }), try csv.matrix(["c1", "c2"]), try csv.column("x"),
      try csv.column("fold").map { Int($0) }
    )
  }

  /// The A/B variant of a golden run: `partialled` (x and every m_j residualised on
  /// (1, c1, c2) by Householder QR, as R's `qr.resid`) or `penalty_factor` (the controls
  /// appended as unpenalised columns).
  static func abVariant(_ name: String, _ variant: String) throws
    -> (x: Matrix, y: [Double], folds: [Int], penaltyFactors: [Double]?)
  {
    let (m, controls, x, folds) = try ab(name)
    if variant == "partialled" {
      let on = (0..<2).map { controls.column($0) }
      return (ReferenceCSV.partialled(m, on: on), ReferenceCSV.partialled(Matrix(columns: [x]), on: on).column(0), folds, nil)
    }
    return (
      m.appendingColumns(of: controls), x, folds, [Double](repeating: 1, count: m.columns) + [0, 0]
    )
  }
}

/// One `cv.glmnet` run of `Fixtures/reference/lasso_cv/cv_glmnet_*.json`.
struct CVGlmnetRun: Decodable {
  struct FullFit: Decodable {
    let path_length: Int
    let npasses: Int
    let df: [Int]
    let dev_ratio: [Double]
    let nulldev: Double
  }
  struct FoldFit: Decodable {
    let fold: Int
    let n_train: Int
    let lambda_max: Double
    let path_length: Int
  }
  let thresh: Double
  let n: Int
  let p: Int
  let nfolds: Int
  let penalty_factor: [Double]
  let lambda: [Double]
  let cvm: [Double]
  let cvsd: [Double]
  let nzero: [Int]
  let lambda_min: Double
  let lambda_1se: Double
  let index_min: Int
  let index_1se: Int
  let nonzero_min: [Int]
  let nonzero_1se: [Int]
  let coef_min: [Double]
  let coef_1se: [Double]
  let full_fit: FullFit
  let fold_fits: [FoldFit]
}

/// The two runs of one data set (glmnet's default `thresh` and 1e-12).
struct CVGlmnetPair: Decodable {
  let default_thresh: CVGlmnetRun
  let thresh_1e_12: CVGlmnetRun

  func run(_ name: String) -> CVGlmnetRun? {
    switch name {
    case "default_thresh": default_thresh
    case "thresh_1e_12": thresh_1e_12
    default: nil
    }
  }
}

/// `cv_glmnet_a.json`, `cv_glmnet_b.json` and `cv_glmnet_ab.json`.
enum CVGlmnetGoldens {
  struct A: Decodable {
    struct SharedGrid: Decodable {
      let lambda_min: Double
      let lambda_1se: Double
      let cvm: [Double]
      let cvsd: [Double]
    }
    let cv: CVGlmnetPair
    let cv_shared_grid: SharedGrid
  }
  struct B: Decodable {
    let strong: CVGlmnetPair
    let weak: CVGlmnetPair
  }
  struct ABData: Decodable {
    let partialled: CVGlmnetPair
    let penalty_factor: CVGlmnetPair
  }
  struct AB: Decodable {
    let ab_tests_iv: ABData
    let ab_tests_null: ABData
  }

  static func load<T: Decodable>(_ file: String, as type: T.Type) throws -> T {
    try JSONDecoder().decode(type, from: Data(contentsOf: Fixtures.url("reference/lasso_cv/\(file)")))
  }

  /// The run named `data/variant/thresh`, e.g. `ab_tests_iv/penalty_factor/thresh_1e_12`.
  static func run(_ key: String) throws -> CVGlmnetRun? {
    let parts = key.split(separator: "/").map(String.init)
    guard parts.count == 3 else { return nil }
    let pair: CVGlmnetPair
    switch (parts[0], parts[1]) {
    case ("A", "cv"): pair = try load("cv_glmnet_a.json", as: A.self).cv
    case ("B", "strong"): pair = try load("cv_glmnet_b.json", as: B.self).strong
    case ("B", "weak"): pair = try load("cv_glmnet_b.json", as: B.self).weak
    case ("ab_tests_iv", let v), ("ab_tests_null", let v):
      let ab = try load("cv_glmnet_ab.json", as: AB.self)
      let data = parts[0] == "ab_tests_iv" ? ab.ab_tests_iv : ab.ab_tests_null
      guard v == "partialled" || v == "penalty_factor" else { return nil }
      pair = v == "partialled" ? data.partialled : data.penalty_factor
    default: return nil
    }
    return pair.run(parts[2])
  }

  /// The data, fold ids and penalty factors of a run key.
  static func data(_ key: String) throws -> (x: Matrix, y: [Double], folds: [Int], penaltyFactors: [Double]?)? {
    let parts = key.split(separator: "/").map(String.init)
    switch (parts[0], parts[1]) {
    case ("A", _):
      let (x, y, f) = CrossValidationData.a()
      return (x, y, f, nil)
    case ("B", "strong"):
      let (x, y, f) = try CrossValidationData.b(response: "d")
      return (x, y, f, nil)
    case ("B", "weak"):
      let (x, y, f) = try CrossValidationData.b(response: "d_weak")
      return (x, y, f, nil)
    default:
      return try CrossValidationData.abVariant(parts[0], parts[1])
    }
  }
}
