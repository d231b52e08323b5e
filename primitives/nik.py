"""NIK helpers shared by the service and the pipeline (neither imports the other)."""

from __future__ import annotations

import re

_NIK = re.compile(r"[0-9]{16}")


def is_nik_shaped(value: str | None) -> bool:
    """Sixteen ASCII digits: the form a NIK must have before its rules are worth checking."""
    return value is not None and _NIK.fullmatch(value) is not None


def mask_nik(nik: str) -> str:
    """For logs and for candidates shown to a clerk: only the last four digits of a NIK are written out."""
    return "*" * max(0, len(nik) - 4) + nik[-4:]
