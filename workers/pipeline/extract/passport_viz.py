"""The visual zone's name, read from its labels, and its cross-check with the MRZ's name.

Names carry no check digit in any MRZ format, so a misread name letter (`SIII` for `SITI`) passes every
check. The visual zone prints the same name a second time, in another font: it is found by its label
(`Nama Lengkap / Full Name`, `Surname` + `Given names`, `Nama Keluarga` + `Nama Depan`, …; matched in the
OCR's squeezed lower-case text, so `Sumame` for `Surname` and lost spaces still match), the value being the
nearest upper-case line under the label, left-aligned with it.

The comparison is on letters only, in MRZ transliteration (upper case, accents dropped, apostrophes left
out): the OCR often loses the word spaces of the visual zone (`SITIOPHELIA YULIARTI`), while the MRZ's
fillers are reliable, so the MRZ gives the word structure and the visual zone only letters. A full name is
tried in both orders (given names first, as Indonesian passports print it, and surname first); a name the
MRZ cut at its field's end is compared on the part the MRZ kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workers.pipeline import mrz
from workers.pipeline.types import TextLine

# squeezed, lower case, `rn` read as `m` folded; checked in this order (a given-names label also says "name")
GIVEN_LABELS = ("givenname", "namadepan", "firstname", "forename", "prenom", "nombre")
SURNAME_LABELS = ("surname", "namakeluarga", "familyname", "lastname", "nomde", "apellido")
FULL_LABELS = ("namalengkap", "fullname", "nameofholder", "namapemegang")
FULL_EXACT = ("nama", "name", "namaname", "nom", "names")  # a bare "Name" label, whole
# a visual-zone reading at least this sure may put right the MRZ's letters, at most this many of them
VIZ_CONFIDENT = 0.90
VIZ_MAX_LETTERS = 2


@dataclass(frozen=True)
class VisualName:
    """What the visual zone prints: a full name, or surname and given names, and how sure the reading is."""

    full: str | None
    surname: str | None
    given_names: str | None
    confidence: float


@dataclass(frozen=True)
class NameCheck:
    """The outcome of the comparison. `names` is the MRZ's names field with the visual zone's letters when
    they were taken, else None; `differing` counts the letters that differ (None: the two do not align)."""

    agree: bool
    differing: int | None
    names: str | None
    visual: str
    fields: tuple[str, ...] = ()  # the name fields that differ (both when the two do not align)


def _squeeze(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower()).replace("rn", "m")


def _label_kind(text: str) -> str | None:
    s = _squeeze(text)
    if len(s) < 3:
        return None
    for kind, keys in (("given", GIVEN_LABELS), ("surname", SURNAME_LABELS), ("full", FULL_LABELS)):
        if any(_squeeze(k) in s for k in keys):
            return kind
    return "full" if s in FULL_EXACT else None


def _is_value(t: TextLine) -> bool:
    """A printed name: upper-case letters (a lone `-` for no given names), at most one digit (a misread letter,
    `0PHELIA`; a date has more), no label words."""
    text = t.text.strip()
    if text in ("-", "—", "–"):
        return True
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 2
        and sum(c.isdigit() for c in text) <= 1
        and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        and _label_kind(text) is None
    )


def _value_under(label: TextLine, lines: list[TextLine]) -> TextLine | None:
    h = label.height
    below = [
        t
        for t in lines
        if t is not label and t.cy > label.y1 - 0.2 * h and t.y0 < label.y1 + 1.5 * h and abs(t.x0 - label.x0) <= 3 * h
    ]
    below.sort(key=lambda t: t.y0)
    for t in below:
        if _label_kind(t.text) is not None:
            return None  # the next label came first: nothing printed
        if _is_value(t):
            return t
    return None


def read_visual_name(lines: list[TextLine]) -> VisualName | None:
    """The name the visual zone prints under its label(s); None when no name label with a value is found."""
    found: dict[str, TextLine] = {}
    for t in sorted(lines, key=lambda t: t.cy):
        kind = _label_kind(t.text)
        if kind is None or kind in found or not any(c.islower() for c in t.text):
            continue
        value = _value_under(t, lines)
        if value is not None:
            found[kind] = value
    if "surname" in found:
        given = found.get("given")
        given_text = "" if given is None or given.text.strip() in ("-", "—", "–") else given.text
        conf = min(found["surname"].confidence, given.confidence if given is not None else 1.0)
        return VisualName(None, found["surname"].text, given_text if given is not None else None, conf)
    if "full" in found:
        return VisualName(found["full"].text, None, None, found["full"].confidence)
    return None


def transliterate(name: str) -> str:
    """MRZ form of a printed name: upper case, accents dropped, apostrophes left out, other marks `<`
    (a digit the recogniser confuses with a letter is that letter)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper().replace("'", "")
    text = "".join(mrz.TO_LETTER.get(c, c) for c in text)  # a digit in a printed name is a misread letter
    return re.sub(r"<+", "<", re.sub(r"[^A-Z]", "<", text)).strip("<")


def _letters(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text)


def names_field(m: mrz.Mrz) -> tuple[str, int, int, int]:
    """(the names field as read, its line, start, end)."""
    layout, _ = mrz.LAYOUTS[m.format]
    _, li, a, b, _ = next(f for f in layout if f[0] == "names")
    return m.lines[li][a:b], li, a, b


def _aligned(parts: list[str], visual: str, cut: int | None) -> list[str] | None:
    """The visual letters that stand where each MRZ part's letters stand; `cut` is the index of the part the
    MRZ may have cut at the field's end (it then gets the visual letters left over, compared on its prefix)."""
    lengths = [len(p) for p in parts]
    spare = len(visual) - sum(lengths)
    if spare < 0 or (spare > 0 and cut is None):
        return None
    out, pos = [], 0
    for i, p in enumerate(parts):
        take = len(p) + (spare if i == cut else 0)
        out.append(visual[pos : pos + take][: len(p)])
        pos += take
    return out


def compare(m: mrz.Mrz, viz: VisualName) -> NameCheck:
    """The visual zone's name against the MRZ's names field, letter by letter where the two align."""
    field, _, _, _ = names_field(m)
    body = field.rstrip("<")
    was_cut = len(body) == len(field)  # the name runs to the field's end: the MRZ may have cut it
    primary, _, secondary = body.partition("<<")
    s_mrz, g_mrz = primary.replace("<", ""), secondary.replace("<", "")  # a digit left in a name is a slot too
    if viz.full is not None:
        visual = _letters(transliterate(viz.full))
        shown = viz.full
        orders = [((g_mrz, s_mrz), 0), ((s_mrz, g_mrz), 1)]  # (parts in the visual's order, index of given)
    elif viz.given_names is None:  # no given-names value under its label: the surname alone
        visual = _letters(transliterate(viz.surname or ""))
        shown = viz.surname or ""
        orders = [((s_mrz, ""), 1)]
        g_mrz = ""
    else:
        visual = _letters(transliterate(viz.surname or "")) + _letters(transliterate(viz.given_names))
        shown = f"{viz.surname or ''} / {viz.given_names}"
        orders = [((s_mrz, g_mrz), 1)]
    best: tuple[int, list[str], int, list[int]] | None = None
    for parts, given_at in orders:
        cut: int | None = None  # the MRZ cuts its last part: the given names, or a surname alone
        if was_cut:
            cut = (given_at if parts[given_at] else None) if secondary else 1 - given_at
        got = _aligned(list(parts), visual, cut)
        if got is None:
            continue
        per_part = [sum(a != b for a, b in zip(p, q, strict=True)) for p, q in zip(parts, got, strict=True)]
        if best is None or sum(per_part) < best[0]:
            best = (sum(per_part), got, given_at, per_part)
    if best is None:
        return NameCheck(False, None, None, shown, ("surname", "given_names"))
    diff, got, given_at, per_part = best
    if diff == 0:
        return NameCheck(True, 0, None, shown)
    differ = tuple(name for name, d in (("surname", per_part[1 - given_at]), ("given_names", per_part[given_at])) if d)
    s_viz, g_viz = (got[1], got[0]) if given_at == 0 else (got[0], got[1])
    g_viz = g_viz or secondary.replace("<", "")
    if viz.confidence < VIZ_CONFIDENT or diff > VIZ_MAX_LETTERS:
        return NameCheck(False, diff, None, shown, differ)
    # the MRZ's fillers with the visual zone's letters
    letters = iter(s_viz + g_viz)
    head = "".join(next(letters) if c != "<" else c for c in primary)
    tail = "".join(next(letters) if c != "<" else c for c in secondary)
    names = (head + ("<<" + tail if "<<" in body else "")).ljust(len(field), "<")
    return NameCheck(False, diff, names, shown, differ)
