"""Benchmarks: `python -m bench NAME [--quick]`.

Each benchmark module `bench/NAME.py` has `main(argv) -> dict`; it measures the app and a floor
(the bare operation with no app around it) in the same run, prints its figures, and returns a
dict that `bench.__main__` prints as the last line, as one JSON object.
"""
