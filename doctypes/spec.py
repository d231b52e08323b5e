"""What the house knows about a document type without reading one: its name, its field model, how it is named
to a clerk, how the decision and the registry treat it, and where its reader and generator live.

A `DocType` is the lightweight half of a plug-in: the API, the CLI, privacy, review and the decision read it
without importing an OCR engine. The heavy half, the reader (workers.pipeline.reader.Reader: its classification
cues, how a page is flattened and read, its validations), is named by `reader` as `module:attribute` and loaded
by the pipeline only (workers.pipeline.reader.readers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

Labels = dict[str, dict[str, str]]  # key → {"id": …, "en": …}

# The contract's registry columns (contract: Registry CSV), in its order: the KTP-el's field names, so that a read
# field is compared with its namesake. The registry, the sample generators and the tests all read this one list.
REGISTRY_FIELDS: tuple[str, ...] = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "blood_type",
    "address",
    "rt_rw",
    "village",
    "district",
    "regency",
    "province",
    "religion",
    "marital_status",
    "occupation",
    "nationality",
)


@dataclass(frozen=True)
class RegistryMatch:
    """How a read document is compared with a registry record.

    `claimed_nik`: the document prints no NIK of its holder, so the applicant's claimed NIK (when sent) finds
    the record; without one the registry's candidate search by name and birth date runs (a clerk chooses).
    `fields`: the document's fields compared with their registry namesakes (None: every field)."""

    claimed_nik: bool = False
    fields: tuple[str, ...] | None = None


@dataclass(frozen=True)
class DocType:
    name: str
    fields: type[BaseModel]  # the field model: one optional read field per key, in the order it is read
    title: dict[str, str]  # the review UI's name of the type, {"id": …, "en": …}
    page_name: str  # how DOCUMENT_UNRECOGNISED names it ("the page does not read as a KTP-el, …")
    reader: str  # "module:attribute" of its workers.pipeline.reader.Reader (loaded by the pipeline only)
    generator: str | None = None  # the samples module that renders labelled examples of it
    primary: int | None = None  # rank as a verification's primary document (a holder's NIK); None: first read
    automatic: bool = False  # may the policy decide it alone (`verified`); else a clerk always looks
    key_fields: tuple[str, ...] = ()  # without them the document says nothing (a failed capture → retake)
    read_failure_codes: tuple[str, ...] = ()  # the reader's reasons saying its numbers were misread
    review_form: tuple[str, ...] = ()  # keys a clerk always sees (to type a missing one); others when read
    labels: Labels = field(default_factory=dict)  # its own field labels for the review UI
    reasons: Labels = field(default_factory=dict)  # its reader's own reason codes in words ({field}: the label)
    registry: RegistryMatch = field(default_factory=RegistryMatch)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.fields.model_fields)
