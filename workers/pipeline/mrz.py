"""Machine-readable zones (ICAO 9303 TD1, TD2, TD3): check digits, parsing, and OCR repair.

Own code rather than the `mrz` package (last released 2020): the rules are a page of ICAO 9303 and the
repair below needs to know, per character position, whether the zone allows letters, digits or both.

Repair is position-aware and conservative: in a field that holds only digits (dates, check digits) a
letter the recogniser confuses with a digit (O→0, I→1, S→5, B→8) is turned into that digit, and in a
field of letters the reverse; a `K` inside a run of fillers is a misread `<`. A mixed field (the
document number, optional data) is only changed when its check digit then passes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

_VALUES = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
_WEIGHTS = (7, 3, 1)

TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"}
TO_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}
# the confusions the issue names, used for mixed fields where only a passing check digit decides
MIXED = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8", "K": "<", "<": "K"}

LENGTHS = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44)}


def check_digit(text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 over the character values (digits, A=10…Z=35, < = 0)."""
    total = 0
    for i, ch in enumerate(text):
        total += _VALUES.get(ch, 0) * _WEIGHTS[i % 3]
    return str(total % 10)


def clean_line(text: str) -> str:
    """Upper case, no spaces; characters that cannot appear in an MRZ become the filler `<`."""
    text = text.upper().replace(" ", "").replace("«", "<<").replace("‹", "<")
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch == "<") else "<" for ch in text)


@dataclass
class Mrz:
    format: str  # TD1 | TD2 | TD3
    lines: list[str]
    fields: dict[str, str]
    checks: dict[str, bool]  # check digit name → holds
    repaired: list[str] = field(default_factory=list)  # what was changed, for the reasons

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(self.checks.values())


# ---------------------------------------------------------------------------------------- layouts
# (field name, line, start, end, kind) with kind: "n" digits, "a" letters/fillers, "x" mixed.
# Check digits are (name, line, position, covered spans [(line, start, end), ...]).

Span = tuple[int, int, int]

_TD3_FIELDS = [
    ("document_code", 0, 0, 2, "a"),
    ("issuing_country", 0, 2, 5, "a"),
    ("names", 0, 5, 44, "a"),
    ("document_number", 1, 0, 9, "x"),
    ("nationality", 1, 10, 13, "a"),
    ("birth_date", 1, 13, 19, "n"),
    ("sex", 1, 20, 21, "a"),
    ("expiry_date", 1, 21, 27, "n"),
    ("personal_number", 1, 28, 42, "x"),
]
_TD3_CHECKS: list[tuple[str, int, int, list[Span]]] = [
    ("document_number", 1, 9, [(1, 0, 9)]),
    ("birth_date", 1, 19, [(1, 13, 19)]),
    ("expiry_date", 1, 27, [(1, 21, 27)]),
    ("personal_number", 1, 42, [(1, 28, 42)]),
    ("composite", 1, 43, [(1, 0, 10), (1, 13, 20), (1, 21, 43)]),
]

_TD2_FIELDS = [
    ("document_code", 0, 0, 2, "a"),
    ("issuing_country", 0, 2, 5, "a"),
    ("names", 0, 5, 36, "a"),
    ("document_number", 1, 0, 9, "x"),
    ("nationality", 1, 10, 13, "a"),
    ("birth_date", 1, 13, 19, "n"),
    ("sex", 1, 20, 21, "a"),
    ("expiry_date", 1, 21, 27, "n"),
    ("personal_number", 1, 28, 35, "x"),
]
_TD2_CHECKS: list[tuple[str, int, int, list[Span]]] = [
    ("document_number", 1, 9, [(1, 0, 9)]),
    ("birth_date", 1, 19, [(1, 13, 19)]),
    ("expiry_date", 1, 27, [(1, 21, 27)]),
    ("composite", 1, 35, [(1, 0, 10), (1, 13, 20), (1, 21, 35)]),
]

_TD1_FIELDS = [
    ("document_code", 0, 0, 2, "a"),
    ("issuing_country", 0, 2, 5, "a"),
    ("document_number", 0, 5, 14, "x"),
    ("personal_number", 0, 15, 30, "x"),
    ("birth_date", 1, 0, 6, "n"),
    ("sex", 1, 7, 8, "a"),
    ("expiry_date", 1, 8, 14, "n"),
    ("nationality", 1, 15, 18, "a"),
    ("optional_2", 1, 18, 29, "x"),
    ("names", 2, 0, 30, "a"),
]
_TD1_CHECKS: list[tuple[str, int, int, list[Span]]] = [
    ("document_number", 0, 14, [(0, 5, 14)]),
    ("birth_date", 1, 6, [(1, 0, 6)]),
    ("expiry_date", 1, 14, [(1, 8, 14)]),
    ("composite", 1, 29, [(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)]),
]

LAYOUTS = {"TD1": (_TD1_FIELDS, _TD1_CHECKS), "TD2": (_TD2_FIELDS, _TD2_CHECKS), "TD3": (_TD3_FIELDS, _TD3_CHECKS)}


def _kinds(fmt: str) -> list[list[str]]:
    """Per line, per position: "n", "a" or "x" (check digits are "n")."""
    n_lines, width = LENGTHS[fmt]
    kinds = [["x"] * width for _ in range(n_lines)]
    fields, checks = LAYOUTS[fmt]
    for _, line, start, end, kind in fields:
        for p in range(start, end):
            kinds[line][p] = kind
    for _, line, pos, _spans in checks:
        kinds[line][pos] = "n"
    return kinds


def _fix_length(line: str, width: int, names_line: bool) -> str:
    """Make a line `width` long. The recogniser miscounts long runs of fillers, so characters are
    added to or taken from the longest filler run (the end of a names line)."""
    if len(line) == width:
        return line
    if names_line:
        body = line.rstrip("<K") if len(line) > width else line
        return (body + "<" * width)[:width]
    runs = [(m.end() - m.start(), m.start(), m.end()) for m in re.finditer(r"<{2,}", line)]
    if not runs:
        return (line + "<" * width)[:width]
    _, start, end = max(runs)
    run = end - start + (width - len(line))
    if run < 1:
        return (line + "<" * width)[:width]
    return (line[:start] + "<" * run + line[end:])[:width]


def _fill_runs(line: str) -> str:
    """A run of `K` between fillers (or between a filler and the line's end) is misread `<`:
    `<<KK<<`, a trailing `<KK`. A K after a letter (`ERIK<<`) is left alone."""
    return re.sub(r"(?<=<)K+(?=<|$)", lambda m: "<" * len(m.group()), line)


def _typed(lines: list[str], fmt: str) -> tuple[list[str], list[str]]:
    kinds = _kinds(fmt)
    out, changes = [], []
    for li, line in enumerate(lines):
        chars = list(line)
        for p, ch in enumerate(chars):
            kind = kinds[li][p]
            if kind == "n" and ch in TO_DIGIT:
                chars[p] = TO_DIGIT[ch]
            elif kind == "a" and ch in TO_LETTER:
                chars[p] = TO_LETTER[ch]
            if chars[p] != ch:
                changes.append(f"line {li + 1} position {p + 1}: {ch}→{chars[p]}")
        out.append("".join(chars))
    return out, changes


def _span_text(lines: list[str], spans: list[Span]) -> str:
    return "".join(lines[li][a:b] for li, a, b in spans)


def _checks(lines: list[str], fmt: str) -> dict[str, bool]:
    _, checks = LAYOUTS[fmt]
    out = {}
    for name, li, pos, spans in checks:
        if fmt == "TD1" and name == "document_number" and lines[0][14] == "<":
            # a long document number continues into the optional field; its check digit ends it there
            out[name] = _long_docnum(lines[0]) is not None
            continue
        digit = lines[li][pos]
        text = _span_text(lines, spans)
        # an empty optional field may carry `<` instead of its check digit 0
        out[name] = check_digit(text) == digit or (digit == "<" and name == "personal_number" and not text.strip("<"))
    return out


def _long_docnum(line: str) -> str | None:
    rest = line[15:30].split("<", 1)[0]
    if len(rest) < 2:
        return None
    number, digit = line[5:14] + rest[:-1], rest[-1]
    return number if check_digit(number) == digit else None


def _repair_mixed(lines: list[str], fmt: str, changes: list[str]) -> list[str]:
    """Try the listed confusions in a mixed field until its own check digit (and the composite) passes."""
    _, checks = LAYOUTS[fmt]
    lines = list(lines)
    for name, li, pos, spans in checks:
        if name == "composite" or len(spans) != 1:
            continue
        if check_digit(_span_text(lines, spans)) == lines[li][pos]:
            continue
        sl, a, b = spans[0]
        text = lines[sl][a:b]
        options = [i for i, ch in enumerate(text) if ch in MIXED]
        if len(options) > 8:
            continue
        found = None
        for k in (1, 2, 3):
            for combo in itertools.combinations(options, k):
                trial = list(text)
                for i in combo:
                    trial[i] = MIXED[trial[i]]
                candidate = "".join(trial)
                if check_digit(candidate) == lines[li][pos]:
                    found = candidate
                    break
            if found:
                break
        if found:
            changes.append(f"{name}: {text}→{found}")
            lines[sl] = lines[sl][:a] + found + lines[sl][b:]
    return lines


def split_names(text: str) -> tuple[str, str]:
    """The MRZ's names field (`SURNAME<<GIVEN<NAMES`) as (surname, given names), spaced."""
    primary, _, secondary = text.strip("<").partition("<<")
    return primary.replace("<", " ").strip(), " ".join(secondary.replace("<", " ").split())


def _date(yymmdd: str, future: bool) -> str | None:
    """YYMMDD → ISO. Birth dates lie in the past; expiry dates within the coming decades."""
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    this = date.today().year % 100
    century = (2000 if yy < this + 50 else 1900) if future else (2000 if yy <= this else 1900)
    try:
        return date(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


def _fields(lines: list[str], fmt: str) -> dict[str, str]:
    layout, _ = LAYOUTS[fmt]
    raw = {name: lines[li][a:b] for name, li, a, b, _k in layout}
    surname, given = split_names(raw["names"])
    number = raw["document_number"]
    if fmt == "TD1" and lines[0][14] == "<":
        number = _long_docnum(lines[0]) or number
        raw["personal_number"] = lines[0][15:30].split("<", 1)[1] if "<" in lines[0][15:30] else ""
    out = {
        "document_code": raw["document_code"].replace("<", ""),
        "issuing_country": raw["issuing_country"].replace("<", ""),
        "document_number": number.replace("<", ""),
        "surname": surname,
        "given_names": given,
        "nationality": raw["nationality"].replace("<", ""),
        "birth_date": _date(raw["birth_date"], future=False) or "",
        "sex": {"M": "M", "F": "F"}.get(raw["sex"], "X"),
        "expiry_date": _date(raw["expiry_date"], future=True) or "",
        "personal_number": raw["personal_number"].strip("<").replace("<", " ").strip(),
    }
    return out


def detect_format(lines: list[str]) -> str | None:
    """By line count and length (±3 characters for what the recogniser dropped or added)."""
    if len(lines) == 3 and all(abs(len(x) - 30) <= 3 for x in lines):
        return "TD1"
    if len(lines) == 2:
        mean = (len(lines[0]) + len(lines[1])) / 2
        if abs(mean - 44) <= 4:
            return "TD3"
        if abs(mean - 36) <= 4:
            return "TD2"
    return None


def parse(raw_lines: list[str]) -> Mrz | None:
    """Read an MRZ from its text lines (top to bottom). None when they are not an MRZ's shape."""
    lines = [clean_line(x) for x in raw_lines]
    fmt = detect_format(lines)
    if fmt is None:
        return None
    _, width = LENGTHS[fmt]
    names_line = 2 if fmt == "TD1" else 0
    lines = [_fix_length(_fill_runs(x), width, i == names_line) for i, x in enumerate(lines)]
    lines, changes = _typed(lines, fmt)
    lines = _repair_mixed(lines, fmt, changes)
    checks = _checks(lines, fmt)
    return Mrz(fmt, lines, _fields(lines, fmt), checks, changes)


def _compose_two_lines(
    width: int,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth: date,
    sex: str,
    expiry: date,
    optional: str,
) -> list[str]:
    """TD3 and TD2 share one order: code, country and names on the first line; number, nationality, birth,
    sex, expiry (each with its check digit), the optional data and the composite on the second."""
    names = surname.replace(" ", "<") + "<<" + given_names.replace(" ", "<")
    line1 = (document_code.ljust(2, "<") + issuing_country + names + "<" * width)[:width]
    number = document_number.ljust(9, "<")[:9]
    body = (
        number
        + check_digit(number)
        + nationality
        + f"{birth:%y%m%d}"
        + check_digit(f"{birth:%y%m%d}")
        + sex
        + f"{expiry:%y%m%d}"
        + check_digit(f"{expiry:%y%m%d}")
        + optional
    )
    composite = check_digit(body[0:10] + body[13:20] + body[21 : width - 1])
    return [line1, body + composite]


def compose_td3(
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth: date,
    sex: str,
    expiry: date,
    personal_number: str = "",
) -> list[str]:
    """The two TD3 lines for these fields, with every check digit: for the generator and the tests."""
    personal = personal_number.replace(" ", "<").ljust(14, "<")[:14]
    personal_check = check_digit(personal) if personal.strip("<") else "<"
    return _compose_two_lines(
        44,
        document_code,
        issuing_country,
        surname,
        given_names,
        document_number,
        nationality,
        birth,
        sex,
        expiry,
        personal + personal_check,
    )


def compose_td2(
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth: date,
    sex: str,
    expiry: date,
    optional: str = "",
) -> list[str]:
    """The two TD2 lines (ID-2 cards): TD3's order in 36 characters, the names cut at the field's 31, optional
    data without a check digit of its own (7 characters), the composite last. For the generator and tests."""
    return _compose_two_lines(
        36,
        document_code,
        issuing_country,
        surname,
        given_names,
        document_number,
        nationality,
        birth,
        sex,
        expiry,
        optional.replace(" ", "<").ljust(7, "<")[:7],
    )


def compose_td1(
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth: date,
    sex: str,
    expiry: date,
    optional: str = "",
) -> list[str]:
    number = document_number.ljust(9, "<")[:9]
    line1 = (
        document_code.ljust(2, "<")
        + issuing_country
        + number
        + check_digit(number)
        + optional.replace(" ", "<").ljust(15, "<")
    )[:30]
    line2 = (
        f"{birth:%y%m%d}"
        + check_digit(f"{birth:%y%m%d}")
        + sex
        + f"{expiry:%y%m%d}"
        + check_digit(f"{expiry:%y%m%d}")
        + nationality
        + "<" * 11
    )
    composite = check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    names = (surname.replace(" ", "<") + "<<" + given_names.replace(" ", "<") + "<" * 30)[:30]
    return [line1, line2 + composite, names]
