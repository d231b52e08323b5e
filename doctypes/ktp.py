"""KTP-el (the identity card): its field model and its place in the house (reader:
workers.pipeline.extract.ktp_reader)."""

from __future__ import annotations

from doctypes.fields import Model, TextField, optional
from doctypes.spec import DocType


class KtpFields(Model):
    nik: TextField | None = optional()
    name: TextField | None = optional()
    birth_place: TextField | None = optional()
    birth_date: TextField | None = optional()
    sex: TextField | None = optional()
    blood_type: TextField | None = optional()
    address: TextField | None = optional()
    rt_rw: TextField | None = optional()
    village: TextField | None = optional()
    district: TextField | None = optional()
    religion: TextField | None = optional()
    marital_status: TextField | None = optional()
    occupation: TextField | None = optional()
    nationality: TextField | None = optional()
    valid_until: TextField | None = optional()
    province: TextField | None = optional()
    regency: TextField | None = optional()


KTP = DocType(
    name="ktp",
    fields=KtpFields,
    title={"id": "KTP-el", "en": "KTP-el (identity card)"},
    page_name="KTP-el",
    reader="workers.pipeline.extract.ktp_reader:READER",
    generator="samples.generate",
    primary=0,
    automatic=True,
    review_form=tuple(KtpFields.model_fields),
)
