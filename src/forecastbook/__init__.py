"""forecastbook: keep score of forecasts stored as YAML files.

>>> from forecastbook import Book
>>> Book("forecasts")
Book('forecasts')
"""

from forecastbook._version import __version__
from forecastbook.api import Book, ReportFiles
from forecastbook.errors import (
    Ambiguous,
    BadInput,
    BookMissing,
    Conflict,
    ForecastbookError,
    InvalidForecastFile,
    NotFound,
    UnreadableFiles,
)

__all__ = [
    "Ambiguous",
    "BadInput",
    "Book",
    "BookMissing",
    "Conflict",
    "ForecastbookError",
    "InvalidForecastFile",
    "NotFound",
    "ReportFiles",
    "UnreadableFiles",
    "__version__",
]
