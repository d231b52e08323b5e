"""ULIDs: sortable by creation time, safe in URLs and file names, never derived from user input."""

from __future__ import annotations

import os
import re
import time

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> str:
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def created_ms(ulid: str) -> int | None:
    """The creation time (ms since the epoch) a ULID of ours carries in its first ten characters; None if the
    text is not one."""
    value = 0
    for char in ulid[:10].upper():
        digit = _CROCKFORD.find(char)
        if digit < 0 or len(ulid) != 26:
            return None
        value = value * 32 + digit
    return value


ULID_PATTERN = "[0-9A-HJKMNP-TV-Z]{26}"  # the one pattern of our ids
_ULID = re.compile(ULID_PATTERN)


def is_id(text: str) -> bool:
    """Whether `text` has the form of one of our ids (26 Crockford base-32 characters, upper case)."""
    return _ULID.fullmatch(text) is not None
