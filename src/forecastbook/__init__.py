"""forecastbook: keep score of forecasts stored as YAML files."""

from .errors import (
    Ambiguous,
    BadInput,
    BookMissing,
    Conflict,
    ForecastbookError,
    InvalidForecastFile,
    NotFound,
)

__version__ = "0.1.0"

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
