// Cross-validated LASSO selection of instruments at scale: n = 100 000 rows, p = 200 binary
// candidates, 10 folds, 100 λ — the time of `cv.glmnet`-exact selection.
//
//     swift build -c release
//     /usr/bin/time -v .build/release/lasso-benchmark [--rows N] [--columns P] [--continuous] [--sklearn]
//
// Prints the data's fingerprint, the time of the cross-validation alone, lambda.min and
// lambda.1se with the selected columns (1-based, as R prints them). `--sklearn` also runs
// the scikit-learn-exact LassoCV on the same folds; `--continuous` replaces the binary
// candidates by uniform ones (the general, non-bit-set route). With `--reference FILE`
// (the JSON written by Fixtures/scripts/bench_lasso_reference.R) the selected sets are
// compared with cv.glmnet's.

import Foundation
import LinearAlgebra
import Penalized

var rows = 100_000, columns = 200, folds = 10
var runSklearn = false, continuous = false
var referencePath: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
  switch argument {
  case "--rows": rows = arguments.next().flatMap { Int($0) } ?? rows
  case "--columns": columns = arguments.next().flatMap { Int($0) } ?? columns
  case "--sklearn": runSklearn = true
  case "--continuous": continuous = true
  case "--reference": referencePath = arguments.next()
  default:
    FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
    exit(2)
  }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func oneBased(_ columns: [Int]) -> [Int] { columns.map { $0 + 1 } }

let generation = ContinuousClock.now
let data = SimulatedInstruments(rows: rows, columns: columns, folds: folds, continuous: continuous)
print(
  "data: n = \(rows), p = \(columns)\(continuous ? " (continuous)" : " (binary)"), \(folds) folds, generated in "
    + String(format: "%.3f", seconds(since: generation)) + " s")
print("fingerprint(x) = \(String(SimulatedInstruments.fingerprint(data.y), radix: 16))")

do {
  let start = ContinuousClock.now
  let cv = try GlmnetCrossValidation().fit(data.x, data.y, foldIDs: data.folds)
  let elapsed = seconds(since: start)
  let atMin = oneBased(cv.selectedColumns(.minimum)), at1se = oneBased(cv.selectedColumns(.oneStandardError))
  print("cv.glmnet-exact cross-validation: \(String(format: "%.3f", elapsed)) s (\(cv.lambdas.count) λ)")
  print("  lambda.min = \(cv.lambdaMin) (index \(cv.indexMin + 1)), cvm = \(cv.meanErrors[cv.indexMin])")
  print("  selected at lambda.min (\(atMin.count)): \(atMin)")
  print("  lambda.1se = \(cv.lambdaOneStandardError) (index \(cv.indexOneStandardError + 1))")
  print("  selected at lambda.1se (\(at1se.count)): \(at1se)")

  if let referencePath {
    struct Reference: Decodable {
      let lambda_min: Double
      let lambda_1se: Double
      let nonzero_min: [Int]
      let nonzero_1se: [Int]
    }
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: referencePath)))
    let same = reference.nonzero_min == atMin && reference.nonzero_1se == at1se
    print("  same selected sets as cv.glmnet: \(same ? "yes" : "NO")")
    print(
      "  relative difference of lambda.min / lambda.1se: "
        + "\(abs(cv.lambdaMin - reference.lambda_min) / reference.lambda_min) / "
        + "\(abs(cv.lambdaOneStandardError - reference.lambda_1se) / reference.lambda_1se)")
  }

  if runSklearn {
    let start = ContinuousClock.now
    let sk = try LassoCrossValidation().fit(data.x, data.y, foldIDs: data.folds)
    print("LassoCV-exact cross-validation: \(String(format: "%.3f", seconds(since: start))) s")
    print("  alpha_ = \(sk.alpha) (index \(sk.index)), selected (\(sk.selectedColumns.count)): \(oneBased(sk.selectedColumns))")
  }
} catch {
  FileHandle.standardError.write(Data("lasso-benchmark: \(error)\n".utf8))
  exit(1)
}
