// The umbrella module: `import LinearModels` brings in every layer.
@_exported public import Bayesian
@_exported public import Distributions
@_exported public import Formulas
@_exported public import LinearAlgebra
@_exported public import Penalized
@_exported public import Plotting
@_exported public import Regression
@_exported public import SparseIV
@_exported public import Reporting
@_exported public import Tabular
@_exported public import TimeSeries
