"""The one registry of document types (a plug-in per type: docs/reading.md, Document types as plug-ins).

Each type is declared once, in `doctypes/<type>.py` (its field model and a `DocType`), and listed once in
`TYPES` below. The pipeline (its readers and classification), the API's and the CLI's type choices, privacy's
retention types, the review form and the decision policy all read this registry. It imports nothing of the
project but its own modules and pydantic: the API process reads it without an OCR engine.
"""

from __future__ import annotations

from doctypes.kk import KK
from doctypes.ktp import KTP
from doctypes.passport import PASSPORT
from doctypes.sim import SIM
from doctypes.sktm import SKTM
from doctypes.spec import REGISTRY_FIELDS, DocType, RegistryMatch

# The registry, in the order types are listed to people (CLI help, error messages).
TYPES: tuple[DocType, ...] = (KTP, KK, PASSPORT, SKTM, SIM)
UNKNOWN = "unknown"

__all__ = ["REGISTRY_FIELDS", "TYPES", "UNKNOWN", "DocType", "RegistryMatch", "get", "names"]


def names() -> tuple[str, ...]:
    return tuple(t.name for t in TYPES)


def get(name: str | None) -> DocType | None:
    """The registered type of that name (None for `unknown`, `auto` or anything else)."""
    return next((t for t in TYPES if t.name == name), None)
