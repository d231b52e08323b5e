"""Kartu Keluarga (the family card): its field model and its place in the house (reader:
workers.pipeline.extract.kk)."""

from __future__ import annotations

from doctypes.fields import KkMember, MembersField, Model, TextField, optional
from doctypes.spec import DocType


class KkFields(Model):
    kk_number: TextField | None = optional()
    head_name: TextField | None = optional()
    address: TextField | None = optional()
    rt_rw: TextField | None = optional()
    village: TextField | None = optional()
    district: TextField | None = optional()
    regency: TextField | None = optional()
    province: TextField | None = optional()
    issue_date: TextField | None = optional()
    members: MembersField | None = optional()


# The header's keys (every field but the members' table) and a member row's keys, in the order they are read: the
# reader, the generator and the benchmark take them from here.
HEADER_FIELDS: tuple[str, ...] = tuple(k for k in KkFields.model_fields if k != "members")
MEMBER_FIELDS: tuple[str, ...] = tuple(KkMember.model_fields)

KK = DocType(
    name="kk",
    fields=KkFields,
    title={"id": "Kartu Keluarga", "en": "Family card (KK)"},
    page_name="Kartu Keluarga",
    reader="workers.pipeline.extract.kk:READER",
    generator="samples.kk",
    primary=1,
    key_fields=("kk_number", "members"),
    read_failure_codes=("KK_NUMBER_INVALID", "KK_MEMBERS_MISSING", "KK_MEMBER_NIK_INVALID"),
)
