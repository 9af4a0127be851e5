# Reference timing of cv.glmnet for the `lasso-benchmark` target (Documentation/Performance.md).
#
#   python Fixtures/scripts/bench_lasso_reference.py write DIR   # the benchmark's data, bit for bit
#   Rscript Fixtures/scripts/bench_lasso_reference.R DIR [OUT.json]
#
# Reads DIR/bench.f64 (float64, column-major m1..m200, x, fold), times
# cv.glmnet(M, x, foldid = fold) with glmnet's defaults and prints lambda.min, lambda.1se and
# the selected columns (1-based). With OUT.json the selection is written for
# `lasso-benchmark --reference OUT.json`. Used: R 4.2.2, glmnet 4.1-6.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
n <- 100000; p <- 200
raw <- readBin(file.path(args[1], "bench.f64"), "double", n = n * (p + 2), size = 8, endian = "little")
M <- matrix(raw[1:(n * p)], n, p)
x <- raw[(n * p + 1):(n * p + n)]
fold <- as.integer(raw[(n * p + n + 1):(n * p + 2 * n)])
elapsed <- system.time(cv <- cv.glmnet(M, x, foldid = fold))[["elapsed"]]
nz <- function(s) as.integer(predict(cv, s = s, type = "nonzero")[[1]])
cat(sprintf("cv.glmnet: %.3f s (%d lambda)\n", elapsed, length(cv$lambda)))
cat(sprintf("  lambda.min = %.17g (index %d)\n", cv$lambda.min, cv$index[1]))
cat(sprintf("  selected at lambda.min (%d): [%s]\n", length(nz("lambda.min")), paste(nz("lambda.min"), collapse = ", ")))
cat(sprintf("  lambda.1se = %.17g (index %d)\n", cv$lambda.1se, cv$index[2]))
cat(sprintf("  selected at lambda.1se (%d): [%s]\n", length(nz("lambda.1se")), paste(nz("lambda.1se"), collapse = ", ")))
if (length(args) >= 2) {
  json <- sprintf(paste0('{"R": "%s", "glmnet": "%s", "elapsed": %.3f, "lambda_min": %.17g, "lambda_1se": %.17g, ',
                         '"index_min": %d, "index_1se": %d, "nonzero_min": [%s], "nonzero_1se": [%s]}\n'),
                  R.version.string, as.character(packageVersion("glmnet")), elapsed, cv$lambda.min, cv$lambda.1se,
                  cv$index[1], cv$index[2], paste(nz("lambda.min"), collapse = ", "),
                  paste(nz("lambda.1se"), collapse = ", "))
  cat(json, file = args[2])
}
