"""Use cases the UI calls: one function, one transaction each."""
