// The issue-8 workload end to end, phase by phase: a million-row IV with two endogenous
// regressors, ten controls, a 50-level categorical and ten instruments.
//
//     swift build -c release
//     .build/release/ivreg-benchmark generate --rows 1000000 --out /tmp/iv1e6.csv
//     .build/release/ivreg-benchmark run /tmp/iv1e6.csv [--cluster] [--dense]
//     .build/release/ivreg-benchmark read /tmp/iv1e6.csv [--single-core | --parallel]   # the CSV reader alone
//     /usr/bin/time -v .build/release/ivreg /tmp/iv1e6.csv "$(.build/release/ivreg-benchmark formula)" --first-stage --diagnostics
//
// `run` times each phase in-process (CSV read, design matrices, fit, summary, first
// stage, Wu–Hausman and Sargan) and prints a table; `formula` prints the model.

import Foundation
import IVRegCLI
import Formulas
import Regression
import Tabular

let formula = "y ~ 1 + " + (1...10).map { "x\($0)" }.joined(separator: " + ") + " + C(g) + [t1 + t2 ~ "
  + (1...10).map { "z\($0)" }.joined(separator: " + ") + "]"

func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// User plus system CPU time of this process so far.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

MemoryTuning.configureForLargeData()  // as `ivreg` does

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
  fail("usage: ivreg-benchmark generate --rows N --out FILE [--levels L] | run FILE [--cluster] [--dense] | read FILE [--single-core | --parallel] [--runs N] | formula")
}
arguments.removeFirst()

switch command {
case "formula":
  print(formula)
case "generate":
  var rows = 1_000_000, out = "/tmp/iv_workload.csv", seed: UInt64 = 8, levels = 50
  var iterator = arguments.makeIterator()
  while let a = iterator.next() {
    switch a {
    case "--rows": rows = iterator.next().flatMap { Int($0) } ?? rows
    case "--out": out = iterator.next() ?? out
    case "--seed": seed = iterator.next().flatMap { UInt64($0) } ?? seed
    case "--levels": levels = iterator.next().flatMap { Int($0) }.map { max($0, 2) } ?? levels
    default: fail("unknown argument \(a)")
    }
  }
  let start = ContinuousClock.now
  do { try WorkloadGenerator(rows: rows, seed: seed, levels: levels).write(to: out) } catch { fail("cannot write \(out): \(error)") }
  let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
  print(String(format: "wrote %@: %d rows, %.1f MB in %.2f s", out, rows, Double(size) / 1e6, seconds(since: start)))
case "read":
  // The CSV reader alone, best of three (or `--runs N`): on one core (`--single-core`), on every core
  // (`--parallel`), or both (the default). CPU time is user + system, of the best run.
  guard let path = arguments.first else { fail("read needs a CSV file") }
  let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
  let modes = arguments.contains("--single-core") ? [false] : arguments.contains("--parallel") ? [true] : [false, true]
  for parallel in modes {
    var best = Double.infinity, bestCPU = Double.infinity
    let runs = arguments.firstIndex(of: "--runs").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 3
    for _ in 0..<max(1, runs) {
      let start = ContinuousClock.now, cpu = cpuSeconds()
      do { _ = try DataTable(contentsOfCSVFile: path, options: CSVOptions(parallel: parallel)) } catch { fail("\(error)") }
      best = min(best, seconds(since: start))
      bestCPU = min(bestCPU, cpuSeconds() - cpu)
    }
    print(
      String(
        format: "read %.1f MB %@ in %.3f s (%.3f s CPU): %.0f MB/s", Double(size) / 1e6,
        parallel ? "on every core" : "on one core", best, bestCPU, Double(size) / 1e6 / best))
  }
case "run":
  guard let path = arguments.first else { fail("run needs a CSV file") }
  let clustered = arguments.contains("--cluster")
  var phases: [(String, Double)] = []
  let total = ContinuousClock.now
  var t = ContinuousClock.now
  let table: DataTable
  do { table = try DataTable(contentsOfCSVFile: path) } catch { fail("\(error)") }
  phases.append(("read CSV", seconds(since: t)))
  // The absorbing fit (C(g) and the intercept as group codes) unless --dense asks for
  // the dense design with dummy columns.
  let dense = arguments.contains("--dense")
  t = .now
  let covariance: CovarianceEstimator = clustered ? .clustered(["g"]) : .robust
  var fitModel: () throws -> RegressionResults
  do {
    if dense {
      let design = try DesignMatrices(formula: Formula(formula), data: table)
      fitModel = { try IV2SLS(design: design, data: table).fit(covariance: covariance) }
    } else {
      guard let design = try AbsorbingDesign(formula: Formula(formula), data: table) else { fail("nothing to absorb") }
      fitModel = { try AbsorbingIV2SLS(design: design, data: table).fit(covariance: covariance) }
    }
  } catch { fail("\(error)") }
  phases.append(("formula and design matrices", seconds(since: t)))
  t = .now
  let results: RegressionResults
  do { results = try fitModel() } catch { fail("\(error)") }
  phases.append(("fit (2SLS, \(clustered ? "clustered by g" : "robust")\(dense ? ", dense" : ""))", seconds(since: t)))
  t = .now
  let summary = results.summary
  phases.append(("summary", seconds(since: t)))
  t = .now
  let firstStage = results.firstStage?.summary ?? ""
  phases.append(("first stage", seconds(since: t)))
  t = .now
  let wuHausman = results.wuHausman, sargan = results.sargan
  phases.append(("Wu-Hausman and Sargan", seconds(since: t)))
  let elapsed = seconds(since: total)
  let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
  print("rows \(table.rowCount), \(String(format: "%.1f", Double(size) / 1e6)) MB, \(summary.count + firstStage.count) characters printed")
  print(String(format: "t1 %.6f  t2 %.6f  Wu-Hausman %.4g  Sargan %.4g", results.params[results.parameterNames.count - 2],
               results.params[results.parameterNames.count - 1], wuHausman?.statistic ?? .nan, sargan?.statistic ?? .nan))
  func padded(_ name: String) -> String { name + String(repeating: " ", count: max(1, 34 - name.count)) }
  for (name, time) in phases { print("  " + padded(name) + String(format: "%8.3f s", time)) }
  print("  " + padded("total") + String(format: "%8.3f s", elapsed))
  print(String(format: "  CSV throughput %.0f MB/s", Double(size) / 1e6 / (phases[0].1)))
default:
  fail("unknown command \(command)")
}
