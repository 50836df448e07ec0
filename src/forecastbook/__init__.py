"""forecastbook: keep score of forecasts stored as YAML files."""

from forecastbook._version import __version__
from forecastbook.errors import (
    Ambiguous,
    BadInput,
    BookMissing,
    Conflict,
    ForecastbookError,
    InvalidForecastFile,
    NotFound,
)

__all__ = [
    "Ambiguous",
    "BadInput",
    "BookMissing",
    "Conflict",
    "ForecastbookError",
    "InvalidForecastFile",
    "NotFound",
    "__version__",
]
