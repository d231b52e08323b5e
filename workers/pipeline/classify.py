"""Which document a page is, and whether it was read the right way up, from the labels the OCR found.

Types: ktp, kk, passport, sktm (SKTM and similar village-office letters), unknown. Keywords and layout
decide, in this order: a machine-readable zone (two or three rows of MRZ characters) makes a passport;
the KK's title, its number line and its member-table column headers make a kk; a "Surat Keterangan" title
with the letter's other parts (Nomor, the "yang bertanda tangan" opening, a NIK row, "untuk keperluan")
makes an sktm; the KTP-el's labels in printed order make a ktp. Letters and KKs carry KTP-like labels
(Nama, NIK, Agama), which is why they are tried first. A page that meets none is unknown, with the reason.

The recogniser reads upside-down text surprisingly well (`Nama`, `NIK` come out right), so the number
of labels alone cannot tell a card from its 180° turn. The order of the labels can: on an upright KTP-el
NIK stands above Nama, Nama above Tempat/Tgl Lahir, and so on; upside down the order runs backwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from workers.pipeline.extract.ktp import LABELS as KTP_LABELS
from workers.pipeline.extract.layout import find_labels, squash
from workers.pipeline.types import TextLine

_ORDER = {label.key: i for i, label in enumerate(KTP_LABELS)}
_SAME_ROW = {("sex", "blood_type")}


@dataclass(frozen=True)
class Reading:
    score: float  # 0–1, how much of a KTP-el was found
    order: float  # -1…1: +1 labels run top to bottom as printed, -1 they run bottom to top (upside down)


def ktp_reading(lines: list[TextLine]) -> Reading:
    hits = find_labels(lines, KTP_LABELS)
    header = any(squash(t.text).startswith("PROVINSI") for t in lines)
    score = min(1.0, (len(hits) + (2 if header else 0)) / (len(KTP_LABELS) * 0.75))
    keys = sorted(hits, key=_ORDER.__getitem__)
    agree = disagree = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if (a, b) in _SAME_ROW:
                continue
            dy = hits[b].line.cy - hits[a].line.cy
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


# -------------------------------------------------------------------------------- the other document types

_KK_TITLE = ("KARTUKELUARGA",)
# KK column headers a KTP-el never prints (its "Status Perkawinan" and "Kewarganegaraan" are left out)
_KK_CUES = ("KEPALAKELUARGA", "NAMALENGKAP", "STATUSHUBUNGAN", "JENISPEKERJAAN", "PENDIDIKAN", "HUBUNGANDALAM",
            "NAMAAYAH", "NAMAIBU", "DOKUMENIMIGRASI", "TANGGALPERKAWINAN", "GOLONGANDARAH", "DESAKELURAHAN",
            "KODEPOS", "NAMAORANGTUA")
_LETTER_TITLE = ("SURATKETERANGAN",)
_LETTER_KIND = ("TIDAKMAMPU", "DOMISILI", "KURANGMAMPU", "BERDOMISILI", "KELUARGAMISKIN", "PRASEJAHTERA")
_LETTER_CUES = ("NOMOR", "YANGBERTANDATANGAN", "BERTANDATANGAN", "MENERANGKAN", "KEPERLUAN", "DEMIKIAN",
                "KEPALADESA", "LURAH", "PEMERINTAH", "KECAMATAN", "SEBAGAIMANAMESTINYA", "DIPERGUNAKAN")
# the running text of a letter, words no KTP-el prints (stems: a crop cuts them, `Surat keterang`)
_LETTER_PROSE = ("MENERANGKAN", "DEMIKIAN", "BERTANDATANG", "SURATKETERANG", "KEPERLUAN", "MESTINYA",
                 "DIPERGUNAKAN", "ORANGTERSEBUT")
_PASSPORT_CUES = ("PASPOR", "PASSPORT", "REPUBLICOFINDONESIA", "NATIONALITY", "DATEOFEXPIRY", "COUNTRYCODE",
                  "PASSPORTNO")


@dataclass(frozen=True)
class PageClass:
    type: str  # ktp | kk | passport | sktm | unknown
    confidence: float  # 0–1
    reason: str  # what decided it, for an unknown page the message of DOCUMENT_UNRECOGNISED


def _texts(lines: list[TextLine]) -> list[str]:
    """Squashed texts, each also reversed (a page read upside down gives mirrored strings)."""
    out: list[str] = []
    for t in lines:
        s = squash(t.text)
        out.extend((s, s[::-1]))
    return out


def _hits(texts: list[str], words: tuple[str, ...]) -> set[str]:
    return {w for w in words for t in texts if w in t}


def _mrz_rows(lines: list[TextLine]) -> int:
    """Rows that look like an MRZ line: long runs of MRZ characters with fillers."""
    n = 0
    for t in lines:
        text = t.text.replace(" ", "").upper()
        if len(text) >= 25 and text.count("<") >= 3 and all(c.isalnum() or c == "<" for c in text):
            n += 1
    return n


def _kk_number(lines: list[TextLine]) -> bool:
    for t in lines:
        s = squash(t.text)
        if s.startswith("NO") and sum(c.isdigit() for c in s) >= 15:
            return True
    return False


def other_type_hint(lines: list[TextLine]) -> bool:
    """Cheap test on the first (KTP-path) reading: does this page name another document type? Then the
    KTP path stops turning it and the page goes to classify_page."""
    texts = _texts(lines)
    return bool(_mrz_rows(lines) or _hits(texts, _KK_TITLE) or _hits(texts, _LETTER_TITLE)
                or len(_hits(texts, _PASSPORT_CUES)) >= 2 or len(_hits(texts, _KK_CUES)) >= 3
                or len(_hits(texts, _LETTER_CUES)) >= 3 or len(_hits(texts, _LETTER_PROSE)) >= 2)


def classify_page(lines: list[TextLine]) -> PageClass:
    """The document type of one page from its OCR lines."""
    texts = _texts(lines)
    mrz = _mrz_rows(lines)
    passport_cues = _hits(texts, _PASSPORT_CUES)
    if mrz >= 2 or (mrz == 1 and passport_cues):
        return PageClass("passport", round(min(1.0, 0.8 + 0.1 * mrz + 0.05 * len(passport_cues)), 3),
                         f"{mrz} machine-readable zone line(s)")
    kk_title, kk_cues = _hits(texts, _KK_TITLE), _hits(texts, _KK_CUES)
    if (kk_title and (kk_cues or _kk_number(lines))) or len(kk_cues) >= 5:
        return PageClass("kk", round(min(1.0, 0.6 + 0.2 * bool(kk_title) + 0.04 * len(kk_cues)), 3),
                         "Kartu Keluarga title and table headers")
    title, kind, cues = _hits(texts, _LETTER_TITLE), _hits(texts, _LETTER_KIND), _hits(texts, _LETTER_CUES)
    nik_row = any(s.startswith("NIK") and sum(c.isdigit() for c in s) >= 14 for s in texts[::2])
    if title and (kind or nik_row or len(cues) >= 3) and len(cues) >= 2:
        return PageClass("sktm", round(min(1.0, 0.6 + 0.1 * bool(kind) + 0.05 * len(cues)), 3),
                         "letter title \"Surat Keterangan\" with number and subject block")
    kind_, conf = classify(lines)
    if kind_ == "ktp":
        prose = _hits(texts, _LETTER_PROSE)
        if len(prose) >= 2:
            # a letter's subject block (Nama, NIK, Tempat/Tgl Lahir, …) reads in KTP order when the card finder
            # crops it out of the page; the letter's sentences around it say what the page is
            return PageClass("unknown", conf, "KTP-el labels inside a letter's text (found: "
                             + ", ".join(sorted(prose)[:4]) + ")")
        return PageClass("ktp", conf, "KTP-el labels in printed order")
    if len(passport_cues) >= 3:  # a passport whose zone did not read
        return PageClass("passport", 0.6, "passport labels without a readable MRZ")
    if not lines:
        return PageClass("unknown", 1.0, "no text was found on the page")
    found = sorted(kk_title | kk_cues | title | kind | cues | passport_cues)
    detail = f" (found only: {', '.join(found[:6])})" if found else ""
    return PageClass("unknown", conf,
                     "the page does not read as a KTP-el, Kartu Keluarga, passport or SKTM letter" + detail)
