"""The book on disk: one YAML file per question, the lock, atomic writes, the index in the
user's cache folder, the bookkeeping operations (add, update, resolve, ...) and CSV/JSON
import and export. Builds on `forecastbook.format`; knows nothing of scores.
"""
