from __future__ import annotations

import pytest

from workers.pipeline.respace import transfer_spaces


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("PUTUHANIFARIDA", "PUTU HANI FARIDA", "PUTU HANI FARIDA"),
        # characters stay the first reading's; only the breaks come from the second
        ("FEBIELLIS NURAINI", "FEBI ELLIS NURAINL", "FEBI ELLIS NURAINI"),
        ("JL. INDRAGIRINO. 130", "JL. INDRAGIRI NO. 130", "JL. INDRAGIRI NO. 130"),
        ("HENDRI HARDIAN SYAH", "HENDRI HARDIANSYAH", "HENDRI HARDIANSYAH"),
    ],
)
def test_spaces_move_characters_do_not(first: str, second: str, expected: str) -> None:
    assert transfer_spaces(first, second) == expected


def test_a_different_text_is_not_used() -> None:
    assert transfer_spaces("AHMAD SUBARJO", "BUDI SANTOSO") is None


def test_breaks_land_after_characters_the_second_reading_lost() -> None:
    assert transfer_spaces("JL.W.R.SUPRATMAN NO. 19", "JL W.R SUPRATMAN NO. 19") == "JL. W.R. SUPRATMAN NO. 19"


class _Looks:
    """Answers each look at a crop in turn (narrow margin first, then wide)."""

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)

    def recognise(self, crop: object, faint_dot: float = 0.0) -> tuple[str, float]:
        return self.texts.pop(0), 0.9


def test_agree_only_takes_two_agreeing_looks_and_nothing_from_one() -> None:
    import numpy as np

    from workers.pipeline.respace import respace

    page = np.full((60, 600, 3), 255, np.uint8)
    box = (10, 10, 590, 50)
    glued = "BANTUAN SOSIALTUNAI."
    # one look that lost a letter: its breaks are taken by default, not with agree_only
    assert respace(_Looks("BANTUAN SOSIL TUNAI.", "BA"), page, box, glued) is not None  # type: ignore[arg-type]
    assert respace(_Looks("BANTUAN SOSIL TUNAI.", "BA"), page, box, glued, agree_only=True) is None  # type: ignore[arg-type]
    two = _Looks("BANTUAN SOSIAL TUNAI.", "BANTUAN SOSIAL TUNAI.")
    assert respace(two, page, box, glued, agree_only=True) == "BANTUAN SOSIAL TUNAI."  # type: ignore[arg-type]


def test_a_lost_abbreviation_dot_comes_back_only_where_a_look_sees_it() -> None:
    import numpy as np

    from workers.pipeline.respace import FAINT_DOT, restore_dots

    page = np.full((60, 600, 3), 255, np.uint8)
    box = (10, 10, 590, 50)

    class Faint(_Looks):
        def recognise(self, crop: object, faint_dot: float = 0.0) -> tuple[str, float]:
            assert faint_dot == FAINT_DOT  # the looks keep faint dots
            return super().recognise(crop)

    # both looks see JL's dot; NO's only the look that reads NO there (the other misread it): both come back
    looks = Faint("JL.KENANGA N0 100", "JL. KENANGA NO. 108")
    assert restore_dots(looks, page, box, "JL KENANGA NO 108") == "JL. KENANGA NO. 108"  # type: ignore[arg-type]
    # one look of two sees a dot: glare, not print
    looks = Faint("JL. KENANGA NO 108", "JL KENANGA NO 108")
    assert restore_dots(looks, page, box, "JL KENANGA NO 108") == "JL KENANGA NO 108"  # type: ignore[arg-type]
    # a dot after a word that is no abbreviation, or an abbreviation the looks do not share, is not taken
    looks = Faint("JL KENANGA. NO 108", "GG. KENANGA NO 108")
    assert restore_dots(looks, page, box, "JL KENANGA NO 108") == "JL KENANGA NO 108"  # type: ignore[arg-type]
    # nothing to restore: no look at all (the texts would run out)
    assert restore_dots(Faint(), page, box, "JL. KENANGA NO. 108") == "JL. KENANGA NO. 108"  # type: ignore[arg-type]
    assert restore_dots(Faint(), page, box, "DUSUN KRAJAN") == "DUSUN KRAJAN"  # type: ignore[arg-type]
