# cv.glmnet goldens with explicit foldid (lasso-iv.md §2, §7.3).
#
# Run from the repository root, after Fixtures/scripts/make_lasso_data.py:
#
#     Rscript Fixtures/scripts/make_cvglmnet_goldens.R
#
# Needs R with glmnet (Debian: apt-get install r-base-core r-cran-glmnet).
# Writes Fixtures/reference/lasso_cv/cv_glmnet_a.json   data set A (K = 5, foldid = mod-5 ids)
#        Fixtures/reference/lasso_cv/cv_glmnet_b.json   data set B (strong and weak d on z, K = 5)
#        Fixtures/reference/lasso_cv/cv_glmnet_ab.json  ab_tests_iv.csv and ab_tests_null.csv
#                                                        (first stage x ~ m's, K = 10, fold column)
# Every run is done twice: default thresh (1e-7) and thresh = 1e-12; everything else is
# cv.glmnet's default (gaussian, alpha 1, standardize, intercept, nlambda 100,
# lambda.min.ratio 1e-4 when n >= p else 0.01, type.measure "mse", grouped).
# Numbers are written with sprintf("%.17g") (round-trip exact); indices are 1-based.

suppressPackageStartupMessages(library(glmnet))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
ROOT <- normalizePath(file.path(dirname(script), "..", ".."))
DATA <- file.path(ROOT, "Fixtures", "data")
OUT <- file.path(ROOT, "Fixtures", "reference", "lasso_cv")
dir.create(OUT, showWarnings = FALSE, recursive = TRUE)

# ---------------------------------------------------------------- tiny JSON writer
jnum <- function(v) {
  if (is.na(v) || is.infinite(v)) return("null")
  if (is.integer(v)) return(as.character(v))
  s <- sprintf("%.17g", v)
  s
}
to_json <- function(x, ind = "") {
  nxt <- paste0(ind, " ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(k) paste0(nxt, "\"", k, "\": ", to_json(x[[k]], nxt)), "")
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", ind, "}"))
    }
    items <- vapply(x, function(e) paste0(nxt, to_json(e, nxt)), "")
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", ind, "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  x <- unclass(x)
  if (is.character(x)) {
    el <- vapply(x, function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\""), "")
  } else if (is.logical(x)) {
    el <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    el <- vapply(seq_along(x), function(i) jnum(x[i]), "")
  }
  if (as_array) paste0("[", paste(el, collapse = ", "), "]") else el
}
write_json <- function(obj, path) {
  con <- file(path, "wb")
  writeLines(to_json(obj), con, sep = "\n")
  close(con)
  cat("wrote", path, "\n")
}

versions <- list(R = R.version.string, glmnet = as.character(packageVersion("glmnet")),
                 Matrix = as.character(packageVersion("Matrix")),
                 blas = La_library(), lapack = La_version())

# ---------------------------------------------------------------- one cv.glmnet run
nz_index <- function(beta_col) which(as.numeric(beta_col) != 0)

fold_fits <- function(x, y, foldid, ...) {
  lapply(sort(unique(foldid)), function(k) {
    tr <- foldid != k
    f <- glmnet(x[tr, , drop = FALSE], y[tr], ...)
    list(fold = k, n_train = sum(tr), lambda_max = f$lambda[1], path_length = length(f$lambda))
  })
}

cv_run <- function(x, y, foldid, thresh = 1e-7, penalty.factor = rep(1, ncol(x)),
                   full_path = FALSE, call = "") {
  cv <- cv.glmnet(x, y, foldid = foldid, thresh = thresh, penalty.factor = penalty.factor)
  fit <- cv$glmnet.fit
  imin <- which(cv$lambda == cv$lambda.min)
  i1se <- which(cv$lambda == cv$lambda.1se)
  cmin <- as.numeric(coef(cv, s = "lambda.min"))
  c1se <- as.numeric(coef(cv, s = "lambda.1se"))
  res <- list(
    call = call,
    thresh = thresh,
    n = nrow(x), p = ncol(x), nfolds = length(unique(foldid)),
    lambda_min_ratio = if (nrow(x) < ncol(x)) 0.01 else 1e-4,
    penalty_factor = I(penalty.factor),
    lambda = I(cv$lambda), cvm = I(cv$cvm), cvsd = I(cv$cvsd), cvup = I(cv$cvup), cvlo = I(cv$cvlo),
    nzero = I(as.integer(cv$nzero)),
    lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se,
    index_min = as.integer(imin), index_1se = as.integer(i1se),
    cvm_min = cv$cvm[imin], cvsd_min = cv$cvsd[imin], cvm_1se = cv$cvm[i1se], cvsd_1se = cv$cvsd[i1se],
    nonzero_min = I(as.integer(nz_index(fit$beta[, imin]))),
    nonzero_1se = I(as.integer(nz_index(fit$beta[, i1se]))),
    coef_names = I(c("(Intercept)", colnames(x))),
    coef_min = I(cmin), coef_1se = I(c1se),
    full_fit = list(path_length = length(fit$lambda), npasses = as.integer(fit$npasses),
                    df = I(as.integer(fit$df)), dev_ratio = I(fit$dev.ratio), nulldev = fit$nulldev),
    fold_fits = fold_fits(x, y, foldid, thresh = thresh, penalty.factor = penalty.factor)
  )
  if (full_path) {
    res$full_fit$a0 <- I(as.numeric(fit$a0))
    res$full_fit$beta_by_lambda <- lapply(seq_along(fit$lambda), function(k) I(as.numeric(fit$beta[, k])))
  }
  res
}

compare_thresh <- function(a, b) {
  L <- min(length(a$lambda), length(b$lambda))
  d <- abs(a$cvm[1:L] - b$cvm[1:L])
  list(common_length = as.integer(L),
       lambda_max_abs_diff = max(abs(a$lambda[1:L] - b$lambda[1:L])),
       cvm_max_abs_diff = max(d), cvm_max_abs_diff_index = as.integer(which.max(d)),
       cvm_max_rel_diff = max(d / b$cvm[1:L]),
       cvsd_max_abs_diff = max(abs(a$cvsd[1:L] - b$cvsd[1:L])),
       same_index_min = a$index_min == b$index_min, same_index_1se = a$index_1se == b$index_1se,
       coef_min_max_abs_diff = max(abs(a$coef_min - b$coef_min)),
       path_lengths = I(as.integer(c(length(a$lambda), length(b$lambda)))))
}

both <- function(...) {
  d <- cv_run(..., thresh = 1e-7)
  t <- cv_run(..., thresh = 1e-12)
  list(default_thresh = d, thresh_1e_12 = t, thresh_effect = compare_thresh(d, t))
}

# ---------------------------------------------------------------- data set A
A <- read.csv(file.path(DATA, "lasso_a.csv"))
xa <- as.matrix(A[, paste0("x", 1:20)]); colnames(xa) <- paste0("V", 1:20)
ya <- A$y; fa <- A$foldid
# formula check (lasso-iv.md §7.1): R's own evaluation must equal the CSV bit for bit
xf <- matrix(0, 200, 20)
for (i in 1:200) for (j in 1:20)
  xf[i, j] <- (1 + 0.1*j) * ( sin(i*(0.31 + 0.07*j) + 0.5*j) + 0.4*cos((0.13*j)*i) )
yf <- numeric(200)
for (i in 1:200) yf[i] <- 3 + 2*xf[i,1] - 1.5*xf[i,2] + 1.0*xf[i,3] + 0.5*xf[i,4] - 0.25*xf[i,6] +
  0.5*sin(2.9*i + 1) + 0.3*cos(5.3*i)
check_a <- list(max_abs_diff_x = max(abs(xf - unname(xa))), max_abs_diff_y = max(abs(yf - ya)),
                identical = identical(unname(xf), unname(xa)) && identical(yf, ya))
stopifnot(check_a$identical)

ra <- both(xa, ya, fa, full_path = TRUE, call = "cv.glmnet(x, y, foldid = foldid, thresh = thresh)")
# the spec's variant: folds forced onto the full-data grid
cv_grid <- cv.glmnet(xa, ya, foldid = fa, lambda = ra$default_thresh$lambda)
write_json(list(
  meta = list(versions = versions, script = "Fixtures/scripts/make_cvglmnet_goldens.R",
              data = "Fixtures/data/lasso_a.csv (lasso-iv.md §7.1; columns x1..x20 passed as V1..V20)",
              foldid = "foldid column = ((i-1) mod 5) + 1", formula_check = check_a,
              notes = I(c("coef_* = intercept then V1..V20 at that lambda (coef(cv, s=...))",
                          "nonzero_* = 1-based column indices with non-zero coefficient",
                          "full_fit.beta_by_lambda[k] = the p coefficients at lambda[k] (default_thresh and thresh_1e_12)",
                          "fold_fits = glmnet refitted on each training fold with the same settings: own lambda_max and path length"))),
  cv = ra,
  cv_shared_grid = list(call = "cv.glmnet(x, y, foldid = foldid, lambda = <default_thresh$lambda>)",
                        lambda_min = cv_grid$lambda.min, lambda_1se = cv_grid$lambda.1se,
                        cvm = I(cv_grid$cvm), cvsd = I(cv_grid$cvsd),
                        cvm_min = cv_grid$cvm[which(cv_grid$lambda == cv_grid$lambda.min)])
), file.path(OUT, "cv_glmnet_a.json"))

# ---------------------------------------------------------------- data set B
B <- read.csv(file.path(DATA, "lasso_b.csv"))
zb <- as.matrix(B[, paste0("z", 1:30)]); colnames(zb) <- paste0("V", 1:30)
zf <- matrix(0, 200, 30)
for (i in 1:200) for (j in 1:30) zf[i, j] <- sin(i*(0.19 + 0.053*j) + 0.9*j) + 0.3*cos((0.071*i)*j)
df <- numeric(200); dw <- numeric(200)
for (i in 1:200) {
  v <- 0.8*sin(2.3*i + 0.5) + 0.4*cos(4.1*i)
  df[i] <- 0.5 + 1.0*zf[i,1] + 0.7*zf[i,2] - 0.5*zf[i,3] + v
  dw[i] <- 0.5 + v
}
check_b <- list(max_abs_diff_z = max(abs(zf - unname(zb))), max_abs_diff_d = max(abs(df - B$d)),
                identical = identical(unname(zf), unname(zb)) && identical(df, B$d) && identical(dw, B$d_weak))
stopifnot(check_b$identical)
write_json(list(
  meta = list(versions = versions, script = "Fixtures/scripts/make_cvglmnet_goldens.R",
              data = "Fixtures/data/lasso_b.csv (lasso-iv.md §7.6; z1..z30 passed as V1..V30)",
              foldid = "foldid column = ((i-1) mod 5) + 1", formula_check = check_b),
  strong = both(zb, B$d, B$foldid, call = "cv.glmnet(z, d, foldid = foldid, thresh = thresh)"),
  weak = both(zb, B$d_weak, B$foldid, call = "cv.glmnet(z, d_weak, foldid = foldid, thresh = thresh)")
), file.path(OUT, "cv_glmnet_b.json"))

# ---------------------------------------------------------------- A/B tests (seed 004)
ab_runs <- function(file, p) {
  D <- read.csv(file.path(DATA, file))
  M <- as.matrix(D[, paste0("m", 1:p)])
  W <- cbind(1, D$c1, D$c2)
  q <- qr(W)
  xr <- qr.resid(q, D$x)
  Mr <- qr.resid(q, M); colnames(Mr) <- paste0("m", 1:p)
  XM <- cbind(M, c1 = D$c1, c2 = D$c2)
  list(
    n = nrow(D), p = p,
    csv_check = list(sum_x = sum(D$x), sum_y = sum(D$y), sum_c1 = sum(D$c1),
                     x_head = I(D$x[1:5]), y_head = I(D$y[1:5])),
    partialled = c(list(description = paste(
      "controls partialled out: x and every m_j replaced by OLS residuals on (1, c1, c2)",
      "(qr.resid of R's Householder QR); then cv.glmnet(Mres, xres, foldid = fold) with defaults")),
      both(Mr, xr, D$fold, call = "cv.glmnet(Mres, xres, foldid = fold, thresh = thresh)")),
    penalty_factor = c(list(description = paste(
      "controls unpenalised: cv.glmnet(cbind(m1..mp, c1, c2), x, foldid = fold,",
      "penalty.factor = c(rep(1, p), 0, 0)); glmnet rescales the factors to sum to p+2,",
      "so the m's get v = (p+2)/p; nonzero_* include c1, c2 (columns p+1, p+2)")),
      both(XM, D$x, D$fold, penalty.factor = c(rep(1, p), 0, 0),
           call = "cv.glmnet(cbind(M, c1, c2), x, foldid = fold, penalty.factor = c(rep(1,p),0,0), thresh = thresh)"))
  )
}
write_json(list(
  meta = list(versions = versions, script = "Fixtures/scripts/make_cvglmnet_goldens.R",
              data = I(c("Fixtures/data/ab_tests_iv.csv", "Fixtures/data/ab_tests_null.csv")),
              foldid = "the fold column of each CSV (10 folds)",
              notes = I(c("first stage of seed 004: behaviour x on the A/B assignments m1..mp",
                          "nonzero_* are 1-based column indices (m_j has index j)"))),
  ab_tests_iv = ab_runs("ab_tests_iv.csv", 100),
  ab_tests_null = ab_runs("ab_tests_null.csv", 50)
), file.path(OUT, "cv_glmnet_ab.json"))
