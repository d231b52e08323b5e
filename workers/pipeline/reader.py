"""Document types as plug-ins, the pipeline's half: the `Reader` protocol and the registry's readers.

A document type is declared once in the registry `doctypes` (its name, field model, review form, decision and
registry rules: what the API process reads without an OCR engine) and read by one `Reader`, named there as
`module:attribute` and loaded here, by the pipeline only. A reader says what it recognises (classification
cues, and for a card its reading's orientation), how its page is flattened (an ID-1 card, an A4 sheet read as
a page, or an A4 sheet its reader reads itself), which capture checks its pages get, and how its pages are read
into contract fields with its validations. workers.pipeline.process runs whatever the registry lists: no type
is named there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, Protocol

import doctypes
from workers.pipeline.io import Limits
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.quality import CheckThresholds
from workers.pipeline.types import Check, Field, Page, PipelineResult, Reason, TextLine

Flatten = Literal["card", "sheet", "sheet-unread"]
Fields = dict[str, Field]


@dataclass
class Options:
    document_type: str = "auto"  # auto | one of the registry's names
    limits: Limits = field(default_factory=Limits)
    checks: str = "basic"  # "basic": resolution and blur only, as before issue 5; "all": every check
    check_limits: CheckThresholds = field(default_factory=CheckThresholds)


@dataclass(frozen=True)
class Reading:
    """How much of a card's layout a reading found, and whether it runs the printed way up."""

    score: float  # 0–1, how much of the card was found
    order: float  # -1…1: +1 labels run top to bottom as printed, -1 they run bottom to top (upside down)


@dataclass(frozen=True)
class PageClass:
    type: str  # a registry name or unknown
    confidence: float  # 0–1
    reason: str  # what decided it, for an unknown page the message of DOCUMENT_UNRECOGNISED


@dataclass
class PageRead:
    """One page after reading: the image the fields' boxes refer to, and its class."""

    page: Page
    source: Any  # the decoded page image (BGR), before any flattening
    kind: PageClass
    flattened: bool = False  # page.image is an A4 sheet flattened by workers.pipeline.page


@dataclass
class Context:
    """What a reader gets besides its pages: the engine, the options, the result (for the checks it adds) and
    the pipeline's way to read an image as an A4 sheet (flattened, at a page's detection size, turned)."""

    engine: OcrEngine
    options: Options
    result: PipelineResult
    read_sheet: Callable[[Any], tuple[Any, list[TextLine], int]]


class Reader(Protocol):
    """One document type's reading. `name` is its registry name; `flatten` how a page of it is flattened:
    `card` (an ID-1 card or a passport page: the card path), `sheet` (an A4 page read as a sheet), or
    `sheet-unread` (an A4 page flattened only: the reader runs its own OCR); `precedence` orders
    classification (lower first: the more specific cues before the more general)."""

    name: str
    flatten: Flatten
    card: bool  # an ID-1 card: turned upright by its layout (`upright`), the card capture checks apply
    precedence: int

    def hint(self, lines: list[TextLine]) -> bool:
        """On the first reading at card size: does the page name this type (a title, an MRZ)? Then the card
        path stops turning it as a KTP-el."""
        ...

    def recognise(self, lines: list[TextLine]) -> PageClass | None:
        """This type (or, when the page is surely no document of any type, `unknown` with the reason); None:
        not this type, ask the next reader."""
        ...

    def fallback(self, lines: list[TextLine]) -> PageClass | None:
        """Weaker evidence, asked only once every reader's `recognise` said no."""
        ...

    def cues(self, lines: list[TextLine]) -> list[str]:
        """The type's cue words found on a page nobody recognised (for the reason)."""
        ...

    def upright(self, lines: list[TextLine]) -> Reading | None:
        """A card type's reading of its layout (None for other types): orientation and how much was found."""
        ...

    def page_checks(self, page: Page, checks: list[Check], options: Options) -> list[Check]:
        """The checks a page of this type keeps: `checks` are the capture checks made while flattening it as a
        card (tuned on ID-1 cards: a sheet or a passport page keeps none)."""
        ...

    def read(self, pages: list[PageRead], ctx: Context) -> tuple[Fields, list[Reason]]:
        """The contract's fields from this type's pages, and its validation reasons."""
        ...


@lru_cache(maxsize=1)
def readers() -> tuple[Reader, ...]:
    """Every registered type's reader, in the registry's order (loaded once per process)."""
    found = []
    for doc in doctypes.TYPES:
        module, _, attribute = doc.reader.partition(":")
        reader: Reader = getattr(importlib.import_module(module), attribute)
        if reader.name != doc.name:
            raise RuntimeError(f"{doc.reader} reads {reader.name!r}, registered as {doc.name!r}")
        found.append(reader)
    return tuple(found)


def reader_for(name: str | None) -> Reader | None:
    return next((r for r in readers() if r.name == name), None)


def card_readers() -> tuple[Reader, ...]:
    return tuple(r for r in readers() if r.card)
