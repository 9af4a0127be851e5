/// A coefficient plot: estimates with confidence intervals, one row per term, drawn as a
/// self-contained SVG document.
///
/// The layout follows R's `modelsummary::modelplot` and Stata's `coefplot`: terms run down
/// the left in first-appearance order, the horizontal axis is the estimate, each estimate
/// is a marker on a horizontal interval line, and a dashed vertical line marks zero when
/// zero lies within the axis range. Several series (models) are dodged vertically within
/// each term's row, one colour and marker shape per series from the colour-blind-safe
/// Okabe–Ito palette, with a legend.
///
/// ```swift
/// let plot = CoefficientPlot(
///   series: [
///     .init(name: "OLS", points: [
///       .init(term: "Intercept", estimate: 69.9, lower: 69.3, upper: 70.5),
///       .init(term: "push_delivered", estimate: 1.02, lower: 0.61, upper: 1.43),
///     ]),
///     .init(name: "IV-2SLS", points: [
///       .init(term: "Intercept", estimate: 69.292, lower: 68.581, upper: 70.002),
///       .init(term: "push_delivered", estimate: 3.2938, lower: 1.8896, upper: 4.6981),
///     ]),
///   ],
///   title: "Effect of push notifications on in-app purchases")
/// try plot.svg().write(toFile: "coefficients.svg", atomically: true, encoding: .utf8)
/// ```
///
/// The document is deterministic (the same plot gives the same bytes) and machine-readable:
/// every plotted point is a `<g class="point">` element whose `data-term`, `data-series`,
/// `data-series-index`, `data-estimate`, `data-lower` and `data-upper` attributes hold the
/// input values exactly (Swift's round-tripping `Double.description`), with a `<title>`
/// tooltip for people. Each axis tick is a `<g class="tick" data-value="…">`.
///
/// Values that cannot be drawn are left out rather than written as `NaN`: a point whose
/// estimate is not finite is not drawn (its term keeps its row), and an interval with a
/// missing (NaN) or infinite bound is not drawn (the estimate still is, without `data-lower`
/// and `data-upper`).
public struct CoefficientPlot: Sendable {
  /// One estimate and its confidence interval.
  public struct Point: Sendable {
    /// The term's label, such as `push_delivered` or `C(region)[T.north]`.
    public var term: String
    /// The point estimate.
    public var estimate: Double
    /// The interval's lower bound; NaN when there is no interval.
    public var lower: Double
    /// The interval's upper bound; NaN when there is no interval.
    public var upper: Double

    /// A point with a confidence interval `[lower, upper]`.
    public init(term: String, estimate: Double, lower: Double, upper: Double) {
      self.term = term
      self.estimate = estimate
      self.lower = lower
      self.upper = upper
    }

    /// A point without a confidence interval: only its estimate is drawn.
    public init(term: String, estimate: Double) {
      self.init(term: term, estimate: estimate, lower: .nan, upper: .nan)
    }

    /// Whether the estimate is finite, so that the point is drawn.
    public var isDrawable: Bool { estimate.isFinite }

    /// Whether both bounds are finite, so that the interval is drawn (if the point is).
    public var hasInterval: Bool { lower.isFinite && upper.isFinite }
  }

  /// The estimates of one model, drawn in one colour and marker shape.
  public struct Series: Sendable {
    /// The model's name, shown in the legend when there are several series.
    public var name: String
    /// The model's estimates. If a term appears more than once, only its first point is drawn.
    public var points: [Point]

    /// A series named `name` with `points`.
    public init(name: String, points: [Point]) {
      self.name = name
      self.points = points
    }
  }

  /// The series (models) to draw, in legend order; within a term's row the first series
  /// is at the top.
  public var series: [Series]
  /// The title above the plot, or `nil` for none.
  public var title: String?
  /// The label under the horizontal axis.
  public var axisLabel: String
  /// What the interval lines show, such as `"95% confidence interval"`; written in a note
  /// under the axis and in each point's tooltip. Empty for no note.
  public var intervalLabel: String
  /// The document's width in pixels, clamped to 320…20 000 (720 if not finite); the height
  /// follows from the number of terms and series.
  public var width: Double

  /// A plot of `series`.
  ///
  /// - Parameters:
  ///   - series: The models to draw, in legend order.
  ///   - title: The title above the plot, or `nil` for none.
  ///   - axisLabel: The label under the horizontal axis.
  ///   - intervalLabel: What the interval lines show, for the note under the axis.
  ///   - width: The document's width in pixels (clamped to 320…20 000).
  public init(
    series: [Series], title: String? = nil, axisLabel: String = "Estimate",
    intervalLabel: String = "95% confidence interval", width: Double = 720
  ) {
    self.series = series
    self.title = title
    self.axisLabel = axisLabel
    self.intervalLabel = intervalLabel
    self.width = width
  }

  /// The plot's rows: every term of every series, in order of first appearance (the first
  /// series' terms, then terms that only later series have).
  public var terms: [String] {
    var seen: Set<String> = []
    var terms: [String] = []
    for series in series {
      for point in series.points where seen.insert(point.term).inserted {
        terms.append(point.term)
      }
    }
    return terms
  }

  /// The plot as a standalone SVG 1.1 document (UTF-8 text with an XML declaration),
  /// with `width`, `height` and `viewBox` set.
  public func svg() -> String {
    SVGRenderer(plot: self).render()
  }
}
