# R / AER goldens for the mroz IV model, to cross-check linearmodels and the Swift port.
#
# Run from the repository root (after make_inference_goldens.py wrote the CSV):
#
#     apt-get install -y r-base-core r-cran-aer r-cran-sandwich r-cran-lmtest r-cran-jsonlite
#     Rscript Fixtures/scripts/make_r_goldens.R
#
# Reads   Fixtures/data/mroz.csv
# Writes  Fixtures/reference/inference/r_aer.json
#
# Numbers are written by hand with sprintf("%.17g") (17 significant digits, round-trips
# every double); NA/NaN/Inf -> null. Matrices are row-major (list of rows) with "names".
# Model: ivreg(log(wage) ~ educ + exper + I(exper^2) | exper + I(exper^2) + motheduc + fatheduc)
# (rows with missing wage are dropped by na.omit, n = 428). Coefficient order is R's:
# (Intercept), educ, exper, I(exper^2) -- NOT linearmodels' (Intercept, exper, expersq, educ).

suppressPackageStartupMessages({
  library(AER)
  library(sandwich)
  library(lmtest)
})

num <- function(x) {
  ifelse(is.finite(x), sprintf("%.17g", x), "null")
}

str_json <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}

indent <- function(level) strrep(" ", level)

to_json <- function(x, level = 0) {
  pad <- indent(level + 1)
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(k) paste0(pad, str_json(k), ": ", to_json(x[[k]], level + 1)), "")
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent(level), "}"))
    }
    items <- vapply(x, function(v) paste0(pad, to_json(v, level + 1)), "")
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", indent(level), "]"))
  }
  if (is.matrix(x)) {
    rows <- lapply(seq_len(nrow(x)), function(i) as.numeric(x[i, ]))
    return(to_json(rows, level))
  }
  if (is.character(x)) {
    if (length(x) == 1 && is.null(attr(x, "array"))) return(str_json(x))
    return(paste0("[", paste(vapply(x, str_json, ""), collapse = ", "), "]"))
  }
  if (is.logical(x) && length(x) == 1) return(if (is.na(x)) "null" else if (x) "true" else "false")
  if (is.numeric(x)) {
    if (length(x) == 1 && is.null(attr(x, "array"))) return(num(x))
    return(paste0("[", paste(num(as.numeric(x)), collapse = ", "), "]"))
  }
  stop("cannot serialise ", class(x))
}

arr <- function(x) { attr(x, "array") <- TRUE; x }   # force a JSON array even for length 1

mat_rec <- function(m) list(names = arr(rownames(m)), layout = "row-major", matrix = unname(m))

diag_rec <- function(s) {
  d <- s$diagnostics
  out <- list()
  for (r in rownames(d)) {
    out[[r]] <- list(df1 = d[r, "df1"], df2 = d[r, "df2"], statistic = d[r, "statistic"],
                     p_value = d[r, "p-value"])
  }
  out
}

coef_rec <- function(s) {
  ct <- s$coefficients
  list(names = arr(rownames(ct)), estimate = arr(ct[, 1]), std_error = arr(ct[, 2]),
       t_value = arr(ct[, 3]), p_value = arr(ct[, 4]))
}

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), "..", ".."))
mroz <- read.csv(file.path(root, "Fixtures", "data", "mroz.csv"))

formula_text <- "log(wage) ~ educ + exper + I(exper^2) | exper + I(exper^2) + motheduc + fatheduc"
fit <- ivreg(as.formula(formula_text), data = mroz)

s_default <- summary(fit, diagnostics = TRUE)
s_hc0 <- summary(fit, vcov. = sandwich, diagnostics = TRUE)
s_hc1 <- summary(fit, vcov. = function(x) vcovHC(x, type = "HC1"), diagnostics = TRUE)

vc <- list(classical = mat_rec(vcov(fit)))
for (t in c("HC0", "HC1", "HC2", "HC3")) vc[[t]] <- mat_rec(vcovHC(fit, type = t))
vc[["sandwich"]] <- mat_rec(sandwich(fit))
se <- lapply(vc, function(v) arr(sqrt(diag(v$matrix))))

out <- list(
  meta = list(
    versions = list(
      R = paste(R.version$major, R.version$minor, sep = "."),
      R_version_string = R.version.string,
      AER = as.character(packageVersion("AER")),
      sandwich = as.character(packageVersion("sandwich")),
      lmtest = as.character(packageVersion("lmtest")),
      ivreg_from = "AER::ivreg"
    ),
    data = "Fixtures/data/mroz.csv",
    formula = formula_text,
    linearmodels_formula = "np.log(wage) ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]",
    note = paste("Coefficient order is R's: (Intercept), educ, exper, I(exper^2).",
                 "classical vcov = sigma^2 (X_hat'X_hat)^-1 with sigma^2 = RSS/(n-k) (= linearmodels unadjusted, debiased=True);",
                 "HC0 = sandwich = linearmodels robust (debiased=False); HC1 = linearmodels robust, debiased=True;",
                 "HC2/HC3 use hatvalues of the second-stage projection (not in linearmodels).")
  ),
  nobs = fit$nobs,
  df_residual = fit$df.residual,
  coefficients = list(names = arr(names(coef(fit))), values = arr(unname(coef(fit)))),
  sigma = s_default$sigma,
  r_squared = s_default$r.squared,
  adj_r_squared = s_default$adj.r.squared,
  wald_test = list(statistic = unname(s_default$waldtest[1]), p_value = unname(s_default$waldtest[2]),
                   df1 = unname(s_default$waldtest[3]), df2 = unname(s_default$waldtest[4])),
  vcov = vc,
  std_errors = se,
  summary_coefficients = list(default = coef_rec(s_default), sandwich_HC0 = coef_rec(s_hc0),
                              HC1 = coef_rec(s_hc1)),
  diagnostics = list(default = diag_rec(s_default), sandwich_HC0 = diag_rec(s_hc0), HC1 = diag_rec(s_hc1)),
  residuals_head5 = arr(unname(residuals(fit)[1:5])),
  hatvalues_head5 = arr(unname(hatvalues(fit)[1:5]))
)

path <- file.path(root, "Fixtures", "reference", "inference", "r_aer.json")
writeLines(to_json(out), path, useBytes = TRUE)
cat("wrote", path, "\n")
