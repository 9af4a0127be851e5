// Distributions
