"""KTP-el fields from OCR lines: anchored on the printed labels, repaired with the card's own vocabularies
and the Kemendagri region list. Values come out as the contract wants them: upper case, single spaces,
ISO dates, enums spelled as Dukcapil prints them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from doctypes.ktp import KTP
from primitives.regions import Region, Regions, card_province, card_regency, load_regions, place_name
from workers.pipeline.dates import DMY, parse_date
from workers.pipeline.digits import DIGIT_CONFUSIONS, digits_only
from workers.pipeline.extract.layout import (
    Label,
    LabelHit,
    Value,
    assign_values,
    find_labels,
    recover_labels,
    row_offsets,
    squash,
    strip_colon,
    text_rows,
    union,
)
from workers.pipeline.extract.values import rt_rw
from workers.pipeline.types import BBox, Field, TextLine
from workers.pipeline.vocab import (
    ALL_OCCUPATIONS,
    BLOOD_TYPES,
    LIFETIME,
    MARITAL_STATUSES,
    NATIONALITIES,
    RELIGIONS,
    SEXES,
)

LABELS = [
    Label("nik", ("NIK",)),
    Label("name", ("NAMA",)),
    Label("birth", ("TEMPAT/TGL LAHIR", "TEMPAT TGL LAHIR", "TEMPAT/TANGGAL LAHIR")),
    Label("sex", ("JENIS KELAMIN",)),
    Label("blood_type", ("GOL. DARAH", "GOL DARAH", "GOLONGAN DARAH"), inline=True),
    Label("address", ("ALAMAT",)),
    Label("rt_rw", ("RT/RW",)),
    Label("village", ("KEL/DESA", "KELURAHAN/DESA", "DESA/KELURAHAN")),
    Label("district", ("KECAMATAN",)),
    Label("religion", ("AGAMA",)),
    Label("marital_status", ("STATUS PERKAWINAN",)),
    Label("occupation", ("PEKERJAAN",)),
    Label("nationality", ("KEWARGANEGARAAN",)),
    Label("valid_until", ("BERLAKU HINGGA",)),
]
# Values long enough to wrap onto a second printed line under their first.
WRAPPING = ("name", "address", "occupation")

# Under the photo the card prints where and when it was issued (`KABUPATEN BITUNG`, `26-09-2018`), level
# with the value column's lower rows: never part of these values.
CAPTION_FREE = {
    "sex": SEXES,
    "religion": RELIGIONS,
    "marital_status": MARITAL_STATUSES,
    "occupation": ALL_OCCUPATIONS,
    "nationality": NATIONALITIES,
}
_CAPTION_PLACE = re.compile(r"^\s*(KABUPATEN|KAB\.|KOTA)\s+[A-Z]")
_CAPTION_TAIL = re.compile(
    r"\s+((KABUPATEN|KAB\.|KOTA)\s+[A-Z].*"
    r"|[\dOQDILJSZBG|]{1,2}\s*[-./]\s*[\dOQDILJSZBG|]{1,2}\s*[-./]\s*[\dOQDILJSZBG|]{4})\s*$"
)
_HEADER_WORD = re.compile(r"^[\s:;.]*(PROVINSI|KABUPATEN|KOTA)\s+[A-Z]")
# A second look at the sex row's right part counts only when it reads as the blood type's label or value.
_ROUND_O = str.maketrans({"。": "O", "〇": "O", "○": "O", "°": "O"})
_BLOOD_READ = re.compile(r"G\s*O\s*L|D\s*A\s*R\s*A", re.IGNORECASE)
_BLOOD_AFTER_COLON = re.compile(r"^[^:;]{0,16}[:;]\s*(AB|A|B|O|0|-)\s*$", re.IGNORECASE)
_WORDS_THEN_RT_RW = re.compile(r"\s*(.*[A-Z]{3}.*?)\s+(\d{1,3}\s*[/\\]\s*\d{1,3})\s*", re.IGNORECASE)
_SEX_THEN_BLOOD = re.compile(r"(\S{4,}(?: \S{4,})?)\s+[^:;]{0,16}[:;]\s*(AB|A|B|O|0|-)", re.IGNORECASE)
_BLOOD_ALONE = re.compile(r"[\s:;.]*(AB|A|B|O|0|。|〇)[\s.]*", re.IGNORECASE)

_DATE = DMY
_TRAILING_DATE = re.compile(r"\s+" + _DATE.pattern + r"\s*$")  # a caption date read after a region's name
_GOL_DARAH = re.compile(r"G\s*O\s*L\s*[.,]?\s*D\s*A\s*R\s*A\s*H\s*[:;.]*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# A Balinese name's I / NI and its birth-order or caste name, glued by a lost space (`IPUTU` is `I PUTU`)
_BALINESE_GLUED = re.compile(r"\b(I|NI)(PUTU|WAYAN|GEDE|MADE|KADEK|NENGAH|KOMANG|NYOMAN|KETUT|GUSTI|DEWA|LUH)\b")
# Stamped or overprinted across a card (a bank's check, a specimen, a copy), never part of a printed value.
STAMP_WORDS = ("VERIFIKASI", "TERVERIFIKASI", "SPESIMEN", "SPECIMEN")


def clean_text(text: str) -> str:
    text = strip_colon(text.upper())
    text = re.sub(r"[^A-Z0-9 .,'/()\-]", " ", text)
    return _SPACES.sub(" ", text).strip(" ,")


def snap(text: str, choices: tuple[str, ...] | list[str], cutoff: float) -> tuple[str, float] | None:
    """The closest vocabulary entry (scored on letters only, so lost spaces and slashes don't count)."""
    key = squash(text)
    if not key:
        return None
    keys = {squash(c): c for c in choices}
    found = process.extractOne(key, list(keys), scorer=fuzz.ratio, score_cutoff=cutoff)
    if found is None:
        return None
    return keys[found[0]], found[1] / 100


def snap_prefix(text: str, choices: tuple[str, ...], cutoff: float = 85.0) -> tuple[str, float] | None:
    """The longest vocabulary entry the text starts with (`KAWIN VERIFIKASI`: a stamp's word read after the
    value), at a lower confidence so that what followed it is looked at when it matters."""
    key = squash(text)
    best: tuple[str, float] | None = None
    for choice in choices:
        target = squash(choice)
        if len(target) < 3 or len(key) <= len(target):
            continue
        score = fuzz.ratio(key[: len(target)], target)
        if score >= cutoff and (best is None or len(target) > len(squash(best[0]))):
            best = (choice, 0.8 * score / 100)
    return best


# Address abbreviations a card may print with a dot (`JL.`, `GG.`, `NO.`, `KP.`) or without (`JL DIMANA NO 100`).
DOTTED_ABBREVIATIONS = ("JL", "GG", "NO", "KP")
_DOT_GLUED = re.compile(r"\b(" + "|".join(DOTTED_ABBREVIATIONS) + r")\.(?=[A-Z0-9])")


def space_after_dots(text: str) -> str:
    """A dotted abbreviation glued to what follows lost its space (`JL.KENANGA` is `JL. KENANGA`)."""
    return _DOT_GLUED.sub(r"\1. ", text)


class KtpExtractor:
    """Turns one KTP page's OCR lines into contract fields."""

    def __init__(self) -> None:
        self.regions = load_regions()
        self._province_names = {card_province(p): p for p in self.regions.provinces()}
        self._places = sorted({place_name(r) for r in self.regions.by_code.values() if r.level == "regency"})

    # -- header ---------------------------------------------------------------------------------------
    def _header(self, lines: list[TextLine], first_label_y: float) -> dict[str, Field]:
        """Province and regency: the two centred lines above the first label, each possibly read in pieces
        (`PROVINSI KALIMA` + `AN SELATAN`), snapped to the official names."""
        out: dict[str, Field] = {}
        rows = text_rows([t for t in lines if t.cy < first_label_y])
        for i, row in enumerate(rows):
            text = " ".join(t.text for t in row).upper()
            m = re.match(r"^\s*PR[O0]V[I1L]NS[I1L]\s*", text)
            if m is None and fuzz.ratio(squash(text)[:8], "PROVINSI") >= 80:
                m = re.match(r"^\s*\S+\s*", text)
            if m is None:
                continue
            conf = min(t.confidence for t in row)
            raw = clean_text(text[m.end() :])
            snapped = snap(raw, list(self._province_names), 80)
            value, c = (snapped[0], conf * snapped[1]) if snapped else (raw, conf * 0.5)
            out["province"] = Field(value, c, union([t.bbox for t in row]))
            if i + 1 < len(rows):
                below = rows[i + 1]
                raw = clean_text(" ".join(t.text for t in below))
                province = self._province_names.get(value)
                choices = [card_regency(r) for r in self.regions.children_of(province.code)] if province else []
                snapped = snap(raw, choices, 80) if choices else None
                conf = min(t.confidence for t in below)
                value, c = (snapped[0], conf * snapped[1]) if snapped else (raw, conf * 0.6)
                out["regency"] = Field(value, c, union([t.bbox for t in below]))
            break
        return out

    # -- body -----------------------------------------------------------------------------------------
    @staticmethod
    def _layout(lines: list[TextLine]) -> tuple[dict[str, LabelHit], dict[str, Value], list[TextLine]]:
        """The labels found, each label's value, and the lines that are the form's (not the photo caption)."""
        hits = find_labels(lines, LABELS)
        recover_labels(hits, lines, LABELS)
        lines = [t for t in lines if not is_caption(t, lines, hits)]
        values = assign_values(hits, lines)
        for key in ("district", "village"):
            if (v := values.get(key)) is not None and (m := _TRAILING_DATE.search(v.text)) and m.start() > 0:
                values[key] = Value(v.text[: m.start()], v.confidence, v.bbox)
        for key, vocab in CAPTION_FREE.items():
            if (v := values.get(key)) is not None and snap(v.text, vocab, 90) is None:
                values[key] = Value(strip_caption(v.text), v.confidence, v.bbox)
        for key, v in values.items():
            if key != "nik" and v.text and (text := strip_stamp_words(v.text)) != v.text:
                values[key] = Value(text, v.confidence * 0.9, v.bbox)
        for key, v in list(values.items()):
            # a value printed half a row low and the blood type's label on the row above read as one line
            # (`JL CEMARA NO 14Gol. Darah :`): the label and what follows it are the blood type's
            if key in ("sex", "blood_type") or (m := _GOL_DARAH.search(v.text)) is None or m.start() == 0:
                continue
            values[key] = Value(v.text[: m.start()].strip(), v.confidence * 0.9, v.bbox)
            blood = values.get("blood_type")
            if (
                (rest := strip_colon(v.text[m.end() :]).strip())
                and "blood_type" in hits
                and (blood is None or not blood.text)
            ):
                values["blood_type"] = Value(rest, v.confidence, v.bbox)
        return hits, values, lines

    def empty_rows(self, lines: list[TextLine]) -> list[tuple[str, BBox]]:
        """Where a value should stand but none was detected: the row of each label read without a value,
        and the rest of the sex row when no blood type was read. The detector drops a whole line now and
        then (a pattern behind it, a soft focus); recognising the row's band directly often reads it."""
        hits, values, lines = self._layout(lines)
        rows = [h for h in hits.values() if not h.label.inline]
        boxes = [
            v.bbox
            for k, v in values.items()
            if v.bbox is not None and v.text and k in hits and not hits[k].label.inline
        ]
        if len(rows) < 4 or len(boxes) < 4:
            return []
        left = sorted(b[0] for b in boxes)[len(boxes) // 2]
        right = max(b[2] for b in boxes)
        offsets = row_offsets(hits, lines)
        out: list[tuple[str, BBox]] = []
        for key, hit in hits.items():
            if hit.label.inline or (key in values and values[key].text):
                continue
            cy, h = hit.line.cy + offsets[key], hit.line.height
            out.append((key, (round(left - 0.5 * h), round(cy - 0.65 * h), right, round(cy + 0.65 * h))))
        sex, blood = values.get("sex"), values.get("blood_type")
        label = hits.get("blood_type")
        if label is not None and not (blood is not None and blood.text):
            # `Gol. Darah :` read without its one-letter value: the few characters right of the label, and the
            # label's end (its box sometimes spans a value the recogniser dropped)
            _, y0, x1, y1 = label.line.bbox
            h = y1 - y0
            out.append(("blood_type", (x1 - 3 * h // 2, y0 - h // 4, x1 + 3 * h, y1 + h // 4)))
        elif sex is not None and sex.bbox is not None and sex.text and not (blood is not None and blood.text):
            _, y0, x1, y1 = sex.bbox
            h = y1 - y0
            out.append(("blood_type", (x1 + h // 2, y0 - h // 4, right + 2 * h, y1 + h // 4)))
        return out

    @staticmethod
    def plausible(key: str, text: str, confidence: float) -> bool:
        """Whether a second look at `key`'s row read that row (not a neighbour's line reaching into it), surely
        enough: from 0.7, or 0.5 for a blood type read alone (one letter, which the recogniser scores low)."""
        if key != "blood_type":
            return confidence >= 0.7
        if _BLOOD_ALONE.fullmatch(text) is not None or _BLOOD_AFTER_COLON.search(text) is not None:
            return confidence >= 0.5
        return confidence >= 0.7 and _BLOOD_READ.search(text) is not None

    def extract(self, lines: list[TextLine], page: int = 0) -> dict[str, Field]:
        hits, values, lines = self._layout(lines)
        add_wrapped_lines(hits, values, lines, WRAPPING)
        # a long birth place pushes the date onto a line of its own (`OGAN KOMERING ILIR,` / `10-09-2002`)
        add_wrapped_lines(
            hits,
            values,
            lines,
            ("birth",),
            lambda value, line: parse_date(value) is None and parse_date(line) is not None,
        )
        self._split_inline_blood_type(hits, values)
        self._blood_beside_sex(values, lines)
        self._address_into_rt_rw(values)
        fields: dict[str, Field] = {}
        first_label_y = min((h.line.y0 for h in hits.values()), default=0.0)
        fields.update(self._header(lines, first_label_y))
        if (regency := fields.get("regency")) is not None and regency.value:
            for key in (*CAPTION_FREE, "valid_until"):
                v = values.get(key)
                if v is not None and (cut := strip_place_tail(v.text, str(regency.value))) != v.text:
                    values[key] = Value(cut, v.confidence, v.bbox)
        fields.update(self._nik(values, lines))
        if v := values.get("name"):
            # the header's regency or province read into the name's row is no name: the rows were paired wrongly
            header = _HEADER_WORD.match(v.text.upper()) is not None
            fields["name"] = Field(self._name(v.text), v.confidence * (0.3 if header else 1.0), v.bbox)
        if v := values.get("birth"):
            fields.update(self._birth(v))
        if v := values.get("sex"):
            fields.update(self._enum("sex", v, SEXES, 60))
        fields["blood_type"] = self._blood(values.get("blood_type"))
        if v := values.get("address"):
            fields["address"] = Field(self._address(v.text), v.confidence, v.bbox)
        if v := values.get("rt_rw"):
            fields["rt_rw"] = rt_rw(v)
        for key, vocab, cutoff in (
            ("religion", RELIGIONS, 60),
            ("marital_status", MARITAL_STATUSES, 55),
            ("nationality", NATIONALITIES, 50),
        ):
            if v := values.get(key):
                fields.update(self._enum(key, v, vocab, cutoff))
        if (v := values.get("nationality")) and fields.get("nationality", Field("", 0)).value not in NATIONALITIES:
            fields.update(self._nationality_code(v))
        if v := values.get("occupation"):
            fields["occupation"] = self._occupation(v)
        if v := values.get("valid_until"):
            fields.update(self._valid_until(v))
        self._regions(fields, values)
        self._sex_from_nik(fields)
        for f in fields.values():
            f.page = page
        return {k: fields[k] for k in KTP.keys if k in fields and fields[k].value not in (None, "")}

    @staticmethod
    def _split_inline_blood_type(hits: dict[str, LabelHit], values: dict[str, Value]) -> None:
        """`LAKI-LAKI Gol. Darah : O` read as one line: split the blood type off the sex; also where the label was
        blurred past recognition (`LAKHLAKI Oel Deran: AB`: a short text, a colon and one blood group)."""
        sex = values.get("sex")
        if sex is None:
            return
        m = _GOL_DARAH.search(sex.text)
        if m is None:
            blood = values.get("blood_type")
            if (blood is None or not blood.text) and (n := _SEX_THEN_BLOOD.fullmatch(sex.text.strip())) is not None:
                values["sex"] = Value(n.group(1), sex.confidence, sex.bbox)
                values["blood_type"] = Value(n.group(2), sex.confidence, sex.bbox)
            return
        values["sex"] = Value(sex.text[: m.start()].strip(), sex.confidence, sex.bbox)
        if "blood_type" not in values or not values["blood_type"].text:
            values["blood_type"] = Value(strip_colon(sex.text[m.end() :]), sex.confidence, sex.bbox)

    @staticmethod
    def _address_into_rt_rw(values: dict[str, Value]) -> None:
        """An address printed half a row low is paired with the RT/RW row (`DUSUN TUMPAN DUA 024/005`) and
        the address row stays empty: the words before the number are the address."""
        rt_rw, address = values.get("rt_rw"), values.get("address")
        if rt_rw is None or (address is not None and address.text.strip()):
            return
        m = _WORDS_THEN_RT_RW.fullmatch(strip_colon(rt_rw.text))
        if m is not None:
            values["address"] = Value(m.group(1), rt_rw.confidence, rt_rw.bbox)
            values["rt_rw"] = Value(m.group(2), rt_rw.confidence, rt_rw.bbox)

    @staticmethod
    def _blood_beside_sex(values: dict[str, Value], lines: list[TextLine]) -> None:
        """The only thing printed right of the sex on its row is `Gol. Darah : X`. A label blurred past
        recognition (`Oel Deran: AB`), read as a line of its own, still ends in a colon and one blood group."""
        sex = values.get("sex")
        if sex is None or sex.bbox is None or ("blood_type" in values and values["blood_type"].text):
            return
        _, y0, x1, y1 = sex.bbox
        cy, h = (y0 + y1) / 2, max(1, y1 - y0)
        for t in lines:
            if t.x0 > x1 and abs(t.cy - cy) < 0.5 * h and (m := _BLOOD_AFTER_COLON.search(t.text)):
                values["blood_type"] = Value(m.group(1), t.confidence, t.bbox)
                return

    def _nik(self, values: dict[str, Value], lines: list[TextLine]) -> dict[str, Field]:
        v = values.get("nik")
        if v is not None:
            digits = digits_only(v.text)
            if len(digits) == 16:
                return {"nik": Field(digits, v.confidence, v.bbox)}
        # Fall back to any line that reads as sixteen digits (a NIK printed apart from its label).
        for t in lines:
            digits = digits_only(strip_colon(re.sub(r"^\s*N[I1l]K", "", t.text, flags=re.IGNORECASE)))
            if len(digits) == 16 and sum(c.isdigit() for c in t.text) >= 12:
                return {"nik": Field(digits, t.confidence * 0.9, t.bbox)}
        if v is not None and v.text:
            return {"nik": Field(digits_only(v.text), v.confidence * 0.3, v.bbox)}
        return {}

    @classmethod
    def normalise(cls, key: str, text: str) -> str:
        """Free-text fields, once more after their spaces were restored."""
        if key == "address":
            return cls._address(text)
        if key == "name":
            return cls._name(text)
        return clean_text(text)

    @staticmethod
    def _name(text: str) -> str:
        text = re.sub(r"[^A-Z .,'\-]", " ", strip_colon(text.upper()))
        return _BALINESE_GLUED.sub(r"\1 \2", _SPACES.sub(" ", text).strip(" .,-"))

    @staticmethod
    def _address(text: str) -> str:
        text = clean_text(text)
        # Punctuation is kept as printed (`JL DIMANA NO 100` has no dots): only spaces are repaired. A
        # dotted abbreviation glued to what follows lost its space; a comma after NO is a misread dot; a
        # `NO.` glued to the street name lost its space; a number is never split (`NO. 12 1C` is `NO. 121C`).
        text = re.sub(r"(?<=[A-Z]) \.(?=[A-Z])", ". ", text)  # a dot's space read before it (`KAB .SUPIORI`)
        text = space_after_dots(text)
        text = re.sub(r"(?<=[A-Z0-9])NO\.\s*(?=\d)", " NO. ", text)  # also after a block number (`A11NO. 36`)
        # no word starts with JL or GG: glued to the street's name they lost their space (JLN is a spelling of
        # JL itself, so a street whose name starts with N keeps what was read)
        text = re.sub(r"\b(JL|GG)(?=[A-MO-Z][A-Z])", r"\1 ", text)
        text = re.sub(r"\bNO,\s*(?=\d)", "NO. ", text)
        text = re.sub(r"\bN[D0](?=\.? ?\d)", "NO", text)  # the house number's NO with its O read as D or 0
        text = re.sub(r"\bNO(?=\d)", "NO ", text)  # and its space lost (`NO5`)
        text = re.sub(r"(?<=\d) (?=\d)", "", text)
        text = re.sub(r"^(IL|JI|J1)(?=[ .])", "JL", text)  # the street abbreviation's J read as I
        return _SPACES.sub(" ", text).strip()

    def _birth(self, v: Value) -> dict[str, Field]:
        text = strip_colon(v.text.upper())
        out: dict[str, Field] = {}
        fixed = re.sub(
            r"(?<=[\d\s,.-])[OQDILJSZBG|](?=[\d\s.-])", lambda m: m.group(0).translate(DIGIT_CONFUSIONS), text
        )
        m = re.search(r"[\dOQDILJSZBG|]{1,2}\s*[-./]\s*[\dOQDILJSZBG|]{1,2}\s*[-./]\s*[\dOQDILJSZBG|]{4}\s*$", fixed)
        place_part = fixed[: m.start()] if m else re.split(r",", text)[0]
        date_part = fixed[m.start() :] if m else fixed
        iso = parse_date(date_part)
        if iso:
            out["birth_date"] = Field(iso, v.confidence, v.bbox)
        place = re.sub(r"[^A-Z .'\-]", " ", place_part)
        place = _SPACES.sub(" ", place).strip(" .,-")
        if len(place) >= 4:
            # Most birth places are regency names: repair a one-letter misread (MESUJL → MESUJI). A
            # spelling that differs only in spaces (PADANGPANJANG) is a valid spelling and stays.
            snapped = snap(place, self._places, min(90.0, 99.5 - 100 / len(place)))
            if snapped and squash(snapped[0]) != squash(place):
                place = snapped[0]
        if place:
            out["birth_place"] = Field(place, v.confidence, v.bbox)
        return out

    @staticmethod
    def _occupation(v: Value) -> Field:
        """Snapped to the Dukcapil list to mend letters, but printed text the list lacks stays: a
        bracketed abbreviation (`PEGAWAI NEGERI SIPIL (PNS)`) is kept, never deleted."""
        text = clean_text(v.text)
        m = re.search(r"\s*\(([^()]*)\)?\s*$", text)
        head, tail = (text[: m.start()], f" ({m.group(1).strip()})") if m and m.start() > 0 else (text, "")
        snapped = snap(head, ALL_OCCUPATIONS, 85)
        if snapped is None or len(squash(snapped[0])) < len(squash(head)) - 2:
            # nothing close, or a shorter entry that would delete printed words (BURUH NELAYAN/...)
            return Field(text, v.confidence * 0.8, v.bbox)
        return Field(snapped[0] + tail, v.confidence * snapped[1], v.bbox)

    @staticmethod
    def _enum(key: str, v: Value, vocab: tuple[str, ...], cutoff: float) -> dict[str, Field]:
        snapped = snap(v.text, vocab, cutoff) or snap_prefix(v.text, vocab)
        if snapped is None:
            return {key: Field(clean_text(v.text), v.confidence * 0.3, v.bbox)} if v.text else {}
        return {key: Field(snapped[0], v.confidence * snapped[1], v.bbox)}

    @staticmethod
    def _blood(v: Value | None) -> Field:
        if v is None or not strip_colon(v.text):
            return Field("-", 0.6 if v is None else v.confidence, v.bbox if v else None)
        if (m := _BLOOD_AFTER_COLON.search(v.text.strip())) is not None:  # `ah : O`: the label's tail read too
            return Field(m.group(1).upper().replace("0", "O"), v.confidence, v.bbox)
        # a lone round letter comes back as a CJK full stop or circle from the multilingual dictionary
        text = strip_colon(v.text).upper().translate(_ROUND_O).replace("0", "O").replace("8", "B").replace(" ", "")
        text = re.sub(r"[^ABO\-]", "", text)
        if text in BLOOD_TYPES:
            return Field(text, v.confidence, v.bbox)
        for bt in ("AB", "A", "B", "O", "-"):
            if text.startswith(bt):
                return Field(bt, v.confidence * 0.7, v.bbox)
        return Field("-", v.confidence * 0.4, v.bbox)

    @staticmethod
    def _valid_until(v: Value) -> dict[str, Field]:
        text = strip_colon(v.text)
        if fuzz.ratio(squash(text), squash(LIFETIME)) >= 70:
            return {"valid_until": Field(LIFETIME, v.confidence, v.bbox)}
        iso = parse_date(text)
        if iso:
            return {"valid_until": Field(iso, v.confidence, v.bbox)}
        return {"valid_until": Field(clean_text(text), v.confidence * 0.3, v.bbox)}

    @staticmethod
    def _nationality_code(v: Value) -> dict[str, Field]:
        """A three-letter code read badly (`WHE`): W?I/W?? is a citizen, W?A a foreign resident, at half
        the confidence so that it is checked."""
        code = squash(v.text)
        if code.startswith("W") and 2 <= len(code) <= 4:
            return {"nationality": Field("WNA" if code.endswith("A") else "WNI", v.confidence * 0.5, v.bbox)}
        return {}

    @staticmethod
    def _sex_from_nik(fields: dict[str, Field]) -> None:
        """Sex printed unreadably (`LAG-LAO`): a valid NIK encodes it (day + 40 for women). Taken with a
        low confidence, so a clerk sees it; a readable sex is never overwritten (a mismatch is a reason)."""
        nik, sex = fields.get("nik"), fields.get("sex")
        if nik is None or not str(nik.value).isdigit() or len(str(nik.value)) != 16:
            return
        if sex is not None and sex.value in SEXES:
            return
        day = int(str(nik.value)[6:8])
        if 1 <= day % 40 <= 31:
            fields["sex"] = Field("PEREMPUAN" if day > 40 else "LAKI-LAKI", 0.5, sex.bbox if sex else None)

    @staticmethod
    def _regency_from_nik(fields: dict[str, Field], regency: Region | None) -> None:
        """A header line read only in part (`UTARA` for `KABUPATEN LUWU UTARA`): when what was read is a
        piece of the NIK's regency name, the whole name is taken, with a lower confidence."""
        f = fields.get("regency")
        if f is None or regency is None:
            return
        name = card_regency(regency)
        if (
            f.value != name
            and len(squash(str(f.value))) >= 4
            and fuzz.partial_ratio(squash(str(f.value)), squash(name)) >= 90
        ):
            fields["regency"] = Field(name, f.confidence * 0.7, f.bbox)

    def _regions(self, fields: dict[str, Field], values: dict[str, Value]) -> None:
        """Village and district snapped to the official names under the NIK's (or header's) regency."""
        regency: Region | None = None
        district: Region | None = None
        nik = fields.get("nik")
        if nik and len(str(nik.value)) == 16:
            _, reg_code, dist_code = self.regions.codes_from_nik(str(nik.value))
            regency, district = self.regions.get(reg_code), self.regions.get(dist_code)
        if regency is None and "regency" in fields and "province" in fields:
            province = self._province_names.get(str(fields["province"].value))
            if province:
                regency = next(
                    (r for r in self.regions.children_of(province.code) if card_regency(r) == fields["regency"].value),
                    None,
                )
        self._regency_from_nik(fields, regency)
        district = self._snap_region(fields, "district", values.get("district"), regency) or district
        self._snap_region(fields, "village", values.get("village"), district)

    def _snap_region(self, fields: dict[str, Field], key: str, v: Value | None, parent: Region | None) -> Region | None:
        return snap_region(self.regions, fields, key, v, parent)


def snap_region(
    regions: Regions, fields: dict[str, Field], key: str, v: Value | None, parent: Region | None
) -> Region | None:
    """`key`'s value snapped to the official names under `parent` (into `fields`); the region it snapped to.
    Shared by every reader that prints a region hierarchy (KTP-el, KK)."""
    if v is None:
        return None
    raw = clean_text(v.text)
    children = regions.children_of(parent.code) if parent else []
    snapped = snap(raw, [r.upper for r in children], 80) if children else None
    if snapped:
        fields[key] = Field(snapped[0], v.confidence * snapped[1], v.bbox)
        return next(r for r in children if r.upper == snapped[0])
    if raw:
        fields[key] = Field(raw, v.confidence * 0.7, v.bbox)
    return None


def is_caption(t: TextLine, lines: list[TextLine], hits: dict[str, LabelHit]) -> bool:
    """The issue place or date under the photo: a `KABUPATEN …`/`KOTA …` line or a date line below the
    first label, right of every label, that has its partner (date under place) centred below or above it."""
    labels = [h.line for h in hits.values() if not h.label.inline]
    if len(labels) < 3 or t.cy <= min(h.cy for h in labels):
        return False
    if t.x0 < max(h.x1 for h in labels):
        return False
    text = t.text.upper()
    if _CAPTION_PLACE.match(text):
        partner = [o for o in lines if o is not t and _DATE.search(o.text) and 0 < o.cy - t.cy < 2.5 * t.height]
    elif _DATE.fullmatch(text.strip()):
        partner = [
            o for o in lines if o is not t and _CAPTION_PLACE.match(o.text.upper()) and 0 < t.cy - o.cy < 2.5 * t.height
        ]
    else:
        return False
    return any(abs(o.cx - t.cx) < 2 * t.height for o in partner)


def strip_stamp_words(text: str) -> str:
    """A word of a stamp or overprint read into a value (`015/006 VERIFIKASI`, `VERIFTIMBANGAN`): a bank's
    verification stamp, a specimen or copy overprint. No KTP-el value contains these words, so the word goes,
    also when glued to the value's first or last word (at least five of its letters)."""
    out: list[str] = []
    for word in text.split():
        key = squash(word)
        if len(key) >= 6 and any(fuzz.ratio(key, w) >= 85 for w in STAMP_WORDS):
            continue
        for stamp in STAMP_WORDS[:2]:  # glued: only the verification stamp's long word (`SPESIALIS` stays)
            head = next((n for n in range(len(stamp), 4, -1) if key.startswith(stamp[:n]) and len(key) - n >= 3), 0)
            tail = next((n for n in range(len(stamp), 4, -1) if key.endswith(stamp[-n:]) and len(key) - n >= 3), 0)
            if head and word[:head].upper() == stamp[:head]:
                word = word[head:]
            elif tail and word[-tail:].upper() == stamp[-tail:]:
                word = word[:-tail]
        out.append(word)
    return " ".join(out)


def strip_place_tail(text: str, regency: str) -> str:
    """The photo caption names the issuing regency, as the header does: read after a value on its row
    (`MENGURUS RUMAH TANGGA KEPULAUAN SERIBU`, `BELUM/TIDAK BEKERJA KABURATEN LUMAJANG`), it is cut off."""
    words, key = text.split(), squash(regency)
    bare = squash(re.sub(r"^(KABUPATEN|KOTA)\s+", "", regency.upper()))
    for n in range(min(4, len(words) - 1), 0, -1):
        tail = squash(" ".join(words[-n:]))
        if len(tail) >= 5 and max(fuzz.ratio(tail, key), fuzz.ratio(tail, bare)) >= 85:
            return " ".join(words[:-n])
    return text


def strip_caption(text: str) -> str:
    """A value read in one box with the caption beside it (`GURU 06-08-2021`): the caption is cut off."""
    while (m := _CAPTION_TAIL.search(text.upper())) is not None and m.start() > 0:
        text = text[: m.start()]
    return text


def add_wrapped_lines(
    hits: dict[str, LabelHit],
    values: dict[str, Value],
    lines: list[TextLine],
    keys: tuple[str, ...],
    accept: Callable[[str, str], bool] | None = None,
) -> None:
    """A value wrapped onto the next printed line keeps it: a line in the value column that no label's row
    took, standing just below one of `keys`' values and above the next label, is that value's continuation."""
    label_ids = {id(h.line) for h in hits.values()}
    taken = [v.bbox for v in values.values() if v.bbox is not None]

    def inside(t: TextLine) -> bool:
        return any(b[0] <= t.cx <= b[2] and b[1] <= t.cy <= b[3] for b in taken)

    free = sorted((t for t in lines if id(t) not in label_ids and not inside(t)), key=lambda t: t.cy)
    offsets = row_offsets(hits, lines)
    # where each label's value stands (values printed half a row off their labels move the limit with them)
    label_rows = sorted((h.line.cy, h.line.cy + offsets.get(k, 0.0)) for k, h in hits.items() if not h.label.inline)
    for key in keys:
        v, hit = values.get(key), hits.get(key)
        if v is None or hit is None or v.bbox is None or not v.text:
            continue
        height = float(hit.line.height)
        below = [value_y for y, value_y in label_rows if y > hit.line.cy + 0.5 * height]
        next_row = below[0] if below else float("inf")
        for _ in range(2):  # at most two more lines
            x0, bottom = v.bbox[0], v.bbox[3]
            nxt = next(
                (
                    t
                    for t in free
                    if bottom - 0.3 * height < t.cy <= bottom + 1.3 * height
                    and abs(t.x0 - x0) <= 1.5 * height
                    and t.cy < next_row - 0.5 * height
                    and not (len(squash(t.text)) >= 6 and squash(t.text) in squash(v.text))  # read twice
                    and (accept is None or accept(v.text, t.text))
                ),
                None,
            )
            if nxt is None:
                break
            free.remove(nxt)
            v = Value(f"{v.text} {nxt.text}", min(v.confidence, nxt.confidence), union([v.bbox, nxt.bbox]))
            values[key] = v
