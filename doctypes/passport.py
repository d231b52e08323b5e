"""Passports and other MRZ documents: their field model and their place in the house (reader:
workers.pipeline.extract.passport)."""

from __future__ import annotations

from doctypes.fields import FlagField, LinesField, Model, TextField, optional
from doctypes.spec import DocType


class PassportFields(Model):
    document_number: TextField | None = optional()
    surname: TextField | None = optional()
    given_names: TextField | None = optional()
    nationality: TextField | None = optional()
    birth_date: TextField | None = optional()
    sex: TextField | None = optional()
    expiry_date: TextField | None = optional()
    issuing_country: TextField | None = optional()
    personal_number: TextField | None = optional()
    mrz_lines: LinesField | None = optional()
    mrz_valid: FlagField | None = optional("True when every check digit of the MRZ holds.")
    mrz_format: TextField | None = optional()
    document_code: TextField | None = optional()


PASSPORT = DocType(
    name="passport",
    fields=PassportFields,
    title={"id": "Paspor", "en": "Passport"},
    page_name="passport",
    reader="workers.pipeline.extract.passport:READER",
    generator="samples.passport",
    key_fields=("document_number", "surname", "birth_date"),
    read_failure_codes=("MRZ_NOT_FOUND", "MRZ_CHECK_DIGIT_FAILED"),
)
