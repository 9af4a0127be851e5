/// Why a ``PosteriorDensityPlot`` cannot be drawn.
public enum PosteriorDensityPlotError: Error, Equatable, CustomStringConvertible {
  /// Fewer than two grid points.
  case tooFewPoints(Int)
  /// Not one density per point.
  case mismatchedSizes(points: Int, densities: Int)
  /// A grid point that is not finite or not above the previous one.
  case invalidPoint(index: Int, value: Double)
  /// A density that is negative or not finite.
  case invalidDensity(index: Int, value: Double)
  /// Every density is zero.
  case zeroDensity
  /// A value (interval end, mean, reference, marker) that is not finite, or an interval whose ends are reversed.
  case invalidValue(what: String, value: Double)

  public var description: String {
    switch self {
    case .tooFewPoints(let count): return "a density needs at least 2 points, got \(count)"
    case .mismatchedSizes(let points, let densities): return "\(points) points but \(densities) densities"
    case .invalidPoint(let index, let value): return "point \(index) (\(value)) is not finite or not increasing"
    case .invalidDensity(let index, let value): return "density \(index) (\(value)) is negative or not finite"
    case .zeroDensity: return "every density is zero"
    case .invalidValue(let what, let value): return "the \(what) (\(value)) cannot be drawn"
    }
  }
}
