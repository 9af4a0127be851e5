/// Every `ivreg` subcommand's interface: the single source of `--help`, the usage
/// lines of errors, and (by a test) `Documentation/CLI.md`.
enum CommandCatalog {
  static let version = "0.2.0"

  static let help = OptionSpecification(name: "--help", shortName: "-h", help: "Show help information.")
  static let versionFlag = OptionSpecification(name: "--version", help: "Show the version.")

  /// Output formats of the fitting commands.
  static let formats = ["text", "markdown", "latex", "json", "csv"]

  /// Options shared by `fit` and `compare`: estimator, covariance, sample, output.
  static let fittingOptions: [OptionSpecification] = [
    OptionSpecification(
      name: "--estimator", valueName: "estimator", help: "IV estimator.", allowedValues: ["2sls", "liml", "gmm"],
      defaultValue: "2sls"),
    OptionSpecification(name: "--fuller", valueName: "alpha", help: "Fuller's modification of LIML (implies --estimator liml)."),
    OptionSpecification(
      name: "--kappa", valueName: "kappa",
      help: "A fixed k-class kappa instead of LIML's estimate (implies --estimator liml; 1 is 2SLS, 0 is OLS)."),
    OptionSpecification(
      name: "--weight", valueName: "weight",
      help: "GMM weight matrix (implies --estimator gmm; kernel and clusters from --kernel, --bandwidth, --cluster).",
      allowedValues: ["robust", "unadjusted", "kernel", "clustered"], defaultValue: "robust"),
    OptionSpecification(
      name: "--gmm-iterations", valueName: "n", help: "GMM steps: 2 is two-step, more iterates to convergence.",
      defaultValue: "2"),
    OptionSpecification(
      name: "--cov", valueName: "cov", help: "Covariance estimator.",
      allowedValues: ["unadjusted", "robust", "hc0", "hc1", "hc2", "hc3", "clustered", "kernel"], defaultValue: "robust"),
    OptionSpecification(
      name: "--cluster", valueName: "columns", help: "One or two cluster columns, comma-separated (implies --cov clustered)."),
    OptionSpecification(
      name: "--kernel", valueName: "kernel", help: "HAC kernel (implies --cov kernel).",
      allowedValues: ["bartlett", "parzen", "qs"], defaultValue: "bartlett"),
    OptionSpecification(
      name: "--bandwidth", valueName: "h", help: "HAC bandwidth, 0 < h < n (implies --cov kernel).",
      defaultValue: "Newey-West automatic"),
    OptionSpecification(
      name: "--debiased", help: "Scale the covariance by n/(n-k) and use t and F distributions."),
    OptionSpecification(
      name: "--absorb", valueName: "when",
      help: "Keep the intercept and the first categorical term as group codes instead of dummy columns (2SLS/OLS; auto: designs over 5e7 entries).",
      allowedValues: ["auto", "yes", "no"], defaultValue: "auto"),
    OptionSpecification(
      name: "--subset", valueName: "condition",
      help: "Keep only the rows where the condition holds, e.g. 'year == 1995 and region != \"west\"'."),
    OptionSpecification(
      name: "--strict",
      help: "Fail instead of dropping rows with missing values in the model's columns (or where --subset is unknown)."),
    OptionSpecification(name: "--level", valueName: "level", help: "Confidence level of the intervals.", defaultValue: "0.95"),
    OptionSpecification(name: "--first-stage", help: "Also print the first-stage results of an IV model."),
    OptionSpecification(
      name: "--diagnostics", help: "Also print the specification tests and weak-instrument diagnostics of an IV model."),
    OptionSpecification(
      name: "--format", valueName: "format", help: "Output format.", allowedValues: formats, defaultValue: "text"),
    OptionSpecification(
      name: "--plot", valueName: "file.svg", help: "Also write a coefficient plot (estimates and confidence intervals) as SVG."),
  ]

  /// The LASSO settings of `lasso` (and of `fit --select-instruments`).
  static let selectionSettings: [OptionSpecification] = [
    OptionSpecification(
      name: "--folds", valueName: "k", help: "Cross-validation folds, assigned from --seed (cv only).", defaultValue: "10"),
    OptionSpecification(
      name: "--fold-column", valueName: "column",
      help: "Read the fold of each row from a column (like cv.glmnet's foldid; cv only)."),
    OptionSpecification(name: "--seed", valueName: "n", help: "Seed of the fold assignment (cv only).", defaultValue: "1"),
    OptionSpecification(
      name: "--lambda", valueName: "rule", help: "Which cross-validated penalty selects (cv only).",
      allowedValues: ["min", "1se"], defaultValue: "min"),
    OptionSpecification(
      name: "--controls", valueName: "how",
      help: "How the exogenous regressors enter the LASSO ('unpenalized': cv only; the plug-in LASSO partials them out).",
      allowedValues: ["partial", "unpenalized"], defaultValue: "partial"),
  ]

  /// The fitting options that apply to post-LASSO 2SLS (no other estimator).
  static var selectionFittingOptions: [OptionSpecification] {
    let estimatorOnly: Set = ["--estimator", "--fuller", "--kappa", "--weight", "--gmm-iterations", "--absorb"]
    return fittingOptions.filter { !estimatorOnly.contains($0.name) }
  }

  static let dataArgument = ArgumentSpecification(
    name: "data", help: "Path to a CSV file with a header row (tab-separated when the name ends in .tsv).")

  static let fit = CommandSpecification(
    name: "fit",
    abstract: "Estimate an OLS or instrumental-variables regression from a CSV file.",
    discussion: """
      Results match Python's linearmodels 7.1 (IV2SLS, IVLIML, IVGMM): robust (HC0) standard
      errors and normal inference by default. Unlike linearmodels, IV formulas get an
      intercept unless '0' or '-1' removes it (as in R and statsmodels).
      'fit' is the default subcommand: 'ivreg data.csv "y ~ x"' is 'ivreg fit data.csv "y ~ x"'.
      """,
    arguments: [
      dataArgument,
      ArgumentSpecification(
        name: "formula",
        help: "Model formula, e.g. 'y ~ x1 + [t ~ z1 + z2]'. The intercept is implicit unless '0' or '-1' removes it."),
    ],
    options: fittingOptions.map { option in
      option.name != "--plot" ? option
        : OptionSpecification(
          name: "--plot", valueName: "file.svg",
          help: "Also write a coefficient plot (estimates and confidence intervals) as SVG; with --select-instruments, the LASSO path.")
    } + [
      OptionSpecification(
        name: "--streaming",
        help: "Read the CSV in blocks, twice, keeping only partial sums: for files larger than memory (2SLS/OLS with an intercept or a categorical term to absorb; unadjusted, robust, hc1 or one-way clustered errors)."),
      OptionSpecification(
        name: "--select-instruments", valueName: "method",
        help: "Choose the instruments from the bracket's candidates with a LASSO (as 'ivreg lasso'; 2sls only).",
        allowedValues: ["cv", "plugin"]),
    ] + selectionSettings + [versionFlag, help],
    invocation: "ivreg [fit]")

  static let lasso = CommandSpecification(
    name: "lasso",
    abstract: "Select instruments from many candidates with a LASSO, then fit 2SLS.",
    discussion: """
      The bracket lists the candidate instruments, by name or by pattern: 'y ~ 1 + c1 +
      [x ~ m*]'. For each endogenous regressor a LASSO of it on the candidates (controls
      partialled out) keeps some; 2SLS then uses their union. 'cv' is cv.glmnet's
      cross-validated LASSO (standardised, 100 lambdas, lambda.min by default); 'plugin' is
      the rigorous LASSO of Belloni, Chen, Chernozhukov and Hansen (2012) with hdm's
      defaults. When nothing is selected the candidates are too weak: no 2SLS is reported,
      only the weak-IV-robust sup-score confidence set.
      """,
    arguments: [
      dataArgument,
      ArgumentSpecification(
        name: "formula", help: "IV formula whose bracket lists the candidates, e.g. 'y ~ 1 + c1 + [x ~ m*]'."),
    ],
    options: selectionFittingOptions.map { option in
      option.name != "--plot" ? option
        : OptionSpecification(
          name: "--plot", valueName: "file.svg",
          help: "Also write the LASSO coefficient path (and the cross-validation curve) as SVG.")
    } + [
      OptionSpecification(
        name: "--select", valueName: "method", help: "How the LASSO penalty is chosen.", allowedValues: ["cv", "plugin"],
        defaultValue: "cv"),
    ] + selectionSettings + [help],
    invocation: "ivreg lasso")

  static let compare = CommandSpecification(
    name: "compare",
    abstract: "Fit several models on the same data and show them side by side.",
    discussion: """
      One column per model: estimates with their standard errors (or t statistics, p-values
      or confidence intervals) below them, then rows for the number of observations, R², the
      covariance estimator and the first-stage partial F of each endogenous regressor.
      Every option applies to every model.
      """,
    arguments: [
      dataArgument,
      ArgumentSpecification(name: "formula", help: "Two or more model formulas, one per column.", repeating: true),
    ],
    options: fittingOptions.filter { $0.name != "--first-stage" && $0.name != "--diagnostics" } + [
      OptionSpecification(
        name: "--stat", valueName: "stat", help: "What to print below each estimate.", allowedValues: ["se", "t", "p", "ci"],
        defaultValue: "se"),
      OptionSpecification(name: "--stars", help: "Mark estimates with * p < 0.1, ** p < 0.05, *** p < 0.01."),
      OptionSpecification(name: "--names", valueName: "names", help: "Column titles, comma-separated (default: Model 1, Model 2, …)."),
      help,
    ],
    invocation: "ivreg compare")

  static let describe = CommandSpecification(
    name: "describe",
    abstract: "Describe the columns of a CSV file: types, missing values, statistics and levels.",
    discussion: """
      What to look at before writing a formula: which columns are numbers and which are
      text (use C(name) for a numeric column that is really a category), how many values
      are missing (those rows are dropped from a model that uses the column), and the
      levels of each text column.
      """,
    arguments: [dataArgument],
    options: [
      OptionSpecification(
        name: "--format", valueName: "format", help: "Output format.", allowedValues: ["text", "markdown", "json", "csv"],
        defaultValue: "text"),
      OptionSpecification(name: "--levels", valueName: "n", help: "Levels to list per text column.", defaultValue: "10"),
      help,
    ],
    invocation: "ivreg describe")

  static let granger = CommandSpecification(
    name: "granger",
    abstract: "Granger causality tests between the columns of a CSV file (time in rows).",
    discussion: """
      Does the past of one series help predict another beyond that series' own past? For
      every lag p up to --maxlag, the effect is regressed on its own p lags and a constant,
      then also on the cause's p lags, and the four tests of statsmodels 0.15's
      grangercausalitytests compare the two (ssr_ftest, ssr_chi2test, lrtest, params_ftest).
      --effect and --cause test one pair at every lag (--given adds series whose lags
      enter both models); --all tests every ordered pair at once and prints the p-value
      matrix (row = effect, column = cause) and the pairs rejected at --alpha, optionally
      after a multiple-testing correction; --conditional conditions each pair on the
      lags of all the other columns.
      """,
    arguments: [dataArgument],
    options: [
      OptionSpecification(name: "--effect", valueName: "column", help: "The series to predict."),
      OptionSpecification(name: "--cause", valueName: "column", help: "The candidate cause."),
      OptionSpecification(
        name: "--given", valueName: "columns", help: "Series whose lags enter both models, comma-separated (conditional test)."),
      OptionSpecification(name: "--all", help: "Test every ordered pair of columns."),
      OptionSpecification(
        name: "--columns", valueName: "columns", help: "The columns --all uses, comma-separated (default: every numeric column)."),
      OptionSpecification(name: "--conditional", help: "With --all, condition each pair on the lags of all other columns."),
      OptionSpecification(name: "--maxlag", valueName: "p", help: "Test lags 1 to p.", defaultValue: "1"),
      OptionSpecification(
        name: "--no-constant", help: "Leave the constant out of both models (statsmodels 0.15 does not implement this)."),
      OptionSpecification(
        name: "--test", valueName: "test", help: "The test whose p-values decide (and fill the --all matrix).",
        allowedValues: ["lrtest", "ssr_ftest", "ssr_chi2test", "params_ftest"], defaultValue: "lrtest"),
      OptionSpecification(name: "--alpha", valueName: "alpha", help: "Significance level.", defaultValue: "0.05"),
      OptionSpecification(
        name: "--correction", valueName: "method", help: "Multiple-testing correction over the pairs of --all.",
        allowedValues: ["none", "bonferroni", "holm", "bh"], defaultValue: "none"),
      OptionSpecification(
        name: "--truth", valueName: "file.csv",
        help: "With --all, the true connectivity: a square CSV, header = series, row i column j = weight of j -> i."),
      OptionSpecification(
        name: "--plot", valueName: "file.svg",
        help: "With --all, also write the p-values as a heat map (beside the --truth matrix) as SVG."),
      OptionSpecification(
        name: "--subset", valueName: "condition", help: "Keep only the rows where the condition holds, e.g. 'year >= 1980'."),
      OptionSpecification(
        name: "--format", valueName: "format", help: "Output format.", allowedValues: ["text", "markdown", "json", "csv"],
        defaultValue: "text"),
      help,
    ],
    invocation: "ivreg granger")

  static let bayes = CommandSpecification(
    name: "bayes",
    abstract: "Bayesian IV, optionally with a prior from earlier experiments.",
    discussion: """
      The structural model y = a_y + b_t*t + e_y, t = a_t + b_z*z + e_t with jointly
      normal errors (LKJ prior on their correlation, half-Cauchy on their scales),
      sampled by Gibbs; coefficients have flat priors unless given. With --prior-effects
      and --prior-ses, earlier estimates b_j of the effect inform it hierarchically:
      b_j ~ N(beta_j, se_j), with beta_j and the effect ~ N(effect_mean, effect_sd).
      Prints ArviZ's summary: mean, sd, highest-density interval, bulk effective sample
      size and rank-normalised split R-hat.
      """,
    arguments: [
      dataArgument,
      ArgumentSpecification(
        name: "formula", help: "IV formula with one endogenous regressor, e.g. 'y ~ x + [t ~ z1 + z2]'."),
    ],
    options: [
      OptionSpecification(name: "--draws", valueName: "n", help: "Draws kept per chain.", defaultValue: "1000"),
      OptionSpecification(name: "--chains", valueName: "n", help: "Independent chains.", defaultValue: "4"),
      OptionSpecification(name: "--warmup", valueName: "n", help: "Iterations discarded at the start of each chain.", defaultValue: "1000"),
      OptionSpecification(name: "--seed", valueName: "n", help: "Seed of the random numbers: the same seed gives the same draws.", defaultValue: "1"),
      OptionSpecification(
        name: "--effect-prior", valueName: "mean,sd", help: "A normal prior for the effect (default: flat)."),
      OptionSpecification(
        name: "--prior-effects", valueName: "b1,b2,...", help: "Earlier estimates of the effect: a hierarchical prior (needs --prior-ses)."),
      OptionSpecification(name: "--prior-ses", valueName: "s1,s2,...", help: "The standard errors of --prior-effects."),
      OptionSpecification(
        name: "--population-prior", valueName: "mean,sd",
        help: "A normal prior for effect_mean, the population mean of the effects (default: flat)."),
      OptionSpecification(
        name: "--population-scale", valueName: "s",
        help: "Scale of the half-Cauchy prior of effect_sd, in the effect's units.", defaultValue: "2"),
      OptionSpecification(name: "--lkj-eta", valueName: "eta", help: "Shape of the LKJ prior of the error correlation.", defaultValue: "2"),
      OptionSpecification(
        name: "--sigma-scale", valueName: "s", help: "Scale of the half-Cauchy priors of the error standard deviations.",
        defaultValue: "2"),
      OptionSpecification(name: "--hdi", valueName: "p", help: "Probability of the highest-density intervals.", defaultValue: "0.94"),
      OptionSpecification(
        name: "--subset", valueName: "condition", help: "Keep only the rows where the condition holds, e.g. 'region == \"west\"'."),
      OptionSpecification(name: "--strict", help: "Fail instead of dropping rows with missing values in the model's columns."),
      OptionSpecification(
        name: "--format", valueName: "format", help: "Output format.", allowedValues: formats, defaultValue: "text"),
      OptionSpecification(
        name: "--plot", valueName: "file.svg",
        help: "Also write the posterior density of the effect, with the 2SLS estimate and its 95% interval, as SVG."),
      help,
    ],
    invocation: "ivreg bayes")

  /// Subcommands other issues add; their names are reserved now.
  static let reserved: [(name: String, abstract: String)] = []

  static let root = CommandSpecification(
    name: nil,
    abstract: "Instrumental-variables and OLS regression from CSV files.",
    discussion: """
      Without a subcommand, 'ivreg <data> <formula>' runs 'fit'.
      """,
    options: [versionFlag, help],
    subcommands: [
      ("fit", "Estimate an OLS or IV regression (default)."),
      ("compare", "Fit several models and show them side by side."),
      ("lasso", "Select instruments with a LASSO, then fit 2SLS."),
      ("describe", "Describe the columns of a CSV file."),
      ("granger", "Granger causality tests between columns (time in rows)."),
      ("bayes", "Bayesian IV, with a prior from earlier experiments."),
      ("help", "Show help for a subcommand."),
    ] + reserved,
    invocation: "ivreg")

  /// The subcommands that run, by name.
  static let commands: [String: CommandSpecification] = [
    "fit": fit, "compare": compare, "lasso": lasso, "describe": describe, "granger": granger, "bayes": bayes,
  ]
}
