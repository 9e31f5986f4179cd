"""Settings for every test run from this repository: tests/, docs/, README.md and the library's doctests."""

from hypothesis import settings

# The suite runs on shared, loaded two-core machines: a
# per-example deadline there measures the neighbours, not the code.  Budgets (max_examples) are
# untouched; where speed is the property, a benchmark or a stated bound measures it.
settings.register_profile("installments_core", deadline=None)
settings.load_profile("installments_core")
