"""The package version (recorded in the index, printed by `forecastbook --version`)."""

__version__ = "0.2.0"
