// Cross-validated LASSO selection of instruments at scale: n = 100 000 rows, p = 200 binary
// candidates, 10 folds, 100 λ — the time of `cv.glmnet`-exact selection.
//
//     swift build -c release
//     /usr/bin/time -v .build/release/lasso-benchmark [--rows N] [--columns P] [--sklearn] [--write-csv PATH]
//
// Prints the data checksum, the time of the cross-validation alone, lambda.min/lambda.1se
// and the selected columns (1-based, as R prints them). `--sklearn` also runs the
// scikit-learn-exact LassoCV on the same folds; `--write-csv` writes the data (columns
// m1…mP, x, fold) for the R and Python references.

import Foundation
import LinearAlgebra
import Penalized

var rows = 100_000, columns = 200, folds = 10
var runSklearn = false
var csvPath: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
  switch argument {
  case "--rows": rows = arguments.next().flatMap { Int($0) } ?? rows
  case "--columns": columns = arguments.next().flatMap { Int($0) } ?? columns
  case "--sklearn": runSklearn = true
  case "--write-csv": csvPath = arguments.next()
  default:
    FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
    exit(2)
  }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func oneBased(_ columns: [Int]) -> String { "[" + columns.map { "\($0 + 1)" }.joined(separator: ", ") + "]" }

let generation = ContinuousClock.now
let data = SimulatedInstruments(rows: rows, columns: columns, folds: folds)
print("data: n = \(rows), p = \(columns), \(folds) folds, generated in \(String(format: "%.3f", seconds(since: generation))) s")
print("checksum: sum(x) = \(data.y.reduce(0, +)), sum(m) = \(data.x.columnMajorValues.reduce(0, +))")

if let csvPath {
  var text = (1...columns).map { "m\($0)" }.joined(separator: ",") + ",x,fold\n"
  for i in 0..<rows {
    for j in 0..<columns { text += data.x[i, j] == 0 ? "0," : "1," }
    text += "\(data.y[i]),\(data.folds[i])\n"
  }
  try text.write(toFile: csvPath, atomically: true, encoding: .utf8)
  print("wrote \(csvPath)")
}

do {
  if ProcessInfo.processInfo.environment["GRAM_TIME"] != nil {
    let t = ContinuousClock.now
    _ = try GramStatistics(x: data.x, y: data.y)
    print("gram: \(seconds(since: t))")
  }
  let start = ContinuousClock.now
  let cv = try GlmnetCrossValidation().fit(data.x, data.y, foldIDs: data.folds)
  let elapsed = seconds(since: start)
  print("cv.glmnet-exact: \(String(format: "%.3f", elapsed)) s, \(cv.lambdas.count) λ")
  print("  lambda.min = \(cv.lambdaMin) (index \(cv.indexMin + 1)), cvm = \(cv.meanErrors[cv.indexMin])")
  print("  selected at lambda.min: \(oneBased(cv.selectedColumns(.minimum)))")
  print("  lambda.1se = \(cv.lambdaOneStandardError) (index \(cv.indexOneStandardError + 1))")
  print("  selected at lambda.1se: \(oneBased(cv.selectedColumns(.oneStandardError)))")

  if runSklearn {
    let start = ContinuousClock.now
    let sk = try LassoCrossValidation().fit(data.x, data.y, foldIDs: data.folds)
    print("LassoCV-exact: \(String(format: "%.3f", seconds(since: start))) s")
    print("  alpha_ = \(sk.alpha) (index \(sk.index)), selected: \(oneBased(sk.selectedColumns))")
  }
} catch {
  FileHandle.standardError.write(Data("lasso-benchmark: \(error)\n".utf8))
  exit(1)
}
