# glmnet reference values for the Penalized module (gaussian family, alpha = 1).
#
# Run from the repository root:
#
#     Rscript Fixtures/scripts/make_glmnet_goldens.R
#
# Writes Fixtures/reference/lasso/glmnet.json: for each case the call's options and
# glmnet's lambda, a0, beta (one list per lambda), df, dev.ratio, nulldev, npasses, jerr,
# plus coef(fit, s) at a few s (linear interpolation in lambda).
# Data set A is the RNG-free design of the LASSO reference notes (section 7.1); the
# variants (constant column, zero column, 15 rows for p > n) match make_lasso_goldens.py.
# Numbers are written with %.17g (round-trip exact); no JSON package is needed.
suppressMessages(library(glmnet))

n <- 200; p <- 20
x <- matrix(0, n, p); y <- numeric(n)
for (i in 1:n) {
  for (j in 1:p) x[i, j] <- (1 + 0.1*j) * (sin(i*(0.31 + 0.07*j) + 0.5*j) + 0.4*cos((0.13*j)*i))
  y[i] <- 3 + 2*x[i,1] - 1.5*x[i,2] + 1.0*x[i,3] + 0.5*x[i,4] - 0.25*x[i,6] +
    0.5*sin(2.9*i + 1) + 0.3*cos(5.3*i)
}
xconst <- x; xconst[, 5] <- 2.5
xzero <- x; xzero[, 8] <- 0

num <- function(v) {
  v <- as.numeric(v)
  s <- sprintf("%.17g", v)
  s[is.infinite(v) & v > 0] <- "1e999"
  paste0("[", paste(s, collapse = ", "), "]")
}
scalar <- function(v) sprintf("%.17g", as.numeric(v))
str <- function(s) paste0("\"", s, "\"")

case <- function(name, data, args, s = NULL) {
  fit <- do.call(glmnet, c(list(x = data$x, y = data$y), args))
  beta <- as.matrix(fit$beta)
  opts <- paste(sprintf("\"%s\": %s", names(args),
                        sapply(args, function(a) if (is.logical(a)) tolower(as.character(a))
                                                 else if (length(a) == 1) scalar(a) else num(a))),
                collapse = ", ")
  fields <- c(
    sprintf("\"name\": %s", str(name)),
    sprintf("\"data\": %s", str(data$name)),
    sprintf("\"options\": {%s}", opts),
    sprintf("\"lambda\": %s", num(fit$lambda)),
    sprintf("\"a0\": %s", num(fit$a0)),
    sprintf("\"beta\": [%s]", paste(apply(beta, 2, num), collapse = ",\n  ")),
    sprintf("\"df\": %s", num(fit$df)),
    sprintf("\"dev_ratio\": %s", num(fit$dev.ratio)),
    sprintf("\"nulldev\": %s", scalar(fit$nulldev)),
    sprintf("\"npasses\": %d", fit$npasses),
    sprintf("\"jerr\": %d", fit$jerr))
  if (!is.null(s)) {
    co <- as.matrix(coef(fit, s = s))
    fields <- c(fields, sprintf("\"interpolated\": {\"s\": %s, \"coef\": [%s]}", num(s),
                                paste(apply(co, 2, num), collapse = ",\n  ")))
  }
  paste0("{", paste(fields, collapse = ",\n "), "}")
}

A <- list(name = "A", x = x, y = y)
Aconst <- list(name = "A_constant_column_5", x = xconst, y = y)
Azero <- list(name = "A_zero_column_8", x = xzero, y = y)
A15 <- list(name = "A_first_15_rows", x = x[1:15, ], y = y[1:15])

cases <- c(
  case("default", A, list(), s = c(2, 1.0, 0.1, 0.0123, 1e-4)),
  case("thresh_1e-20", A, list(thresh = 1e-20)),
  case("no_intercept", A, list(intercept = FALSE)),
  case("not_standardized", A, list(standardize = FALSE)),
  case("no_intercept_not_standardized", A, list(intercept = FALSE, standardize = FALSE)),
  case("penalty_factor_unpenalized_v1", A, list(penalty.factor = c(0, rep(2, 19)))),
  case("penalty_factor_mixed", A, list(penalty.factor = c(1, 0.5, 3, 1, 1, 0, rep(1, 14)))),
  case("exclude_1_2", A, list(exclude = c(1, 2))),
  case("user_lambda", A, list(lambda = c(0.05, 1.0, 0.5, 0.2, 0.1, 0.02, 0.01))),
  case("nlambda_20_ratio_0.05", A, list(nlambda = 20, lambda.min.ratio = 0.05)),
  case("dfmax_3", A, list(dfmax = 3)),
  case("pmax_4", A, list(pmax = 4)),
  case("maxit_30", A, list(maxit = 30)),
  case("constant_column", Aconst, list()),
  case("zero_column", Azero, list()),
  case("wide_p_gt_n", A15, list()),
  case("wide_p_gt_n_no_intercept", A15, list(intercept = FALSE)))

versions <- sprintf("{\"R\": %s, \"glmnet\": %s}", str(paste(R.version$major, R.version$minor, sep = ".")),
                    str(as.character(packageVersion("glmnet"))))
json <- paste0("{\"meta\": {\"generator\": \"Fixtures/scripts/make_glmnet_goldens.R\", \"versions\": ",
               versions, "},\n\"cases\": [\n", paste(cases, collapse = ",\n"), "\n]}\n")
dir.create("Fixtures/reference/lasso", showWarnings = FALSE, recursive = TRUE)
writeLines(json, "Fixtures/reference/lasso/glmnet.json", sep = "")
cat("wrote Fixtures/reference/lasso/glmnet.json\n")
