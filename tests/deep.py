"""Test sizes: the default run is short; `FORECASTBOOK_DEEP_TESTS=1` runs the deep sizes.

The default run still runs every kind of test (crash, concurrency, hostile files, fuzzing),
with fewer writers, writes and examples. Nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import os

DEEP = os.environ.get("FORECASTBOOK_DEEP_TESTS", "") not in ("", "0")


def sized(quick: int, deep: int) -> int:
    """`deep` when FORECASTBOOK_DEEP_TESTS is set, else `quick`."""
    return deep if DEEP else quick
