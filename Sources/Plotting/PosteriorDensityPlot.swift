/// The posterior density of one quantity, drawn as a self-contained SVG document, in the
/// manner of ArviZ's `plot_posterior` with a reference value.
///
/// The curve is the density over the horizontal axis with the highest-density interval
/// shaded beneath it and drawn as a bar on the baseline, its ends labelled; the mean is
/// written above the curve. An optional reference (a frequentist estimate) is a solid
/// vertical line with its confidence interval as two dashed lines, and optional markers
/// (earlier estimates, say) are dotted vertical lines labelled at the top. The vertical
/// axis is not labelled: a density's height only matters relative to itself.
///
/// ```swift
/// let plot = PosteriorDensityPlot(
///   title: "Posterior of the effect of push_delivered",
///   points: grid, densities: density, interval: .init(label: "94% HDI", lower: 1.97, upper: 4.60),
///   mean: 3.32, reference: .init(label: "2SLS", value: 3.29, lower: 1.89, upper: 4.70, intervalLabel: "95% CI"))
/// try plot.svg().write(toFile: "posterior.svg", atomically: true, encoding: .utf8)
/// ```
///
/// The document is deterministic and machine-readable: the curve is a
/// `<polyline class="density">`, the interval a `<g class="interval">` with `data-lower` and
/// `data-upper`, the reference a `<g class="reference">` with `data-value` (and
/// `data-lower`, `data-upper`), each marker a `<line class="marker">` with `data-value`,
/// all holding the exact input values.
public struct PosteriorDensityPlot: Sendable {
  /// A shaded interval of the posterior, such as its 94 % highest-density interval.
  public struct Interval: Sendable {
    /// What the interval is, such as `"94% HDI"`.
    public var label: String
    /// The lower end.
    public var lower: Double
    /// The upper end (≥ `lower`).
    public var upper: Double

    /// An interval `[lower, upper]` labelled `label`.
    public init(label: String, lower: Double, upper: Double) {
      self.label = label
      self.lower = lower
      self.upper = upper
    }
  }

  /// A reference estimate with an optional interval, such as 2SLS and its confidence interval.
  public struct Reference: Sendable {
    /// The estimate's name, such as `"2SLS"`.
    public var label: String
    /// The estimate.
    public var value: Double
    /// The interval's ends; NaN for no interval.
    public var lower: Double
    public var upper: Double
    /// What the interval is, such as `"95% confidence interval"`.
    public var intervalLabel: String

    /// A reference `value` with the interval `[lower, upper]` (NaN ends for none).
    public init(label: String, value: Double, lower: Double = .nan, upper: Double = .nan, intervalLabel: String = "") {
      self.label = label
      self.value = value
      self.lower = lower
      self.upper = upper
      self.intervalLabel = intervalLabel
    }

    /// Whether both ends are finite, so the interval is drawn.
    public var hasInterval: Bool { lower.isFinite && upper.isFinite }
  }

  /// A dotted vertical line, such as an earlier experiment's estimate.
  public struct Marker: Sendable {
    /// A short label written above the line.
    public var label: String
    /// Where the line is.
    public var value: Double

    /// A marker at `value` labelled `label`.
    public init(label: String, value: Double) {
      self.label = label
      self.value = value
    }
  }

  /// The title above the plot; empty for none.
  public var title: String
  /// The label under the horizontal axis.
  public var axisLabel: String
  /// The grid of the density, increasing.
  public var points: [Double]
  /// The density at each point (finite, non-negative).
  public var densities: [Double]
  /// The shaded interval, or nil.
  public var interval: Interval?
  /// The posterior mean written above the curve, or nil.
  public var mean: Double?
  /// The reference estimate, or nil.
  public var reference: Reference?
  /// What the markers are, for the legend (such as `"earlier estimates"`).
  public var markersLabel: String
  /// Dotted vertical lines.
  public var markers: [Marker]
  /// The document's size in pixels, clamped to 360…20 000 by 240…20 000.
  public var width: Double
  public var height: Double

  /// A density plot; see the type's documentation for each part.
  public init(
    title: String, axisLabel: String = "Value", points: [Double], densities: [Double], interval: Interval? = nil,
    mean: Double? = nil, reference: Reference? = nil, markers: [Marker] = [], markersLabel: String = "",
    width: Double = 720, height: Double = 420
  ) {
    self.title = title
    self.axisLabel = axisLabel
    self.points = points
    self.densities = densities
    self.interval = interval
    self.mean = mean
    self.reference = reference
    self.markers = markers
    self.markersLabel = markersLabel
    self.width = width
    self.height = height
  }

  /// Checks the data: at least two increasing finite points, one finite non-negative
  /// density per point (not all zero), a finite ordered interval, a finite mean, reference
  /// and markers.
  public func validate() throws(PosteriorDensityPlotError) {
    guard points.count >= 2 else { throw .tooFewPoints(points.count) }
    guard densities.count == points.count else {
      throw .mismatchedSizes(points: points.count, densities: densities.count)
    }
    for index in points.indices {
      guard points[index].isFinite, index == 0 || points[index] > points[index - 1] else {
        throw .invalidPoint(index: index, value: points[index])
      }
      guard densities[index].isFinite, densities[index] >= 0 else {
        throw .invalidDensity(index: index, value: densities[index])
      }
    }
    guard densities.contains(where: { $0 > 0 }) else { throw .zeroDensity }
    if let interval {
      guard interval.lower.isFinite, interval.upper.isFinite, interval.lower <= interval.upper else {
        throw .invalidValue(what: "interval", value: interval.lower.isFinite ? interval.upper : interval.lower)
      }
    }
    if let mean, !mean.isFinite { throw .invalidValue(what: "mean", value: mean) }
    if let reference, !reference.value.isFinite { throw .invalidValue(what: "reference", value: reference.value) }
    for marker in markers where !marker.value.isFinite {
      throw .invalidValue(what: "marker \"\(marker.label)\"", value: marker.value)
    }
  }

  /// The plot as a standalone SVG 1.1 document with `width`, `height` and `viewBox` set.
  ///
  /// - Throws: ``PosteriorDensityPlotError`` when ``validate()`` does.
  public func svg() throws(PosteriorDensityPlotError) -> String {
    try validate()
    return PosteriorDensityRenderer(plot: self).render()
  }
}
