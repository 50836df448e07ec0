"""What a person reads: the tables of the calibration report, its figure (the only user of
matplotlib), its Markdown summary, and the plain-text scores that `forecastbook score`
prints. Builds on `forecastbook.scoring`.
"""
