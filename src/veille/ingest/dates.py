from __future__ import annotations

import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value) -> str | None:
    """``YYYY-MM-DD`` from a date string that starts with an ISO date, else None."""
    if not value or not isinstance(value, str):
        return None
    m = _ISO.match(value.strip())
    return m.group(0) if m else None
