"""Article text to draft questions: sentence rules and the words table of probability
phrases. Builds on `forecastbook.format`; writing the drafts is the book's job.
"""
