/// A LASSO coefficient-path plot, with an optional cross-validation panel, drawn as a
/// self-contained SVG document.
///
/// The left panel, "Coefficient path", follows R's `plot.glmnet(fit, xvar = "lambda")`:
/// the horizontal axis is log(λ) and each candidate column is one line through its
/// coefficients over the λ grid. The axis runs from the largest λ on the left (everything
/// shrunk to zero) to the smallest on the right, so the paths fan out to the right, where
/// the ``highlighted`` columns (such as the selected instruments) are labelled in colour.
/// At most ``maximumLabels`` highlighted columns are coloured and labelled; the others,
/// and every column not highlighted, are thin grey lines. Optional ``markers`` are dashed
/// vertical lines with their label and λ (a plug-in penalty, a chosen λ).
///
/// The optional right panel, "Cross-validation", follows R's `plot.cv.glmnet`: the mean
/// cross-validated error at each λ as a point with a ±1 standard-error bar, and dashed
/// vertical lines at `lambda.min` and `lambda.1se`. Both panels share the log(λ) axis.
///
/// ```swift
/// let plot = LassoPathPlot(
///   title: "First stage: LASSO over 100 candidate instruments",
///   lambdas: path.lambdas, coefficients: path.coefficients, columnNames: names,
///   highlighted: ["z3", "z17"], markers: [.init(label: "plug-in λ", lambda: 0.041)])
/// try plot.svg().write(toFile: "lasso-path.svg", atomically: true, encoding: .utf8)
/// ```
///
/// The document is deterministic and machine-readable: each path is a
/// `<polyline class="path">` with `data-column` (and `data-highlighted="true"` when it is
/// coloured), each marker line has `data-lambda` holding the exact λ, each
/// cross-validation point is a `<g class="cv-point">` with `data-lambda`, `data-mean` and
/// (when drawn) `data-sd`, and each panel's `<rect class="plot-area">` carries its log(λ)
/// domain in `data-x-lower` and `data-x-upper` (`data-x-reversed="true"`: the lower end is
/// on the right). Coordinates are rounded to hundredths and runs of equal points are
/// merged, so a plot of 200 columns over 100 λ values stays small.
public struct LassoPathPlot: Sendable {
  /// A dashed vertical line across the path panel at a penalty of interest.
  public struct Marker: Sendable {
    /// What the penalty is, such as `"plug-in λ"` or `"lambda.min"`.
    public let label: String
    /// The penalty (finite and positive).
    public let lambda: Double

    /// A marker labelled `label` at `lambda`.
    public init(label: String, lambda: Double) {
      self.label = label
      self.lambda = lambda
    }
  }

  /// The cross-validated error over the λ grid, as R's `cv.glmnet` reports it.
  public struct CrossValidationCurve: Sendable {
    /// The mean error across folds at each λ (`cvm`), in the order of ``LassoPathPlot/lambdas``.
    /// A non-finite entry is left out of the plot.
    public let meanErrors: [Double]
    /// The standard error of each mean (`cvsd`); a negative or non-finite entry draws no bar.
    public let standardErrors: [Double]
    /// The λ with the smallest mean error (`lambda.min`).
    public let lambdaMin: Double
    /// The largest λ whose mean error is within one standard error of the smallest
    /// (`lambda.1se`).
    public let lambdaOneStandardError: Double
    /// What the error is, for the panel's vertical axis (glmnet: `"Mean-Squared Error"`).
    public let errorLabel: String

    /// A cross-validation curve; `meanErrors` and `standardErrors` have one entry per λ.
    public init(
      meanErrors: [Double], standardErrors: [Double], lambdaMin: Double, lambdaOneStandardError: Double,
      errorLabel: String = "Mean cross-validated error"
    ) {
      self.meanErrors = meanErrors
      self.standardErrors = standardErrors
      self.lambdaMin = lambdaMin
      self.lambdaOneStandardError = lambdaOneStandardError
      self.errorLabel = errorLabel
    }
  }

  /// The most highlighted columns that are coloured and labelled; later ones are grey.
  public static let maximumLabels = 12

  /// The title above the plot; empty for none.
  public var title: String
  /// The penalties, in any order (glmnet's is decreasing); each finite and positive.
  public var lambdas: [Double]
  /// One row per λ, one entry per column: `coefficients[i][j]` is column `j` at `lambdas[i]`.
  public var coefficients: [[Double]]
  /// The candidate columns' names, unique.
  public var columnNames: [String]
  /// The columns to colour and label, in priority order (the first ``maximumLabels`` are
  /// labelled); each must be one of ``columnNames``.
  public var highlighted: [String]
  /// Vertical lines on the path panel.
  public var markers: [Marker]
  /// The cross-validation panel's data, or `nil` for the path panel alone.
  public var crossValidation: CrossValidationCurve?
  /// The document's width in pixels, clamped to 480…20 000 (960 with a cross-validation
  /// panel and 640 without if `nil` or not finite).
  public var width: Double?
  /// The document's height in pixels, clamped to 300…20 000 (440 if not finite); raised
  /// when the title and marker labels need more room.
  public var height: Double

  /// A path plot of `coefficients` over `lambdas`.
  ///
  /// - Parameters:
  ///   - title: The title above the plot; empty for none.
  ///   - lambdas: The λ grid, each finite and positive.
  ///   - coefficients: One row per λ, one entry per column.
  ///   - columnNames: The candidate columns' names, unique.
  ///   - highlighted: The columns to colour and label, each one of `columnNames`.
  ///   - markers: Dashed vertical lines on the path panel.
  ///   - crossValidation: The cross-validation panel's data, or `nil` for none.
  ///   - width: The document's width (default: 960 with cross-validation, else 640).
  ///   - height: The document's height.
  public init(
    title: String, lambdas: [Double], coefficients: [[Double]], columnNames: [String], highlighted: [String],
    markers: [Marker] = [], crossValidation: CrossValidationCurve? = nil, width: Double? = nil, height: Double = 440
  ) {
    self.title = title
    self.lambdas = lambdas
    self.coefficients = coefficients
    self.columnNames = columnNames
    self.highlighted = highlighted
    self.markers = markers
    self.crossValidation = crossValidation
    self.width = width
    self.height = height
  }

  /// Checks the data: a non-empty grid of finite positive λ, one row of finite
  /// coefficients per λ with one entry per (uniquely named) column, highlighted names
  /// among the columns, finite positive marker λ, and cross-validation arrays of one
  /// entry per λ with finite positive `lambda.min` and `lambda.1se`.
  public func validate() throws(LassoPathPlotError) {
    guard !lambdas.isEmpty else { throw .noLambdas }
    guard !columnNames.isEmpty else { throw .noColumns }
    for (index, lambda) in lambdas.enumerated() {
      try Self.checkLambda(lambda, what: "lambdas[\(index)]")
    }
    guard coefficients.count == lambdas.count else {
      throw .mismatchedSizes(what: "coefficients (rows)", expected: lambdas.count, found: coefficients.count)
    }
    for (index, row) in coefficients.enumerated() {
      guard row.count == columnNames.count else {
        throw .mismatchedSizes(what: "coefficients[\(index)]", expected: columnNames.count, found: row.count)
      }
      if let column = row.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteCoefficient(lambdaIndex: index, column: columnNames[column], value: row[column])
      }
    }
    var names: Set<String> = []
    for name in columnNames where !names.insert(name).inserted {
      throw .duplicateColumnName(name)
    }
    if let unknown = highlighted.first(where: { !names.contains($0) }) {
      throw .unknownHighlightedColumn(unknown)
    }
    for marker in markers {
      try Self.checkLambda(marker.lambda, what: "marker \"\(marker.label)\"")
    }
    if let curve = crossValidation {
      guard curve.meanErrors.count == lambdas.count else {
        throw .mismatchedSizes(what: "meanErrors", expected: lambdas.count, found: curve.meanErrors.count)
      }
      guard curve.standardErrors.count == lambdas.count else {
        throw .mismatchedSizes(what: "standardErrors", expected: lambdas.count, found: curve.standardErrors.count)
      }
      try Self.checkLambda(curve.lambdaMin, what: "lambdaMin")
      try Self.checkLambda(curve.lambdaOneStandardError, what: "lambdaOneStandardError")
    }
  }

  private static func checkLambda(_ lambda: Double, what: String) throws(LassoPathPlotError) {
    guard lambda.isFinite, lambda > 0 else { throw .invalidLambda(what: what, value: lambda) }
  }

  /// The plot as a standalone SVG 1.1 document (UTF-8 text with an XML declaration), with
  /// `width`, `height` and `viewBox` set.
  ///
  /// - Throws: ``LassoPathPlotError`` when ``validate()`` does.
  public func svg() throws(LassoPathPlotError) -> String {
    try validate()
    return LassoPathRenderer(plot: self).render()
  }
}
