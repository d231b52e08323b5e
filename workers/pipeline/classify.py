"""Which document a page is, and whether it was read the right way up, from the labels the OCR found.

Every registered type's reader (workers.pipeline.reader) brings its own cues; `classify_page` asks them in
their order of precedence: the more specific first (an MRZ makes a passport; the KK's title, its number line
and its member-table column headers make a kk; a "Surat Keterangan" title with the letter's other parts makes
an sktm), the KTP-el's labels in printed order last, since letters and KKs carry KTP-like labels (Nama, NIK,
Agama). Then weaker evidence (a passport's labels without a readable zone). A page that meets none is unknown,
with the reason.

The recogniser reads upside-down text surprisingly well (`Nama`, `NIK` come out right), so the number
of labels alone cannot tell a card from its 180° turn. The order of the labels can: on an upright KTP-el
NIK stands above Nama, Nama above Tempat/Tgl Lahir, and so on; upside down the order runs backwards.
"""

from __future__ import annotations

import doctypes
from workers.pipeline.extract.ktp import LABELS as KTP_LABELS
from workers.pipeline.extract.layout import find_labels, squash
from workers.pipeline.reader import PageClass, Reading, readers
from workers.pipeline.types import TextLine

# the running text of a letter, words no card prints (stems: a crop cuts them, `Surat keterang`): a letter's
# cue, and the KTP-el reader's reason to call a letter's subject block no card
LETTER_PROSE = (
    "MENERANGKAN",
    "DEMIKIAN",
    "BERTANDATANG",
    "SURATKETERANG",
    "KEPERLUAN",
    "MESTINYA",
    "DIPERGUNAKAN",
    "ORANGTERSEBUT",
)

_ORDER = {label.key: i for i, label in enumerate(KTP_LABELS)}
_SAME_ROW = {("sex", "blood_type")}


def texts(lines: list[TextLine]) -> list[str]:
    """Squashed texts, each also reversed (a page read upside down gives mirrored strings)."""
    out: list[str] = []
    for t in lines:
        s = squash(t.text)
        out.extend((s, s[::-1]))
    return out


def hits(found: list[str], words: tuple[str, ...]) -> set[str]:
    """The cue words that stand in any of the texts."""
    return {w for w in words for t in found if w in t}


def ktp_reading(lines: list[TextLine]) -> Reading:
    found = find_labels(lines, KTP_LABELS)
    header = any(squash(t.text).startswith("PROVINSI") for t in lines)
    score = min(1.0, (len(found) + (2 if header else 0)) / (len(KTP_LABELS) * 0.75))
    keys = sorted(found, key=_ORDER.__getitem__)
    agree = disagree = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if (a, b) in _SAME_ROW:
                continue
            dy = found[b].line.cy - found[a].line.cy
            agree += dy > 0
            disagree += dy < 0
    pairs = agree + disagree
    return Reading(score, (agree - disagree) / pairs if pairs else 0.0)


def _has_nik_and_header(lines: list[TextLine]) -> bool:
    """A KTP-el blurred past its labels still shows its header and its sixteen-digit NIK."""
    header = any(squash(t.text).startswith("PROVINSI") for t in lines)
    nik = any(sum(c.isdigit() for c in t.text) >= 15 and len(squash(t.text)) <= 20 for t in lines)
    return header and nik


def classify(lines: list[TextLine]) -> tuple[str, float]:
    """The KTP-el decision alone (kept for the KTP path and its tests)."""
    reading = ktp_reading(lines)
    if reading.score >= 0.4 and reading.order > 0:
        return "ktp", round(reading.score, 3)
    if reading.order >= 0 and _has_nik_and_header(lines):
        return "ktp", round(max(0.4, reading.score), 3)
    return "unknown", round(1.0 - reading.score, 3)


def other_type_hint(lines: list[TextLine]) -> bool:
    """Cheap test on the first (card-path) reading: does this page name a type that is no card? Then the card
    path stops turning it and the page goes to classify_page."""
    return any(r.hint(lines) for r in readers() if not r.card)


def classify_page(lines: list[TextLine]) -> PageClass:
    """The document type of one page from its OCR lines."""
    ordered = sorted(readers(), key=lambda r: r.precedence)
    for reader in ordered:
        if (found := reader.recognise(lines)) is not None:
            return found
    for reader in ordered:
        if (found := reader.fallback(lines)) is not None:
            return found
    if not lines:
        return PageClass("unknown", 1.0, "no text was found on the page")
    cues = sorted({c for r in ordered for c in r.cues(lines)})
    detail = f" (found only: {', '.join(cues[:6])})" if cues else ""
    page_names = [t.page_name for t in doctypes.TYPES]
    return PageClass(
        "unknown",
        classify(lines)[1],
        f"the page does not read as a {', '.join(page_names[:-1])} or {page_names[-1]}" + detail,
    )
