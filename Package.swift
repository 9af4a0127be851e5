// swift-tools-version:6.0
import PackageDescription

// Upcoming-language features every target opts into.
let strictness: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "LinearModels",
  products: [
    .library(name: "LinearModels", targets: ["LinearModels"]),
    .executable(name: "ivreg", targets: ["ivreg"]),
  ],
  targets: [
    // MARK: - Numerics (bottom layer: libc only)
    .target(name: "LinearAlgebra", swiftSettings: strictness),
    .target(name: "Distributions", swiftSettings: strictness),

    // MARK: - Data
    .target(name: "Tabular", swiftSettings: strictness),
    .target(
      name: "Formulas", dependencies: ["Tabular", "LinearAlgebra"],
      swiftSettings: strictness),

    // MARK: - Models
    .target(
      name: "Regression",
      dependencies: ["LinearAlgebra", "Distributions", "Tabular", "Formulas"],
      swiftSettings: strictness),
    // LASSO (scikit-learn's and glmnet's conventions) on contiguous Gram matrices: numerics
    // only, no dependency on Regression, Tabular or Formulas.
    .target(name: "Penalized", dependencies: ["LinearAlgebra", "Distributions"], swiftSettings: strictness),

    // LASSO instrument selection and post-LASSO IV: joins the models to the LASSO.
    .target(
      name: "SparseIV", dependencies: ["Formulas", "Tabular", "LinearAlgebra", "Regression", "Penalized"],
      swiftSettings: strictness),

    // Time series: Granger causality (statsmodels' grangercausalitytests), all-pairs matrices.
    .target(
      name: "TimeSeries", dependencies: ["LinearAlgebra", "Distributions", "Tabular", "Regression"],
      swiftSettings: strictness),

    // Bayesian IV: a Gibbs sampler for the structural model with conjugate blocks, an
    // optional hierarchical prior from earlier estimates, and ArviZ's diagnostics.
    .target(
      name: "Bayesian", dependencies: ["LinearAlgebra", "Distributions", "Tabular", "Formulas"],
      swiftSettings: strictness),

    // MARK: - Presentation
    // Tables of results in text, Markdown, LaTeX and CSV.
    .target(name: "Reporting", dependencies: ["Formulas", "Regression"], swiftSettings: strictness),
    // Plain data in, SVG out: no dependency on the models.
    .target(name: "Plotting", swiftSettings: strictness),

    // MARK: - Umbrella
    .target(
      name: "LinearModels",
      dependencies: [
        "LinearAlgebra", "Distributions", "Tabular", "Formulas", "Regression", "Penalized", "SparseIV",
        "TimeSeries", "Bayesian", "Reporting", "Plotting",
      ],
      swiftSettings: strictness),

    // MARK: - Command line
    // Direct dependencies, not the umbrella: SwiftPM 6.3 does not rebuild a client
    // when a module it sees only through `@_exported import` changes.
    .target(
      name: "IVRegCLI",
      dependencies: [
        "Tabular", "Formulas", "Regression", "Penalized", "SparseIV", "TimeSeries", "Bayesian", "Reporting", "Plotting",
      ],
      swiftSettings: strictness),
    .executableTarget(name: "ivreg", dependencies: ["IVRegCLI"], swiftSettings: strictness),
    // The Granger benchmark and simulations of Documentation/Performance.md (not a product).
    .executableTarget(
      name: "GrangerBenchmark", dependencies: ["LinearAlgebra", "Regression", "TimeSeries"],
      swiftSettings: strictness),

    // MARK: - Benchmarks (not API; `swift run -c release lasso-benchmark`)
    .executableTarget(
      name: "ivreg-benchmark", dependencies: ["Tabular", "Formulas", "Regression", "IVRegCLI"],
      path: "Sources/IVBenchmark",
      swiftSettings: strictness),
    .executableTarget(
      name: "lasso-benchmark", dependencies: ["Penalized", "LinearAlgebra"], path: "Sources/LassoBenchmark",
      swiftSettings: strictness),

    // MARK: - Test support (not API)
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictness),

    // MARK: - Tests (one per module, plus end-to-end CLI tests)
    .testTarget(
      name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "DistributionsTests", dependencies: ["Distributions", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "TabularTests", dependencies: ["Tabular", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "FormulasTests", dependencies: ["Formulas", "Tabular", "LinearAlgebra", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "RegressionTests",
      dependencies: ["LinearAlgebra", "Tabular", "Formulas", "Regression", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "PenalizedTests", dependencies: ["Penalized", "LinearAlgebra", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "SparseIVTests",
      dependencies: ["SparseIV", "Penalized", "Regression", "Formulas", "Tabular", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "TimeSeriesTests",
      dependencies: ["LinearAlgebra", "Tabular", "Regression", "TimeSeries", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "BayesianTests",
      dependencies: ["Bayesian", "LinearAlgebra", "Tabular", "Formulas", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "ReportingTests",
      dependencies: ["Tabular", "Formulas", "Regression", "Reporting", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "PlottingTests", dependencies: ["Plotting", "TestSupport"],
      swiftSettings: strictness),
    .testTarget(
      name: "IVRegCLITests", dependencies: ["IVRegCLI", "ivreg", "LinearModels", "TestSupport"],
      swiftSettings: strictness),
  ],
  swiftLanguageModes: [.v6]
)
