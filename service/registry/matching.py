"""Field-by-field matching of a read KTP-el against one population-registry record.

Pure functions only (no database, no I/O), so that the worker, the CLI and the tests score alike.
Registry clerks and card printers write the same person differently: titles come and go, old spellings
(ejaan lama) survive in one source and not the other, addresses are abbreviated. Every rule below folds
such differences identically on both sides, which keeps each score symmetric.

Candidate search: the repository blocks on ``birth_date`` OR ``name_key(name)``, so a single OCR error in
either one still finds the record; these functions then rank the few candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

__all__ = [
    "FIELD_WEIGHTS",
    "ClaimField",
    "FieldScore",
    "MatchResult",
    "check_claim",
    "compare",
    "name_key",
    "normalise_address",
    "normalise_name",
    "normalise_place",
    "normalise_rt_rw",
    "normalise_text",
    "rank_candidates",
    "score_field",
]

# Relative weights; only fields present on both sides count, and the sum is renormalised over them, so a
# registry without blood types neither helps nor hurts. nik is the lookup key: compared (shown) but weight 0.
FIELD_WEIGHTS: dict[str, float] = {
    "nik": 0.0,
    "name": 0.35,
    "birth_date": 0.25,
    "sex": 0.05,
    "birth_place": 0.08,
    "address": 0.07,
    "rt_rw": 0.03,
    "village": 0.04,
    "district": 0.04,
    "regency": 0.03,
    "province": 0.02,
    "religion": 0.01,
    "marital_status": 0.01,
    "occupation": 0.01,
    "blood_type": 0.01,
    "nationality": 0.01,
}

# Coded values and dates: a near miss is a different value, so these score 100 or 0.
_EXACT_KEYS = frozenset(
    {"nik", "birth_date", "valid_until", "sex", "blood_type", "religion", "marital_status", "nationality"}
)
_PLACE_KEYS = frozenset({"birth_place", "village", "district", "regency", "province"})

# ---------------------------------------------------------------------------------------------------------
# Generic text


_PUNCT = re.compile(r"[^\w\s]|_")


def normalise_text(value: str | None) -> str:
    """NFKC, upper case, punctuation to spaces, single spaces: the common ground of OCR output and registries."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).upper())
    return " ".join(_PUNCT.sub(" ", text).split())


def _is_present(value: str | None) -> bool:
    """A value counts only if something survives normalisation ("-" for an unknown blood type does not)."""
    return bool(normalise_text(value))


# ---------------------------------------------------------------------------------------------------------
# Names

# Titles written before the name (religious, nobility, doctor/engineer/professor).
_PREFIX_TITLES = frozenset(
    {
        "H",
        "HJ",
        "KH",
        "DR",
        "DRS",
        "DRA",
        "DRG",
        "IR",
        "PROF",
        "UST",
        "USTADZ",
        "USTADZAH",
        "USTAZ",
        "HAJI",
        "HAJAH",
        "RA",
        "R",
    }
)
# Academic degrees written after the name.
_SUFFIX_TITLES = frozenset(
    {
        "SPD",
        "SPDI",
        "SE",
        "SH",
        "ST",
        "SKOM",
        "SSOS",
        "SAG",
        "SKEP",
        "SKED",
        "SSI",
        "SKM",
        "MPD",
        "MSI",
        "MM",
        "MH",
        "MKES",
        "MT",
        "AMD",
    }
)
# After a comma only titles follow (", S.PD., M.PD"); single letters excluded so that "AHMAD, M" survives.
_COMMA_TITLES = frozenset(t for t in _PREFIX_TITLES | _SUFFIX_TITLES if len(t) >= 2)
_VOWELS = frozenset("AEIOU")
_APOSTROPHES = re.compile(r"['`’‘ʼ]")

_NAME_VARIANTS: dict[str, str] = {
    **dict.fromkeys(
        [
            "MUHAMMAD",
            "MUHAMAD",
            "MUHAMMED",
            "MUHAMED",
            "MOHAMMAD",
            "MOHAMAD",
            "MOHAMMED",
            "MOHAMED",
            "MOCHAMMAD",
            "MOCHAMAD",
            "MUCHAMMAD",
            "MUCHAMAD",
            "MOCH",
            "MOH",
            "MUH",
            "MUHD",
            "MHD",
        ],
        "MUHAMMAD",
    ),
    "SITI": "SITI",
    "SITTI": "SITI",
    "AHMAD": "AHMAD",
    "ACHMAD": "AHMAD",
    "ABDUL": "ABDUL",
    "ABDOEL": "ABDUL",
    "NUR": "NUR",
    "NOOR": "NUR",
}

# Ejaan lama (pre-1972 spelling) → modern spelling, plus CH→KH ("CHOIRUL"/"KHOIRUL"). J→Y is left out on
# purpose: modern J ("JOKO") would then collide with old J ("SUBAGJO" = "SUBAGYO").
_OLD_SPELLING = (("OE", "U"), ("DJ", "J"), ("TJ", "C"), ("SJ", "SY"), ("CH", "KH"))
_DOUBLE_CONSONANT = re.compile(r"([B-DF-HJ-NP-TV-Z])\1+")


def _fold_spelling(token: str) -> str:
    """Old spellings and doubled consonants ("SOEHARTTO") are the commonest clerk-to-clerk differences."""
    previous = ""
    while token != previous:  # to a fixed point ("TJH" → "CH" → "KH"), so normalising twice changes nothing
        previous = token
        for old, new in _OLD_SPELLING:
            token = token.replace(old, new)
        token = _DOUBLE_CONSONANT.sub(r"\1", token)
    return token


_FOLDED_VARIANTS = {_fold_spelling(k): v for k, v in _NAME_VARIANTS.items()}


def _letters(token: str) -> str:
    return re.sub(r"[^A-Z]", "", token)


def _unambiguous(key: str) -> bool:
    """A bare (undotted) title is trusted only if no name looks like it: 3+ letters or two consonants ("HJ")."""
    return len(key) >= 3 or (len(key) == 2 and not set(key) & _VOWELS)


def _title_at(tokens: list[str], start: int, size: int, titles: frozenset[str]) -> bool:
    """Whether tokens[start:start+size] spell one title ("S." "PD." → SPD); joining needs the dots."""
    group = tokens[start : start + size]
    key = "".join(_letters(t) for t in group)
    if key not in titles:
        return False
    if size > 1:
        return all(t.endswith(".") for t in group[:-1])
    return group[0].endswith(".") or _unambiguous(key)


def _strip_titles(tokens: list[str]) -> list[str]:
    """Leading prefix titles and trailing degrees go; at least one token always stays."""
    changed = True
    while changed:
        changed = False
        for size in (3, 2, 1):
            if len(tokens) > size and _title_at(tokens, 0, size, _PREFIX_TITLES):
                tokens, changed = tokens[size:], True
                break
            if len(tokens) > size and _title_at(tokens, len(tokens) - size, size, _SUFFIX_TITLES):
                tokens, changed = tokens[:-size], True
                break
    return tokens


def _only_titles(letters: str) -> bool:
    """Whether a comma segment's letters split wholly into titles (", S. Pd., M.Pd" → SPD + MPD)."""
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reachable[end] = any(
            reachable[end - len(t)] and letters[end - len(t) : end] == t for t in _COMMA_TITLES if len(t) <= end
        )
    return reachable[-1]


def _name_tokens(value: str | None) -> list[str]:
    if not value:
        return []
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", value).upper())  # MA'RUF is one word
    segments = [seg.replace(".", ". ").split() for seg in text.split(",")]
    head, tail = segments[0], segments[1:]
    kept = head + [t for seg in tail if not _only_titles("".join(_letters(t) for t in seg)) for t in seg]
    if not kept:
        kept = [t for seg in segments for t in seg]
    kept = [t for t in kept if normalise_text(t)]  # a stray "-" must not shield a trailing degree
    tokens = normalise_text(" ".join(_strip_titles(kept))).split()
    out = []
    for index, token in enumerate(tokens):
        folded = _fold_spelling(token)
        if index == 0 and folded == "M" and len(tokens) > 1:
            out.append("MUHAMMAD")
        elif token in _NAME_VARIANTS:
            out.append(_NAME_VARIANTS[token])
        else:
            out.append(_FOLDED_VARIANTS.get(folded, folded))
    return out


def normalise_name(value: str | None) -> str:
    """Titles removed, spelling variants and old spellings canonicalised: what two records of one person share.

    Title rule: a title is removed only at the start (prefix titles such as H., HJ, DRS., PROF.) or end
    (degrees such as S.PD, M.M.) of the name, or as a whole comma segment (", S.E., M.M."). Written with a dot
    it is always a title; written bare only when no name looks like it (3+ letters, or two consonants such as
    HJ, ST, MM). So "SE", "IR", "RA", "H", "R" without a dot or comma stay part of the name.
    """
    return " ".join(_name_tokens(value))


def name_key(value: str | None) -> str:
    """Blocking key: the canonical first name token, so an OCR error in a later token still finds the record."""
    tokens = _name_tokens(value)
    return tokens[0] if tokens else ""


# ---------------------------------------------------------------------------------------------------------
# Addresses, RT/RW, places

_ADDRESS_WORDS: dict[str, str] = {
    **dict.fromkeys(["JL", "JLN", "JALAN"], "JALAN"),
    **dict.fromkeys(["GG", "GANG"], "GANG"),
    **dict.fromkeys(["NO", "NOMOR", "NMR"], "NOMOR"),
    **dict.fromkeys(["DS", "DESA"], "DESA"),
    **dict.fromkeys(["KEL", "KELURAHAN"], "KELURAHAN"),
    **dict.fromkeys(["KEC", "KECAMATAN"], "KECAMATAN"),
    **dict.fromkeys(["KP", "KAMPUNG"], "KAMPUNG"),
    **dict.fromkeys(["DSN", "DUSUN"], "DUSUN"),
    **dict.fromkeys(["PERUM", "PERUMAHAN"], "PERUMAHAN"),
    **dict.fromkeys(["BLK", "BLOK"], "BLOK"),
    **dict.fromkeys(["KAB", "KABUPATEN"], "KABUPATEN"),
}
_RT_RW_PAIR = re.compile(r"\bRT RW (\d{1,4}) (\d{1,4})\b")
_RT_OR_RW = re.compile(r"\b(RT|RW) ?(\d{1,4})\b")


def normalise_address(value: str | None) -> str:
    """Street abbreviations spelled out and embedded RT/RW zero-padded, so only real differences remain."""
    text = normalise_text(value)
    text = _RT_RW_PAIR.sub(lambda m: f"RT {int(m[1]):03d} RW {int(m[2]):03d}", text)
    text = _RT_OR_RW.sub(lambda m: f"{m[1]} {int(m[2]):03d}", text)
    text = re.sub(r"\bNO(\d)", r"NO \1", text)  # "NO.12" is already split; "NO12" is OCR dropping the dot
    return " ".join(_ADDRESS_WORDS.get(t, t) for t in text.split())


_RT_RW_FORMS = (
    re.compile(r"^(?:RT ?)?(\d{1,3})(?: | ?RW ?)(\d{1,3})$"),  # 003/007, RT.3/RW.7, RT03 RW07, 003-007
    re.compile(r"^RT RW (\d{1,3}) (\d{1,3})$"),  # RT/RW: 003/007
    re.compile(r"^(\d{3})(\d{3})$"),  # 003007: the slash lost to OCR
)


def normalise_rt_rw(value: str | None) -> str:
    """RT/RW as printed on the card (NNN/NNN) whatever the source wrote; unparseable text is kept for ratio."""
    text = normalise_text(value)
    for form in _RT_RW_FORMS:
        found = form.match(text)
        if found:
            return f"{int(found[1]):03d}/{int(found[2]):03d}"
    return text


# Leading words that name the kind of area rather than the area; longest first.
_PLACE_PREFIXES: dict[str, tuple[str, ...]] = {
    "birth_place": ("KABUPATEN ", "KAB ", "KOTA ADMINISTRASI ", "KOTA ADM ", "KOTA ", "PROVINSI ", "PROV "),
    "village": ("KELURAHAN ", "KEL ", "DESA ", "DS "),
    "district": ("KECAMATAN ", "KEC "),
    "province": ("PROVINSI ", "PROV "),
}
_REGENCY_KINDS = (
    ("KABUPATEN ", "KABUPATEN "),
    ("KAB ", "KABUPATEN "),
    ("KOTA ADMINISTRASI ", "KOTA "),
    ("KOTA ADMINISTRATIF ", "KOTA "),
    ("KOTA ADM ", "KOTA "),
    ("KOTA ", "KOTA "),
)


def normalise_place(value: str | None, key: str = "birth_place") -> str:
    """Place names without the kind of area ("KAB. BANDUNG" → "BANDUNG"), except for ``regency``.

    A birth place is written with or without "KOTA"/"KAB." at the clerk's whim, so the kind is dropped. For
    ``regency`` the kind is what tells Kota Bandung from Kabupaten Bandung, so it is kept, only spelled out.
    """
    text = normalise_text(value)
    if key == "regency":
        for prefix, canonical in _REGENCY_KINDS:
            if text.startswith(prefix) and len(text) > len(prefix):
                return canonical + text[len(prefix) :]
        return text
    for prefix in _PLACE_PREFIXES.get(key, ()):
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


def _regency_ratio(a: str, b: str) -> float:
    """KOTA vs KABUPATEN of one name is a different regency (~70); a missing kind is no disagreement.

    KTP-el of DKI Jakarta print "JAKARTA SELATAN" where a registry may say "KOTA JAKARTA SELATAN".
    """

    def kind(text: str) -> str:
        return next((p for p in ("KABUPATEN ", "KOTA ") if text.startswith(p)), "")

    kind_a, kind_b = kind(a), kind(b)
    if bool(kind_a) != bool(kind_b):
        a, b = a[len(kind_a) :], b[len(kind_b) :]
    return 100.0 if a == b else fuzz.ratio(a, b)


# ---------------------------------------------------------------------------------------------------------
# Scoring


def _normaliser(key: str) -> Callable[[str | None], str]:
    if key == "name":
        return normalise_name
    if key == "address":
        return normalise_address
    if key == "rt_rw":
        return normalise_rt_rw
    if key in _PLACE_KEYS:
        return lambda value: normalise_place(value, key)
    return normalise_text


def _words_ratio(a: str, b: str) -> float:
    """Word order varies (token_sort_ratio; token_set_ratio would give "SITI" ~ "SITI AMINAH" 100), and OCR
    loses or adds word spaces ("SITI IFA" read "SITHIFA"): the better of the two comparisons counts."""
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


def _scorer(key: str) -> Callable[[str, str], float]:
    if key in _EXACT_KEYS:
        return lambda a, b: 0.0  # equal values were already caught
    if key in ("name", "address"):
        return _words_ratio
    if key == "regency":
        return _regency_ratio
    return fuzz.ratio


def score_field(key: str, document: str | None, registry: str | None) -> float:
    """Similarity 0–100 (1 decimal) of one field's two values; symmetric, identical values always 100."""
    if document == registry:
        return 100.0
    normalise = _normaliser(key)
    a, b = normalise(document), normalise(registry)
    if a == b:
        return 100.0
    if not a or not b:
        return 0.0
    return round(min(100.0, max(0.0, float(_scorer(key)(a, b)))), 1)


@dataclass(frozen=True)
class FieldScore:
    """One field as read and as registered, kept raw so a reviewer sees what was actually compared."""

    document: str | None
    registry: str | None
    score: float

    def to_json(self) -> dict[str, object]:
        return {"document": self.document, "registry": self.registry, "score": self.score}


@dataclass(frozen=True)
class MatchResult:
    """Weighted overall score plus the per-field evidence behind it."""

    score: float
    fields: dict[str, FieldScore]

    def to_json(self) -> dict[str, object]:
        return {"score": self.score, "fields": {k: f.to_json() for k, f in self.fields.items()}}


def compare(
    document: Mapping[str, str | None],
    record: Mapping[str, str | None],
    weights: Mapping[str, float] | None = None,
) -> MatchResult:
    """Score a document against one record over the fields both sides have; nik is shown but not weighted."""
    weights = FIELD_WEIGHTS if weights is None else {"nik": 0.0, **weights}
    fields: dict[str, FieldScore] = {}
    total = weighted = 0.0
    for key, weight in weights.items():
        doc_value, reg_value = document.get(key), record.get(key)
        if not (_is_present(doc_value) and _is_present(reg_value)):
            continue
        score = score_field(key, doc_value, reg_value)
        fields[key] = FieldScore(doc_value, reg_value, score)
        if weight > 0:
            total += weight
            weighted += weight * score
    overall = round(min(100.0, max(0.0, weighted / total)), 1) if total else 0.0
    return MatchResult(overall, fields)


def rank_candidates(
    document: Mapping[str, str | None],
    records: Iterable[Mapping[str, str | None]],
    limit: int = 3,
) -> list[tuple[Mapping[str, str | None], MatchResult]]:
    """The best ``limit`` records, best first; equal scores ordered by nik so results are reproducible."""
    scored = [(record, compare(document, record)) for record in records]
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].get("nik") or ""))
    return scored[: max(0, limit)]


# ---------------------------------------------------------------------------------------------------------
# Applicant's claim vs card vs registry


@dataclass(frozen=True)
class ClaimField:
    """One claimed field with the side that disagrees, so the reason given to the applicant can be specific."""

    claim: str | None
    document: str | None
    registry: str | None
    disagrees: str

    def to_json(self) -> dict[str, object]:
        return {"claim": self.claim, "document": self.document, "registry": self.registry, "disagrees": self.disagrees}


# Least trusted first: when two sides disagree and nothing breaks the tie, the less trusted one is blamed.
_TRUST_ORDER = ("claim", "document", "registry")


def _odd_one_out(key: str, sides: dict[str, str | None], agree_at: float) -> str:
    present = [name for name in _TRUST_ORDER if _is_present(sides[name])]
    if len(present) < 2:
        return "unknown"
    pairs = [(x, y) for i, x in enumerate(present) for y in present[i + 1 :]]
    disagreeing = [(x, y) for x, y in pairs if score_field(key, sides[x], sides[y]) < agree_at]
    if not disagreeing:
        return "none"
    if len(present) == 3 and len(disagreeing) == 3:
        return "all"
    if len(present) == 3 and len(disagreeing) == 2:
        # the side in both disagreeing pairs is the one the other two agree against
        common = set(disagreeing[0]) & set(disagreeing[1])
        return common.pop()
    # two sides that disagree (alone, or fuzzy agreement that is not transitive): blame the less trusted
    return disagreeing[0][0]


def check_claim(
    claim: Mapping[str, str | None],
    document: Mapping[str, str | None],
    record: Mapping[str, str | None] | None,
    agree_at: float = 90.0,
) -> dict[str, ClaimField]:
    """For each claimed field, which of claim, card and registry is the odd one out."""
    record = record or {}
    out: dict[str, ClaimField] = {}
    for key, claimed in claim.items():
        sides = {"claim": claimed, "document": document.get(key), "registry": record.get(key)}
        out[key] = ClaimField(claimed, sides["document"], sides["registry"], _odd_one_out(key, sides, agree_at))
    return out
