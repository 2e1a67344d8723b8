"""runacu's test suite (a real package, so an installed top-level `tests` package cannot shadow it)."""
