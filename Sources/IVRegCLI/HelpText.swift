/// The `ivreg` help and version texts (swift-argument-parser layout).
enum HelpText {
  static let version = "0.1.0"

  static let usage =
    "ivreg [fit] <data> <formula> [--estimator <estimator>] [--fuller <alpha>] [--kappa <kappa>] [--weight <weight>] [--gmm-iterations <n>] [--cov <cov>] [--cluster <columns>] [--kernel <kernel>] [--bandwidth <h>] [--debiased] [--level <level>] [--first-stage] [--diagnostics] [--format <format>]"

  static let full = """
    OVERVIEW: Estimate OLS and instrumental-variables (2SLS) regressions from a CSV file.

    Results match Python's linearmodels 7.1 (IV2SLS, IVLIML, IVGMM): robust (HC0) standard
    errors and normal inference by default. Unlike linearmodels, IV formulas get an
    intercept unless '0' or '-1' removes it (as in R and statsmodels).

    USAGE: \(usage)

    ARGUMENTS:
      <data>                  Path to a CSV file with a header row (tab-separated
                              when the name ends in .tsv).
      <formula>               Model formula, e.g. 'y ~ x1 + [t ~ z1 + z2]'. The
                              intercept is implicit unless '0' or '-1' removes it.

    OPTIONS:
      --estimator <estimator> IV estimator. (values: 2sls, liml, gmm; default: 2sls)
      --fuller <alpha>        Fuller's modification of LIML (implies --estimator
                              liml).
      --kappa <kappa>         A fixed k-class kappa instead of LIML's estimate
                              (implies --estimator liml; 1 is 2SLS, 0 is OLS).
      --weight <weight>       GMM weight matrix (implies --estimator gmm; kernel
                              and clusters from --kernel, --bandwidth, --cluster).
                              (values: robust, unadjusted, kernel, clustered;
                              default: robust)
      --gmm-iterations <n>    GMM steps: 2 is two-step, more iterates to
                              convergence. (default: 2)
      --cov <cov>             Covariance estimator. (values: unadjusted, robust,
                              hc0, hc1, hc2, hc3, clustered, kernel; default:
                              robust)
      --cluster <columns>     One or two cluster columns, comma-separated
                              (implies --cov clustered).
      --kernel <kernel>       HAC kernel. (values: bartlett, parzen, qs; default:
                              bartlett; implies --cov kernel)
      --bandwidth <h>         HAC bandwidth, 0 < h < n. (default: Newey-West
                              automatic; implies --cov kernel)
      --debiased              Scale the covariance by n/(n-k) and use t and F
                              distributions.
      --level <level>         Confidence level of the intervals in JSON output.
                              (default: 0.95)
      --first-stage           Also print the first-stage results of an IV model.
      --diagnostics           Also print the specification tests and weak-
                              instrument diagnostics of an IV model.
      --format <format>       Output format. (values: text, json; default: text)
      --version               Show the version.
      -h, --help              Show help information.

    EXIT STATUS:
      0 success, 1 data or model error, 64 usage error.
    """
}
