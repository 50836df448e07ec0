"""The pydantic-free half of the file format agrees with the models."""

from __future__ import annotations

from forecastbook import book, fileformat, models
from forecastbook.models import Forecast


def test_field_order_is_the_order_of_the_model_fields() -> None:
    assert tuple(Forecast.model_fields) == fileformat.FIELD_ORDER


def test_models_and_book_re_export_the_same_objects() -> None:
    for name in ("SCHEMA_VERSION", "SLUG_PATTERN", "SLUG_MAX", "SUM_TOLERANCE", "ANNULLED",
                 "BINARY_OUTCOMES", "BINARY_ALIASES", "FIELD_ORDER", "match_outcome",
                 "slugify"):  # fmt: skip
        assert getattr(models, name) is getattr(fileformat, name), name
    assert book.free_id is fileformat.free_id
    assert book.check_id is fileformat.check_id


def test_schema_version_default_comes_from_fileformat() -> None:
    field = Forecast.model_fields["schema_version"]
    assert field.default == fileformat.SCHEMA_VERSION
