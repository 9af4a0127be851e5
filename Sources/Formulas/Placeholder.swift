// Formulas
