import Foundation
import LinearAlgebra
import Penalized
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Data set A of the LASSO reference notes (§7.1): n = 200, p = 20, built without random
/// numbers, with the same parenthesisation as the golden scripts so every double matches.
enum DataSetA {
  static let n = 200
  static let p = 20

  /// The design and response.
  static let data: (x: Matrix, y: [Double]) = {
    var x = Matrix(rows: n, columns: p)
    var y = [Double](repeating: 0, count: n)
    for i in 1...n {
      let di = Double(i)
      for j in 1...p {
        let dj = Double(j)
        let wave = sin(di * (0.31 + 0.07 * dj) + 0.5 * dj) + 0.4 * cos((0.13 * dj) * di)
        x[i - 1, j - 1] = (1 + 0.1 * dj) * wave
      }
      var v = 3 + 2 * x[i - 1, 0]
      v = v - 1.5 * x[i - 1, 1]
      v = v + 1.0 * x[i - 1, 2]
      v = v + 0.5 * x[i - 1, 3]
      v = v - 0.25 * x[i - 1, 5]
      v = v + 0.5 * sin(2.9 * di + 1)
      v = v + 0.3 * cos(5.3 * di)
      y[i - 1] = v
    }
    return (x, y)
  }()

  /// The named variants of the golden scripts.
  static func variant(_ name: String) -> (x: Matrix, y: [Double])? {
    var (x, y) = data
    switch name {
    case "A":
      return (x, y)
    case "A_constant_column_5":
      x.setColumn(4, to: [Double](repeating: 2.5, count: n))
      return (x, y)
    case "A_zero_column_8":
      x.setColumn(7, to: [Double](repeating: 0, count: n))
      return (x, y)
    case "A_first_15_rows":
      let rows = (0..<15).map { x.row($0) }
      y = Array(y[0..<15])
      return (Matrix(rows: rows), y)
    default:
      return nil
    }
  }
}

/// `Fixtures/reference/lasso/sklearn.json` (scikit-learn 1.9.1, see
/// `Fixtures/scripts/make_lasso_goldens.py`).
struct SklearnGoldens: Decodable {
  struct DataA: Decodable {
    let y: [Double]
    let x_row_1: [Double]
    let x_row_200: [Double]
    let x_column_sums: [Double]
    let alpha_max_centred: Double
    let alpha_max_uncentred: Double
  }
  struct LassoCase: Decodable {
    let data: String
    let alpha: Double
    let fit_intercept: Bool
    let tol: Double
    let max_iter: Int
    let coef: [Double]
    let intercept: Double
    let n_iter: Int
    let dual_gap: Double
  }
  struct PathCase: Decodable {
    let data: String
    let centred: Bool
    let tol: Double
    let alphas: [Double]
    let coefs: [[Double]]
    let dual_gaps: [Double]
    let n_iter: [Int]
  }
  struct NeuronFits: Decodable {
    let tol: Double
    let coef_rows: [[Double]]
    let n_iter: [Int]
    let correlation: Double
  }
  struct Neurons: Decodable {
    let alpha: Double
    let true_connectivity: [[Double]]
    let default_tol: NeuronFits
    let tight_tol: NeuronFits
  }
  let data_a: DataA
  let lasso: [LassoCase]
  let lasso_path: [PathCase]
  let neurons: Neurons

  static func load() throws -> SklearnGoldens {
    try JSONDecoder().decode(SklearnGoldens.self, from: Data(contentsOf: Fixtures.url("reference/lasso/sklearn.json")))
  }
}

/// `Fixtures/reference/lasso/glmnet.json` (R glmnet 4.1-6, see
/// `Fixtures/scripts/make_glmnet_goldens.R`).
struct GlmnetGoldens: Decodable {
  struct Options: Decodable {
    let thresh: Double?
    let intercept: Bool?
    let standardize: Bool?
    let penalty_factor: [Double]?
    let exclude: [Int]?
    let lambda: [Double]?
    let nlambda: Int?
    let lambda_min_ratio: Double?
    let dfmax: Int?
    let pmax: Int?
    let maxit: Int?

    enum CodingKeys: String, CodingKey {
      case thresh, intercept, standardize, exclude, lambda, nlambda, dfmax, pmax, maxit
      case penalty_factor = "penalty.factor"
      case lambda_min_ratio = "lambda.min.ratio"
    }

    /// The same options for the Swift port (R's 1-based `exclude` made zero-based).
    var glmnetOptions: GlmnetOptions {
      GlmnetOptions(
        standardize: standardize ?? true, fitIntercept: intercept ?? true, lambdaCount: nlambda ?? 100,
        lambdaMinRatio: lambda_min_ratio, lambdas: lambda, penaltyFactors: penalty_factor,
        excludedColumns: (exclude ?? []).map { $0 - 1 }, threshold: thresh ?? 1e-7, maxPasses: maxit ?? 100_000,
        maxNonzero: dfmax, maxEverActive: pmax)
    }
  }
  struct Interpolated: Decodable {
    let s: [Double]
    let coef: [[Double]]
  }
  struct Case: Decodable {
    let name: String
    let data: String
    let options: Options
    let lambda: [Double]
    let a0: [Double]
    let beta: [[Double]]
    let df: [Int]
    let dev_ratio: [Double]
    let nulldev: Double
    let npasses: Int
    let jerr: Int
    let interpolated: Interpolated?
  }
  let cases: [Case]

  static func load() throws -> GlmnetGoldens {
    try JSONDecoder().decode(GlmnetGoldens.self, from: Data(contentsOf: Fixtures.url("reference/lasso/glmnet.json")))
  }
}

/// The largest absolute difference between two equally long arrays.
func maxAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
