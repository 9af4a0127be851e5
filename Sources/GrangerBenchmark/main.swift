// GrangerBenchmark: the timing and simulation runs behind Documentation/Performance.md and
// Documentation/Examples/Neurons.md. Not part of the library; build with
// `swift build -c release --product GrangerBenchmark`.
//
//   GrangerBenchmark time [--neurons 100] [--steps 5000] [--lag 1] [--repeat 5] [--seed 42]
//   GrangerBenchmark simulate [--neurons 100] [--steps 5000] [--seed 42] --out file.csv
//   GrangerBenchmark collapse [--steps 5000] [--seeds 20]
import Foundation
import LinearAlgebra
import Regression
import TimeSeries

struct Options {
  var values: [String: String] = [:]
  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let key = iterator.next() {
      if key.hasPrefix("--"), let value = iterator.next() { values[String(key.dropFirst(2))] = value }
    }
  }
  func int(_ key: String, _ fallback: Int) -> Int { values[key].flatMap { Int($0) } ?? fallback }
}

func simulate(neurons: Int, steps: Int, seed: UInt64) -> (Matrix, [[Double]]) {
  var random = SeededGenerator(seed: seed)
  let a = NeuralSystem.connectivity(neurons: neurons, using: &random)
  return (a, NeuralSystem.simulate(connectivity: a, steps: steps, using: &random))
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "time"
let options = Options(arguments.dropFirst(2))
let neurons = options.int("neurons", 100)
let steps = options.int("steps", 5000)
let seed = UInt64(options.int("seed", 42))

do {
  switch mode {
  case "simulate":
    let (a, x) = simulate(neurons: neurons, steps: steps, seed: seed)
    guard let out = options.values["out"] else {
      print("simulate needs --out file.csv")
      exit(64)
    }
    var text = (0..<neurons).map { "n\($0)" }.joined(separator: ",") + "\n"
    for t in 0..<steps { text += (0..<neurons).map { "\(x[$0][t])" }.joined(separator: ",") + "\n" }
    try text.write(toFile: out, atomically: true, encoding: .utf8)
    var truth = (0..<neurons).map { "n\($0)" }.joined(separator: ",") + "\n"
    for i in 0..<neurons { truth += (0..<neurons).map { "\(a[i, $0])" }.joined(separator: ",") + "\n" }
    try truth.write(toFile: out.replacingOccurrences(of: ".csv", with: "_connectivity.csv"), atomically: true, encoding: .utf8)
    print("wrote \(out) (\(neurons) series x \(steps) steps) and its connectivity")
  case "time":
    let lag = options.int("lag", 1)
    let repeats = options.int("repeat", 5)
    let (_, x) = simulate(neurons: neurons, steps: steps, seed: seed)
    let names = (0..<neurons).map { "n\($0)" }
    var times: [Double] = []
    var matrix: GrangerCausalityMatrix?
    for _ in 0..<repeats {
      times.append(try seconds { matrix = try GrangerCausality.matrix(series: x, names: names, lags: [lag]).first })
    }
    let pairs = neurons * (neurons - 1)
    let best = times.min() ?? .nan
    print(String(format: "%d series x %d steps, lag %d: %d ordered pairs (+%d self pairs)", neurons, steps, lag, pairs, neurons))
    print("runs (s): " + times.map { String(format: "%.4f", $0) }.joined(separator: " "))
    print(String(format: "best %.4f s = %.1f us per pair; median %.4f s", best, best / Double(pairs) * 1e6, times.sorted()[times.count / 2]))
    if let matrix { print("edges at alpha 0.05 (lrtest, no correction): \(matrix.edges().count)") }
    // The statsmodels route, pair by pair, on a sample of pairs.
    let sample = Array(0..<min(neurons, 10))
    let exact = try seconds {
      for i in sample { for j in sample where i != j { _ = try GrangerCausality.test(effect: x[i], cause: x[j], lags: [lag]) } }
    }
    let exactPairs = sample.count * (sample.count - 1)
    print(String(format: "pairwise exact route (SVD per fit, one core): %.1f us per pair", exact / Double(exactPairs) * 1e6))
  case "collapse":
    let seeds = options.int("seeds", 20)
    print("seed  neurons  true edges  rejected  hits  corr(A != 0, reject)  corr(A[:,1], reject[:,1])")
    for size in [6, 100] {
      var correlations: [Double] = []
      for s in 1...seeds {
        let (a, x) = simulate(neurons: size, steps: steps, seed: UInt64(s))
        let names = (0..<size).map { "n\($0)" }
        guard let m = try GrangerCausality.matrix(series: x, names: names, lags: [1]).first else { continue }
        let reject = m.rejections()
        var truth: [Double] = [], found: [Double] = []
        for i in 0..<size { for j in 0..<size where i != j { truth.append(a[i, j] != 0 ? 1 : 0); found.append(reject[i, j]) } }
        let hits = zip(truth, found).filter { $0 == 1 && $1 == 1 }.count
        let r = pearsonCorrelation(truth, found)
        let column = pearsonCorrelation(a.column(1), reject.column(1))
        correlations.append(r)
        func shown(_ v: Double, _ width: Int) -> String {
          let text = v.isFinite ? String(format: "%.4f", v) : "NA"
          return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        print(String(format: "%4d  %7d  %10d  %8d  %4d  ", s, size, Int(truth.reduce(0, +)), Int(found.reduce(0, +)), hits)
          + shown(r, 20) + "  " + shown(column, 25))
      }
      let finite = correlations.filter { $0.isFinite }
      print(String(format: "mean correlation, %d neurons: %.4f over %d seeds", size, finite.reduce(0, +) / Double(finite.count), finite.count))
    }
  default:
    print("usage: GrangerBenchmark time|simulate|collapse [options]")
    exit(64)
  }
} catch {
  print("error: \(error)")
  exit(1)
}
