"""Benchmarks for Rehab Coach, run with `python3 dev.py bench`; never part of the test suite."""
