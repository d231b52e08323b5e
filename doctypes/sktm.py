"""SKTM and other village-office letters: their field model and their place in the house (reader:
workers.pipeline.extract.sktm)."""

from __future__ import annotations

from doctypes.fields import Model, TextField, optional
from doctypes.spec import DocType


class SktmFields(Model):
    letter_number: TextField | None = optional()
    issuer: TextField | None = optional()
    issue_date: TextField | None = optional()
    subject_name: TextField | None = optional()
    subject_nik: TextField | None = optional()
    subject_address: TextField | None = optional()
    purpose: TextField | None = optional()
    valid_until: TextField | None = optional()


SKTM = DocType(
    name="sktm",
    fields=SktmFields,
    title={"id": "SKTM", "en": "SKTM (low-income letter)"},
    page_name="SKTM letter",
    reader="workers.pipeline.extract.sktm:READER",
    generator="samples.sktm",
    key_fields=("subject_nik", "subject_name"),
    read_failure_codes=("NIK_INVALID",),
)
