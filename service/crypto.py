"""Keyed hashes (and, with issue 9, encryption) of personal data. Only the standard library and settings here."""

from __future__ import annotations

import hashlib
import hmac


def nik_hash(nik: str, key: str | bytes) -> str:
    """HMAC-SHA256 of the NIK's digits, hex: equal NIKs give equal hashes, and a dump without the key gives
    no NIK back (a bare SHA-256 of a 16-digit number with known structure is reversible by enumeration)."""
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, "".join(c for c in nik if c.isdigit()).encode(), hashlib.sha256).hexdigest()


def keyed_hash(value: str, key: str | bytes) -> str:
    """HMAC-SHA256 of a normalised text (e.g. an address key), hex: links equal values across verifications
    without storing them (issue 10's clusters). Callers prefix a purpose tag so hashes of different kinds
    never collide."""
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, value.encode(), hashlib.sha256).hexdigest()
