"""The NIK's rules as the readers use them: what it encodes (birth date, sex) and a NIK repaired from a reading.
Its shape and masking are primitives.nik's (shared with the service)."""

from __future__ import annotations

import re

from stdnum.id import nik as stdnum_nik

from workers.pipeline.digits import DIGIT_CONFUSIONS


def nik_birth_sex(nik: str) -> tuple[str, str, str, str]:
    """DD, MM, YY and sex encoded in a NIK (day + 40 for women)."""
    day = int(nik[6:8])
    sex = "PEREMPUAN" if day > 40 else "LAKI-LAKI"
    return f"{day % 40:02d}", nik[8:10], nik[10:12], sex


def is_valid_nik(nik: str) -> bool:
    """The NIK rules (python-stdnum: shape, region, birth date)."""
    return bool(stdnum_nik.is_valid(nik))


def repair_nik(text: str) -> str | None:
    """Sixteen digits that pass the NIK rules, after undoing letter-for-digit confusions."""
    raw = re.sub(r"[\s.\-]", "", text.upper())
    candidates = [re.sub(r"\D", "", raw), re.sub(r"\D", "", raw.translate(DIGIT_CONFUSIONS))]
    for cand in candidates:
        for start in range(0, max(1, len(cand) - 15)):
            nik = cand[start : start + 16]
            if len(nik) == 16 and is_valid_nik(nik):
                return nik
    digits = candidates[1]
    return digits[:16] if len(digits) >= 16 else None
