"""Plain data carried through the pipeline. Geometry is in page pixels (after orientation correction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

BBox = tuple[int, int, int, int]


class FieldJson(TypedDict):
    """A field as the Verification's `fields` carry it."""

    value: Any  # the field's own shape (doctypes): text, a flag, MRZ lines, KK members
    confidence: float
    bbox: list[int] | None
    page: int


class CheckJson(TypedDict):
    """A check as the Verification's `checks` carry it: `action` and `reason` only when failed."""

    name: str
    passed: bool
    score: float
    detail: str
    action: NotRequired[str]
    reason: NotRequired[str]


class ReasonJson(TypedDict):
    code: str
    message: str
    field: NotRequired[str]


class PagePart(TypedDict):
    """One page of a document (the Verification's additive `document.parts`)."""

    page: int
    type: str
    type_confidence: float
    found_by: str


@dataclass(frozen=True)
class TextLine:
    """One OCR text line: NFKC-normalised text, recogniser confidence and axis-aligned box."""

    text: str
    confidence: float
    bbox: BBox

    @property
    def x0(self) -> int:
        return self.bbox[0]

    @property
    def y0(self) -> int:
        return self.bbox[1]

    @property
    def x1(self) -> int:
        return self.bbox[2]

    @property
    def y1(self) -> int:
        return self.bbox[3]

    @property
    def height(self) -> int:
        return max(1, self.bbox[3] - self.bbox[1])

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2


@dataclass
class Field:
    value: Any
    confidence: float
    bbox: BBox | None = None
    page: int = 0

    def to_json(self) -> FieldJson:
        return {
            "value": self.value,
            "confidence": round(float(self.confidence), 3),
            "bbox": list(self.bbox) if self.bbox else None,
            "page": self.page,
        }


@dataclass
class Check:
    name: str
    passed: bool
    score: float
    detail: str = ""
    action: str | None = None  # "retake" (capture quality) or "review" (authenticity), when failed
    reason: str | None = None  # a RETAKE_* or authenticity reason code, when failed

    def to_json(self) -> CheckJson:
        out: CheckJson = {
            "name": self.name,
            "passed": self.passed,
            "score": round(float(self.score), 3),
            "detail": self.detail,
        }
        if self.action is not None:
            out["action"] = self.action
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass
class Reason:
    code: str
    message: str
    field: str | None = None

    def to_json(self) -> ReasonJson:
        out: ReasonJson = {"code": self.code, "message": self.message}
        if self.field:
            out["field"] = self.field
        return out


@dataclass
class Page:
    """A page image (BGR uint8) ready for OCR, and what was done to get it there."""

    image: Any  # numpy.ndarray; Any keeps this module free of numpy for light importers
    index: int = 0
    rotation: int = 0  # degrees clockwise applied to the decoded image
    card_found: bool = False
    lines: list[TextLine] = field(default_factory=list)
    # How the card was found: "outline" (its edges), "text" (where the detector found its print, then its
    # outline or its print's surroundings), "frame" (it fills the frame: a scan, a tight crop).
    found_by: str = "frame"


@dataclass
class PipelineResult:
    status: str  # "completed" | "failed"
    document_type: str = "unknown"
    type_confidence: float = 0.0
    pages: int = 0
    fields: dict[str, Field] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    timings_ms: dict[str, int] = field(default_factory=dict)
    models: list[str] = field(default_factory=list)
    # the flattened, upright card of each page (BGR arrays): field bboxes are in these pixels. Not part of the
    # Verification object; the worker stores them for the clerk review UI.
    page_images: list[Any] = field(default_factory=list)
    parts: list[PagePart] = field(default_factory=list)
