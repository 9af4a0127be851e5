import Bayesian
import Foundation
import Plotting
import Regression

/// `bayes --plot file.svg`: the posterior density of the effect with its HDI, the 2SLS
/// estimate and its 95 % confidence interval, and the earlier estimates of a hierarchical prior.
enum PosteriorPlotWriter {
  static func plot(
    _ results: BayesianIVResults, twoStage: RegressionResults?, options: BayesCommand.Options
  ) -> PosteriorDensityPlot {
    let draws = results.effectDraws
    let density = KernelDensity(draws)
    let interval = HighestDensityInterval(draws, probability: options.hdiProbability)
    let mean = draws.reduce(0, +) / Double(max(draws.count, 1))
    var reference: PosteriorDensityPlot.Reference?
    if let fit = twoStage, let j = fit.parameterNames.firstIndex(of: results.effectName),
      let intervals = try? fit.confidenceIntervals(level: 0.95)
    {
      reference = .init(
        label: "2SLS estimate", value: fit.params[j], lower: intervals[j].lower, upper: intervals[j].upper,
        intervalLabel: "2SLS 95% confidence interval")
    }
    var markers: [PosteriorDensityPlot.Marker] = []
    if case .hierarchical(let prior) = options.prior.effect {
      markers = prior.estimates.enumerated().map { .init(label: "b\($0.offset + 1)", value: $0.element) }
    }
    let hdiLabel = String(format: "%g%% HDI", 100 * options.hdiProbability)
    return PosteriorDensityPlot(
      title: "Posterior of the effect of \(results.effectName) on \(results.dependentName)",
      axisLabel: "Effect of \(results.effectName)", points: density.points, densities: density.densities,
      interval: interval.lower.isFinite ? .init(label: hdiLabel, lower: interval.lower, upper: interval.upper) : nil,
      mean: mean.isFinite ? mean : nil, reference: reference, markers: markers, markersLabel: "earlier estimates")
  }

  /// Writes the plot and returns the message for standard error.
  static func write(
    _ results: BayesianIVResults, twoStage: RegressionResults?, options: BayesCommand.Options, to path: String
  ) throws(PlotWriter.WriteError) -> String {
    let svg: String
    do {
      svg = try plot(results, twoStage: twoStage, options: options).svg()
    } catch {
      throw PlotWriter.WriteError(description: "--plot: \(error.description)")
    }
    do {
      try svg.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw PlotWriter.WriteError(description: "--plot: cannot write '\(path)': \((error as NSError).localizedDescription)")
    }
    return "Wrote posterior plot to \(path)\n"
  }
}
