"""SKTM (Surat Keterangan Tidak Mampu) and similar village-office letters (domisili): contract fields.

Everything is anchored on what every such letter prints, never on positions: the kop surat's `DESA …` /
`KELURAHAN …` line, with whatever office words stand before it (`KANTOR KEPALA DESA …`, `PEMERINTAH DESA
…`, `KANTOR LURAH …`; else the signer's `Kepala Desa …` / `Lurah …`), snapped to the Kemendagri names under
the kop's KECAMATAN: the issuer; `Nomor :` or `No.` (the letter number, its slashes' spaces dropped); the
subject block's labels (`Nama`, `NIK`, `Alamat`, read on their own text row; a longer label such as `Nama
Ayah` is never taken for `Nama`, and a value that is only dots or label text is no value), the address
with the lines it wraps onto under its value column; "untuk keperluan …" (the purpose, across wrapped
lines up to its full stop), "berlaku sampai …" (valid until) and the place-and-date line above the
signature (the issue date). The NIK is repaired with the digit confusions and accepted when it passes the
NIK rules; dates take Indonesian month names. A blank or half-filled form gives its empty fields as missing.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from primitives.regions import Region, Regions, load_regions
from workers.pipeline.classify import LETTER_PROSE, hits, texts
from workers.pipeline.dates import parse_written_date
from workers.pipeline.extract.ktp import KtpExtractor
from workers.pipeline.extract.layout import Label, squash, strip_colon, text_rows, union
from workers.pipeline.nik_rules import is_valid_nik, repair_nik
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.reader import Context, Flatten, Options, PageClass, PageRead, Reader, Reading
from workers.pipeline.respace import respace, value_crop
from workers.pipeline.types import BBox, Check, Field, Page, Reason, TextLine

SUBJECT = [
    Label("name", ("Nama", "Nama Lengkap")),
    Label("nik", ("NIK", "No. NIK", "Nomor NIK", "No. KTP", "NIK/No. KTP", "No. KTP/NIK")),
    Label("address", ("Alamat", "Alamat Rumah", "Tempat Tinggal")),
    Label("birth", ("Tempat, Tgl Lahir", "Tempat/Tanggal Lahir", "Tempat Tgl Lahir")),
    Label("sex", ("Jenis Kelamin",)),
    Label("religion", ("Agama",)),
    Label("job", ("Pekerjaan",)),
    Label("marital", ("Status Perkawinan", "Status")),
    Label("nationality", ("Kewarganegaraan",)),
    Label("purpose", ("Keperluan", "Tujuan")),
    # labels that begin like the subject's own and name someone or something else
    Label(
        "other",
        (
            "Nama Ayah",
            "Nama Ibu",
            "Nama Orang Tua",
            "Nama Kepala Keluarga",
            "Nama Suami",
            "Nama Istri",
            "Nama Wali",
            "Nama Anak",
            "Nama Usaha",
            "Nama Ayah/Ibu",
            "NIK Ayah",
            "NIK Ibu",
            "Alamat Usaha",
            "Alamat Kantor",
            "Alamat Asal",
            "No. KK",
            "Nomor KK",
            "No. Kartu Keluarga",
        ),
    ),
]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_NUMBER = re.compile(r"^\s*(?:N[O0][MN]{1,2}[O0E]R|N[O0]\s*[.:;])\s*[:;.]?\s*(.*)$", re.IGNORECASE)
# a letter number: parts joined by slashes (spaces around them allowed), e.g. `474.3/ 27 /Kel.ABC/2026`
_SLASHED = re.compile(r"^[A-Za-z0-9.\-]+(?:\s*/\s*[A-Za-z0-9.\-]+)+")
_OFFICE_WORDS = {"PEMERINTAH", "KANTOR", "KEPALA", "PEMDES", "PEMKEL", "BALAI"}
_KIND = re.compile(r"\b(KELURAHAN|DESA|LURAH)\b\s*[:.]?\s*(.*)$")
_BLANK = re.compile(r"^[\s.:;_\-…]*$")


@lru_cache(maxsize=1)
def regions() -> Regions:
    return load_regions()


def _row_text(row: list[TextLine]) -> str:
    return " ".join(t.text for t in row)


def _conf(row: list[TextLine]) -> float:
    return round(min(t.confidence for t in row), 3) if row else 0.0


def _box(row: list[TextLine]) -> BBox | None:
    return union([t.bbox for t in row])


def _clean_upper(text: str) -> str:
    return " ".join(text.upper().replace(" ,", ",").split())


def normalise_address(text: str) -> str:
    """As the KTP reader does for its address (JL./GG./NO. with their dots and spaces); the RT/RW part is
    kept as the letter prints it (`RT.016/RW.001`, `RT. 19 RW. 15`, `RT 004/RW 015`: the contract gives it no
    normal form), only the spaces a read lost or a comma read for its dot are put right: `107RT.002/RW,003DESA`
    is `107 RT.002/RW.003 DESA`, `AMPARRT004` is `AMPAR RT 004`, and a level glued to the next word
    (`LOLOMOYOKECAMATANGUNUNGSITOLI`) gets its spaces back."""
    text = KtpExtractor.normalise("address", text)
    text = re.sub(r"\bJI\.(?=\s)", "JL.", text)  # `JI.`: no abbreviation, the L of `JL.` read as I
    text = re.sub(r"\bR([TW]),(?=\s?\d)", r"R\1.", text)  # `RW,003`: the dot read as a comma
    text = re.sub(r"(?<=[A-Z0-9])(?<!\bR)(R[TW])(?=\.?\d)", r" \1", text)  # `107RT.002`, `AMPARRT004`
    text = re.sub(r"(?<=\d)(R[TW])(?=\.?\s?\d)", r" \1", text)  # `98RT 05`: a house number glued to RT
    text = re.sub(r"\bR([TW])(?=\d)", r"R\1 ", text)  # `RT004`: the space after the bare RT
    text = re.sub(r"(?<=\d)(?=[A-Z]{3})", " ", text)  # `003DESA`: a number glued to the next word
    text = re.sub(
        r"(?<=[A-Z]{3})(?=(?:KECAMATAN|KABUPATEN|KELURAHAN)\b|(?:KECAMATAN|KABUPATEN|KELURAHAN)[A-Z]{3})", " ", text
    )
    text = re.sub(r"\b(KECAMATAN|KABUPATEN|KELURAHAN)(?=[A-Z]{3})", r"\1 ", text)
    return " ".join(text.split())


def _snap_issuer(kind: str, name: str, district: str | None) -> str:
    """The village name snapped to the Kemendagri list under the kop's district (when it is found)."""
    regs = regions()
    villages: list[Region] = []
    if district:
        dists = [r for r in regs.by_code.values() if r.level == "district" and fuzz.ratio(r.upper, district) >= 90]
        for d in dists[:20]:
            villages.extend(regs.children_of(d.code))
    if villages:
        found = process.extractOne(name, [v.upper for v in villages], scorer=fuzz.ratio, score_cutoff=80)
        if found:
            name = str(found[0])
    return f"{kind} {name}"


def kop_issuer(text: str) -> tuple[str, str] | None:
    """(`DESA`|`KELURAHAN`, name) from a kop line (`DESA SUKAMAJU`, `KANTOR KEPALA DESA SUKAMAJU`,
    `PEMERINTAH DESA SUKAMAJU`, `KANTOR LURAH X`), or None: only office words may stand before the kind,
    so the kop's street address (`Jalan Desa No. 5`) and the subject block never are the issuer."""
    upper = _clean_upper(text)
    m = _KIND.search(upper)
    if m is None:
        return None
    before = [w for w in re.split(r"[\s/]+", upper[: m.start()]) if w]
    levels = bool(before) and before[0] in ("PEMERINTAH", "KECAMATAN") and "ALAMAT" not in before
    if any(w not in _OFFICE_WORDS for w in before) and not levels:
        return None  # only office words before it, or the kop's levels on one line (`... KECAMATAN Y DESA Z`)
    kind = "KELURAHAN" if m.group(1) in ("KELURAHAN", "LURAH") else "DESA"
    name = re.split(r"\bKECAMATAN\b|\bKABUPATEN\b|\bKOTA\b|,", m.group(2))[0]
    name = re.sub(r"[^A-Z .'\-]", " ", name)
    name = " ".join(name.split()).strip(" .-")
    if len(squash(name)) < 3 or squash(name).startswith(("KELURAHAN", "DESA")):
        return None
    return kind, name


def signer_issuer(text: str) -> tuple[str, str] | None:
    """(kind, name) from the signer's title in the running text or above the signature: `Kepala Desa X`,
    `Lurah X` (up to a comma, `Kecamatan` or the line's end)."""
    m = re.search(
        r"\b(KEPALA\s+DESA|LURAH)\s+([A-Z][A-Z .'\-]{2,40}?)(?=\s*(?:,|\bKECAMATAN\b|\bDENGAN\b|"
        r"\bMENERANGKAN\b|$))",
        _clean_upper(text),
    )
    if m is None:
        return None
    name = " ".join(m.group(2).split()).strip(" .-")
    return ("DESA" if m.group(1).startswith("KEPALA") else "KELURAHAN", name) if len(name) >= 3 else None


def subject_label(text: str) -> tuple[Label, str] | None:
    """The subject-block label a row starts with, and its value. Every way to cut the row's start (at its
    colon, after each word) is tried against every label, and on a tie the longer label wins: `Nama Ayah :`
    is the father's row, not `Nama` with the value `Ayah`."""
    upper = text.upper()
    cuts: list[int] = []
    colon = re.search(r"[:;]", upper)
    if colon and colon.start() <= 30:
        cuts.append(colon.start())
    cuts.extend(m.end() for m in re.finditer(r"\S+", upper))
    best: tuple[float, int, Label, int] | None = None
    for cut in cuts:
        head = squash(upper[:cut])
        if not head or len(head) > 24:
            continue
        for label in SUBJECT:
            for variant in label.variants:
                target = squash(variant)
                if abs(len(head) - len(target)) > max(2, len(target) // 3):
                    continue
                score = 100.0 if head == target else (0.0 if len(target) <= 3 else fuzz.ratio(head, target))
                if score >= 80 and (best is None or (score, len(target)) > (best[0], best[1])):
                    best = (score, len(target), label, cut)
    if best is None:
        return None
    value = strip_colon(text[best[3] :])
    if colon and colon.start() > best[3] and re.fullmatch(r"[A-Za-z/ .]{1,20}", text[best[3] : colon.start()].strip()):
        return None  # a longer label than any we know (`Nama Panggilan :`): not this one
    return best[2], value


def is_blank_value(value: str) -> bool:
    """A form's empty value: nothing, dots or dashes to write on, or another label's text."""
    if _BLANK.match(value) or re.fullmatch(r"[A-Za-z/ .]{1,25}[:;][\s.:;_\-…]*", value.strip()):
        return True  # nothing, dots to write on, or a label's words and its colon
    other = subject_label(value)
    return other is not None and _BLANK.match(other[1]) is not None


def _value_box(row: list[TextLine]) -> BBox | None:
    """The value's own boxes when the label stands in a box of its own (`Nama`, `: BUDI`), else None."""
    if len(row) < 2:
        return None
    found = subject_label(row[0].text)
    if found is None or strip_colon(found[1]):
        return None
    return union([t.bbox for t in row[1:]])


def _value_x(row: list[TextLine]) -> float:
    """Where the value starts on its row: its own box's left, or (label and value read as one box) the
    share of the box's width the label's characters take."""
    if (box := _value_box(row)) is not None:
        return float(box[0])
    first = row[0]
    found = subject_label(first.text)
    if found is None or not found[1]:
        return float(first.x1)
    start = first.text.rfind(found[1])
    return first.x0 + (first.x1 - first.x0) * max(0, start) / max(1, len(first.text))


def continuation_rows(rows: list[list[TextLine]], i: int, value_x: float, most: int = 2) -> list[list[TextLine]]:
    """The rows a value wraps onto: next below its row, starting under the value's column (not at the
    label column or the margin, where the next label or the paragraph starts), holding no label."""
    out: list[list[TextLine]] = []
    row = rows[i]
    h = float(np.median([t.height for t in row]))
    last_cy = float(np.mean([t.cy for t in row]))
    for nxt in rows[i + 1 : i + 1 + most]:
        cy = float(np.mean([t.cy for t in nxt]))
        if cy - last_cy > 2.2 * h or nxt[0].x0 < value_x - 1.5 * h or nxt[0].x0 > value_x + 6 * h:
            break
        text = _row_text(nxt)
        if subject_label(text) is not None or text.lstrip()[:1] in (":", ";"):
            break
        out.append(nxt)
        last_cy = cy
    return out


# glyphs the recogniser puts for the thin upright stroke of a Roman I
_I_LIKE = str.maketrans(
    {"l": "I", "1": "I", "|": "I", "i": "I", "!": "I", "]": "I", "[": "I", "L": "I", "v": "V", "x": "X"}
)
_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMERAL_GLYPHS = "IVXNLYT"  # Roman numerals and what the recogniser reads for them


def _date_month(issue_date: str) -> str:
    """The Roman numeral of an ISO date's month."""
    return ROMAN[int(issue_date[5:7]) - 1]


def _month_part(parts: list[str]) -> int | None:
    """Where a letter number's Roman month stands: the part just before the year (`…/DS/VI/2025`)."""
    if len(parts) >= 3 and _YEAR.match(parts[-1]) and parts[-2]:
        return len(parts) - 2
    return None


def roman_month(number: str, issue_date: str | None) -> str:
    """A letter number's Roman month put right when the letter's own date says which month it is.

    The month of an Indonesian letter number is that of the letter's date. Two misreads are undone, and only
    when the result is that month: the thin strokes of I read as `l`, `1` or `|` (`1l` for `II`; a `1` alone
    only in the month's slot after a code and a sequence number, `470/098/1/2024`); and one
    wrong glyph of the same length (`N` for `V`). A numeral that is itself valid is never changed here."""
    if not issue_date:
        return number
    month = _date_month(issue_date)
    parts = number.split("/")
    for i, part in enumerate(parts):
        if part in ROMAN or not part or (part.isdigit() and (set(part) != {"1"} or len(parts) < 4)):
            continue  # digits are a code or a sequence number; but `1` in the month's slot after both is I
        thin_strokes = i == _month_part(parts) and part.translate(_I_LIKE) == month
        one_glyph = (
            part.isalpha()
            and part.isupper()
            and len(part) == len(month)
            and sum(a != b for a, b in zip(part, month, strict=True)) == 1
            and all(c in _NUMERAL_GLYPHS for c in part)
        )
        if thin_strokes or one_glyph:
            parts[i] = month
    return "/".join(parts)


def _parse_number(text: str) -> str | None:
    """What follows `Nomor :` / `No.`, when it looks like a letter number (digits and slashes), spaces
    around the slashes dropped; a number left blank on the form (`…../…../2026`) is None."""
    m = _NUMBER.match(text)
    if not m or not m.group(1).strip():
        return None
    raw = m.group(1).strip()
    if re.search(r"\.{3,}|_{2,}|…", raw):
        return None  # dots to write on
    slashed = _SLASHED.match(raw)  # up to what follows on the row (`Cibeber, 12 Mei 2025`, `Lampiran : -`)
    value = re.sub(r"\s*/\s*", "/", slashed.group(0)) if slashed else raw.split()[0]
    value = value.replace(" ", "").strip(".,;:")
    if not re.search(r"\d", value):
        return None
    if "/" not in value and squash(m.group(0))[:2] == "NO" and len(squash(m.group(0))) <= len(squash(raw)) + 2:
        return None  # `No. 82` of an address: a letter number has slashes, or follows the word `Nomor`
    return value


def _blank_number(text: str) -> bool:
    """`Nomor : ......./......./2026`: the form's number left to be written (the dots may not be read at
    all: `/ /2026`)."""
    m = _NUMBER.match(text)
    if m is None:
        return False
    value = re.sub(r"\s+", "", m.group(1))
    return re.search(r"\.{3,}|_{2,}|…", value) is not None or ("/" in value and "" in value.split("/"))


def month_agrees(number: str, issue_date: str) -> bool | None:
    """Whether the letter number's Roman month is the date's month; None when the number prints no month."""
    parts = number.split("/")
    i = _month_part(parts)
    if i is None or not all(c in _NUMERAL_GLYPHS for c in parts[i].translate(_I_LIKE)):
        return None  # a tag (`DS`, `KEL`) or a number: this form prints no month
    return parts[i] == _date_month(issue_date)


def second_look_number(engine: OcrEngine, image: np.ndarray, box: BBox, number: str, issue_date: str) -> str:
    """The number row recognised again from its own crop, when the page read's Roman month disagrees with
    the letter's date (`V` for `I` on a photo). The second reading is taken only when it agrees with the date
    and differs from the first in the month alone: a look at one crop never rewrites the rest of the number."""
    for margin in (1 / 6, 1 / 3):
        crop = value_crop(image, box, margin)
        if not crop.size:
            continue
        again = _parse_number(engine.recognise(crop)[0])
        if again is None:
            continue
        again = roman_month(again, issue_date)
        a, b = again.split("/"), number.split("/")
        i = _month_part(a)
        if (
            month_agrees(again, issue_date)
            and i is not None
            and len(a) == len(b)
            and a[:i] + a[i + 1 :] == b[:i] + b[i + 1 :]
        ):
            return again
    return number


def _labelled_purpose(rows: list[list[TextLine]], texts: list[str]) -> re.Match[str] | None:
    """The purpose printed as a subject-block row of its own (`Keperluan : PENGAJUAN BEASISWA`), with the
    rows it wraps onto under its value column, as a match whose group 1 is the value."""
    for i, text in enumerate(texts):
        hit = subject_label(text)
        if hit is None or hit[0].key != "purpose" or not re.match(r"\s*\S+(?:\s+\S+)?\s*[:;]", text):
            continue
        more = continuation_rows(rows, i, _value_x(rows[i]))
        value = " ".join([strip_colon(hit[1]), *(texts[rows.index(r)] for r in more)])
        return re.match(r"(.*?)(?:\.(?:\s|$)|$)", value.strip())
    return None


def _purpose_rows(texts: list[str]) -> list[int]:
    """The rows the purpose sentence runs over: from "untuk keperluan" to the row with its full stop."""
    for i, text in enumerate(texts):
        if "KEPERLUAN" in squash(text):
            end = i
            while end < min(len(texts) - 1, i + 2) and "." not in texts[end].split("keperluan")[-1]:
                end += 1
            return list(range(i, end + 1))
    return []


_ISSUE_LABEL = re.compile(
    r"\b(?:PADA\s*)?TANGGAL\s*(?:DIKELUARKAN)?\s*[:;]|\bDIKELUARKAN\s*TANGGAL\b|\bTGL\s*[:;]", re.IGNORECASE
)


def issue_date(rows: list[list[TextLine]], valid_until: Field | None = None) -> tuple[str, list[TextLine]] | None:
    """The letter's date above the signature: a `Pada tanggal : …` row (under `Dikeluarkan di : …`), else
    the last `<place>, <date>` row. The subject's own `Tempat/Tgl Lahir : KOTA, 30 Juli 1972` row and the
    "berlaku sampai …" sentence are no issue date."""
    for row in reversed(rows):
        text = _row_text(row)
        m = _ISSUE_LABEL.search(text)
        if m is None or subject_label(text) is not None or "LAHIR" in squash(text):
            continue
        if (parsed := parse_written_date(text[m.end() :])) is not None:
            return parsed, row
    for row in reversed(rows):
        text = _row_text(row)
        if "," not in text or subject_label(text) is not None or "LAHIR" in squash(text):
            continue
        if (parsed := parse_written_date(text.split(",", 1)[1])) is None:
            continue
        if valid_until is not None and parsed == valid_until.value and re.search(r"berlaku|sampai", text, re.I):
            continue
        return parsed, row
    return None


def extract_sktm(
    lines: list[TextLine], page: int = 0, image: np.ndarray | None = None, engine: OcrEngine | None = None
) -> tuple[dict[str, Field], list[Reason]]:
    """Contract fields of an SKTM or domisili letter page, and reasons for what is missing or wrong.
    With the page image and the engine, the name and address boxes get respace's second look."""
    rows = text_rows(lines)
    fields: dict[str, Field] = {}
    district: str | None = None
    issuer: tuple[str, str, list[TextLine]] | None = None
    title = next((i for i, row in enumerate(rows) if "SURATKETERANGAN" in squash(_row_text(row))), 12)
    for row in rows[: max(1, min(title, 12))]:  # the kop surat sits at the top, above the title
        s = _clean_upper(_row_text(row))
        if s.startswith("KECAMATAN") and district is None:
            district = s[len("KECAMATAN") :].strip()
        elif (k := re.search(r"\bKECAMATAN\s+([A-Z][A-Z .'\-]+)$", s)) and district is None:
            district = k.group(1).strip()
        found = kop_issuer(s)
        if found is not None and issuer is None:
            issuer = (found[0], found[1], row)
    if issuer is None:  # no kop line read: the signer's title names the office
        for row in rows:
            found = signer_issuer(_row_text(row))
            if found is not None:
                issuer = (found[0], found[1], row)
                break
    if issuer:
        fields["issuer"] = Field(_snap_issuer(issuer[0], issuer[1], district), _conf(issuer[2]), _box(issuer[2]), page)

    body_start = 0  # the subject block follows the title and number, never the kop's own "Alamat"
    for i, row in enumerate(rows):
        if "SURATKETERANGAN" in squash(_row_text(row)) and not body_start:
            body_start = i
        if i < title:  # the kop's own `Alamat: … No. 5` is no letter number
            continue
        if _blank_number(_row_text(row)):
            body_start = max(body_start, i)
            break
        if _NUMBER.match(_row_text(row)):
            value = _parse_number(_row_text(row))
            if value is None:
                continue
            fields["letter_number"] = Field(value, _conf(row), _box(row), page)
            body_start = max(body_start, i)
            break

    seen: set[str] = set()
    for i in range(body_start, len(rows)):
        row = rows[i]
        hit = subject_label(_row_text(row))
        if hit is None:
            continue
        label, rest = hit
        value = strip_colon(rest)
        key = {"name": "subject_name", "nik": "subject_nik", "address": "subject_address"}.get(label.key)
        if key is None or key in seen:
            continue
        seen.add(key)  # the first such label is the subject's: a blank one is not filled from a later row
        if is_blank_value(value):
            continue
        if key == "subject_address":
            more = continuation_rows(rows, i, _value_x(row), most=3)
            if more:  # each line's word spaces get respace's second look, as a one-line value does
                pieces = [(value, _value_box(row)), *((_row_text(r), _box(r)) for r in more)]
                if image is not None and engine is not None:
                    pieces = [(respace(engine, image, b, t) or t if b is not None else t, b) for t, b in pieces]
                value = " ".join(t for t, _ in pieces)
                box = _box([t for r in [row, *more] for t in r])
                fields[key] = Field(normalise_address(value), min(_conf(r) for r in [row, *more]), box, page)
                continue
        if key == "subject_nik":
            nik = repair_nik(value)
            if nik:
                fields[key] = Field(nik, _conf(row), _box(row), page)
        else:
            tidy = (
                normalise_address if key == "subject_address" else (lambda text: KtpExtractor.normalise("name", text))
            )
            box = _value_box(row)
            if box is not None and image is not None and engine is not None:
                value = respace(engine, image, box, value) or value
            fields[key] = Field(tidy(value), _conf(row), box or _box(row), page)

    # the running text, rows joined, for the sentences
    texts = [_row_text(r) for r in rows]
    if image is not None and engine is not None:
        for i in _purpose_rows(texts):
            hit = subject_label(texts[i])
            if hit is not None and hit[0].key == "purpose" and (vbox := _value_box(rows[i])) is not None:
                # `Keperluan : …` with the value in boxes of its own: the value's look, as for the name
                value = strip_colon(hit[1])
                texts[i] = f"Keperluan : {respace(engine, image, vbox, value) or value}"
                continue
            box = _box(rows[i])
            if box is not None:
                texts[i] = respace(engine, image, box, texts[i].upper(), agree_only=True) or texts[i]
    body = " ".join(texts)
    labelled = _labelled_purpose(rows, texts)
    purpose = labelled or re.search(
        r"untuk\s*keperluan\s*:?\s*(.*?)(?:\.(?:\s|$)|\s*Surat\s+keterangan|\s*Demikian|$)", body, re.IGNORECASE
    )  # may be empty: a form's purpose left blank (its dots unread)
    if purpose and re.search(r"[A-Za-z]{3}", purpose.group(1).replace("…", "")):
        text = re.sub(r"(?<=\w)\(", " (", " ".join(purpose.group(1).upper().split()).rstrip(" .,"))
        rows_used = [r for r in rows if any(w in _row_text(r).upper() for w in text.split()[:2])]
        fields["purpose"] = Field(
            text, min((_conf(r) for r in rows_used), default=0.8), _box(rows_used[:1][0]) if rows_used else None, page
        )
    valid = re.search(r"berlaku\s*(?:sampai|hingga)\s*(?:dengan)?\s*(?:tanggal)?\s*(.{6,24})", body, re.IGNORECASE)
    if valid:
        parsed = parse_written_date(valid.group(1))
        if parsed:
            fields["valid_until"] = Field(parsed, 0.9, None, page)

    if (dated := issue_date(rows, fields.get("valid_until"))) is not None:
        fields["issue_date"] = Field(dated[0], _conf(dated[1]), _box(dated[1]), page)

    if "letter_number" in fields and "issue_date" in fields:
        number, issued = fields["letter_number"], str(fields["issue_date"].value)
        number.value = roman_month(str(number.value), issued)
        if (
            month_agrees(str(number.value), issued) is False
            and number.bbox is not None
            and image is not None
            and engine is not None
        ):
            number.value = second_look_number(engine, image, number.bbox, str(number.value), issued)
    reasons: list[Reason] = []
    for key in ("letter_number", "issuer", "issue_date", "subject_name", "subject_nik", "purpose"):
        if key not in fields:
            reasons.append(Reason("FIELD_MISSING", f"{key.replace('_', ' ')} could not be read", field=key))
    nik_field = fields.get("subject_nik")
    if nik_field is not None and not is_valid_nik(str(nik_field.value)):
        reasons.append(Reason("NIK_INVALID", "the subject's NIK does not pass the NIK rules", field="subject_nik"))
    if "valid_until" in fields and "issue_date" in fields and fields["valid_until"].value < fields["issue_date"].value:
        reasons.append(
            Reason("DATE_INCONSISTENT", "the letter is valid until a date before its issue", field="valid_until")
        )
    if "valid_until" in fields and str(fields["valid_until"].value) < date.today().isoformat():
        reasons.append(
            Reason("DOCUMENT_EXPIRED", f"the letter was valid until {fields['valid_until'].value}", field="valid_until")
        )
    return fields, reasons


# --------------------------------------------------------------------------------------------- the reader

_LETTER_TITLE = ("SURATKETERANGAN",)
_LETTER_KIND = ("TIDAKMAMPU", "DOMISILI", "KURANGMAMPU", "BERDOMISILI", "KELUARGAMISKIN", "PRASEJAHTERA")
_LETTER_CUES = (
    "NOMOR",
    "YANGBERTANDATANGAN",
    "BERTANDATANGAN",
    "MENERANGKAN",
    "KEPERLUAN",
    "DEMIKIAN",
    "KEPALADESA",
    "LURAH",
    "PEMERINTAH",
    "KECAMATAN",
    "SEBAGAIMANAMESTINYA",
    "DIPERGUNAKAN",
)


class SktmReader:
    """SKTM and other village-office letters (doctypes.sktm): an A4 sheet read as a page."""

    name = "sktm"
    flatten: Flatten = "sheet"
    card = False
    precedence = 30

    def hint(self, lines: list[TextLine]) -> bool:
        found = texts(lines)
        return (
            bool(hits(found, _LETTER_TITLE))
            or len(hits(found, _LETTER_CUES)) >= 3
            or len(hits(found, LETTER_PROSE)) >= 2
        )

    def recognise(self, lines: list[TextLine]) -> PageClass | None:
        found = texts(lines)
        title, kind, cues = hits(found, _LETTER_TITLE), hits(found, _LETTER_KIND), hits(found, _LETTER_CUES)
        nik_row = any(s.startswith("NIK") and sum(c.isdigit() for c in s) >= 14 for s in found[::2])
        if title and (kind or nik_row or len(cues) >= 3) and len(cues) >= 2:
            return PageClass(
                "sktm",
                round(min(1.0, 0.6 + 0.1 * bool(kind) + 0.05 * len(cues)), 3),
                'letter title "Surat Keterangan" with number and subject block',
            )
        return None

    def fallback(self, lines: list[TextLine]) -> PageClass | None:
        return None

    def cues(self, lines: list[TextLine]) -> list[str]:
        found = texts(lines)
        return sorted(hits(found, _LETTER_TITLE) | hits(found, _LETTER_KIND) | hits(found, _LETTER_CUES))

    def upright(self, lines: list[TextLine]) -> Reading | None:
        return None

    def page_checks(self, page: Page, checks: list[Check], options: Options) -> list[Check]:
        return []

    def read(self, pages: list[PageRead], ctx: Context) -> tuple[dict[str, Field], list[Reason]]:
        """The page that reads the most fields."""
        fields: dict[str, Field] = {}
        reasons: list[Reason] = []
        for read in pages:
            page_fields, page_reasons = extract_sktm(read.page.lines, read.page.index, read.page.image, ctx.engine)
            if len(page_fields) > len(fields):
                fields, reasons = page_fields, page_reasons
        return fields, reasons


READER: Reader = SktmReader()
