"""Routines: the model, the TOML loader with PATH:LINE errors, the writer, the library."""
