"""Opaque cursors for newest-first lists keyed by ULID: every paged endpoint reads and writes the same form."""

from __future__ import annotations

import base64
import binascii
import json

from service.errors import InvalidCursor
from service.ids import is_id


def encode_cursor(last_id: str) -> str:
    """The cursor of the page after the one ending with `last_id`."""
    return base64.urlsafe_b64encode(json.dumps({"before": last_id}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The id a cursor from encode_cursor names; a cursor this API did not make is a 400, never a 500."""
    try:
        before = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["before"]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise InvalidCursor("cursor is not one this API returned", {"parameter": "cursor"}) from exc
    if not isinstance(before, str) or not is_id(before):
        raise InvalidCursor("cursor is not one this API returned", {"parameter": "cursor"})
    return before
