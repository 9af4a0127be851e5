# The issue-8 workload through R: data.table::fread + AER::ivreg, robust (HC0) covariance,
# summary with diagnostics (weak instruments, Wu-Hausman, Sargan), phase by phase.
#
#   .build/release/ivreg-benchmark generate --rows 100000 --out /tmp/iv1e5.csv
#   /usr/bin/time -v Rscript Fixtures/scripts/bench_iv_reference.R /tmp/iv1e5.csv
#
# apt-get install r-base-core r-cran-aer r-cran-data.table
suppressMessages({ library(data.table); library(AER); library(sandwich) })
path <- commandArgs(trailingOnly = TRUE)[1]
phase <- function(name, expr) { t <- system.time(value <- expr)[["elapsed"]]; cat(sprintf("  %-34s%8.3f s\n", name, t)); value }
total <- system.time({
  d <- phase("read CSV", fread(path))
  xs <- paste0("x", 1:10, collapse = " + "); zs <- paste0("z", 1:10, collapse = " + ")
  f <- as.formula(paste("y ~", xs, "+ factor(g) + t1 + t2 |", xs, "+ factor(g) +", zs))
  fit <- phase("fit (ivreg)", ivreg(f, data = d))
  s <- phase("summary + diagnostics (HC0)", summary(fit, vcov = sandwich, df = Inf, diagnostics = TRUE))
})[["elapsed"]]
cat(sprintf("t1 %.6f  t2 %.6f  Wu-Hausman %.4g  Sargan %.4g\n", coef(fit)[["t1"]], coef(fit)[["t2"]],
            s$diagnostics["Wu-Hausman", "statistic"], s$diagnostics["Sargan", "statistic"]))
cat(sprintf("  %-34s%8.3f s\n", "total", total))
