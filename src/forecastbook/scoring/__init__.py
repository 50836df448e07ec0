"""Scores: the forecasts of a book as a tidy frame, Brier and log scores, skill, the Murphy
decomposition and calibration tables. Builds on `forecastbook.format`; never reads files.
"""
