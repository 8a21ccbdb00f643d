"""Rehab Coach: guided home exercise for runner's knee, with adherence records."""

__version__ = "0.1.0"
