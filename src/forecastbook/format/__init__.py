"""The file format, once: the pydantic models of a forecast file, YAML read/write that keeps
comments, and the parsing of what users type (probabilities, dates, horizons).

Nothing here reads the book folder or computes a score; every other layer builds on this.
"""
