"""Parameter types shared by the routers, validated to the range the service can represent, so that no
input reaches a 500 (an out-of-range value is a 422 VALIDATION_ERROR naming the parameter)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC; a time without a zone is taken as UTC. Python's datetime ends at years 1 and
    9999, so `9999-12-31T23:59:59-14:00` (in year 10000 once in UTC) cannot be compared with anything."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the time is outside 0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z once in UTC") from exc


UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]
