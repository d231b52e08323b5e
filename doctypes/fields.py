"""The read field shapes every document type's field model is made of (value, confidence, bbox, page), kept at
the bottom of the house so that a type's field model (doctypes.<type>) is declared without the service: the
service's Verification (service.verifications.model) and the pipeline's registry of readers both read them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydField


def _none(value: object) -> bool:
    return value is None


def optional(description: str = "") -> Any:
    """A key left out of the JSON when None (as the code before the typed Verification wrote it)."""
    return PydField(default=None, exclude_if=_none, description=description or None)


class Model(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class KkMember(Model):
    nik: str | None = None
    name: str | None = None
    sex: str | None = None
    birth_place: str | None = None
    birth_date: str | None = None
    religion: str | None = None
    education: str | None = None
    occupation: str | None = None
    marital_status: str | None = None
    relationship: str | None = None
    nationality: str | None = None
    father_name: str | None = None
    mother_name: str | None = None


FieldValue = str | bool | list[KkMember] | list[str] | None


class ReadFieldBase(Model):
    """Value, confidence (0–1), bbox (page pixels after orientation correction), page; a clerk's correction
    adds corrected, corrected_by and read_value (what the pipeline read)."""

    value: FieldValue
    confidence: float
    bbox: list[int] | None = None
    page: int = 0
    corrected: bool | None = optional("True once a clerk corrected the value.")
    corrected_by: str | None = optional("The clerk who corrected it.")
    read_value: FieldValue = optional("What the pipeline read, kept beside a clerk's correction.")

    def text(self) -> str | None:
        """The value as text (a list as the Python text of its plain values, as before this model)."""
        if self.value is None:
            return None
        if isinstance(self.value, list):
            return str(self.model_dump(include={"value"})["value"])
        return str(self.value)


class TextField(ReadFieldBase):
    value: str | None


class FlagField(ReadFieldBase):
    value: bool | None


class LinesField(ReadFieldBase):
    value: list[str] | None


class MembersField(ReadFieldBase):
    value: list[KkMember] | None


class AnyField(ReadFieldBase):
    """A field of a page of another type than the document's (its key prefixed `kk.`, `sktm.` …)."""


ReadField = TextField | FlagField | LinesField | MembersField | AnyField
