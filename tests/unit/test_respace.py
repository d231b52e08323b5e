from __future__ import annotations

import pytest

from workers.pipeline.respace import transfer_spaces


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("PUTUHANIFARIDA", "PUTU HANI FARIDA", "PUTU HANI FARIDA"),
    # characters stay the first reading's; only the breaks come from the second
    ("FEBIELLIS NURAINI", "FEBI ELLIS NURAINL", "FEBI ELLIS NURAINI"),
    ("JL. INDRAGIRINO. 130", "JL. INDRAGIRI NO. 130", "JL. INDRAGIRI NO. 130"),
    ("HENDRI HARDIAN SYAH", "HENDRI HARDIANSYAH", "HENDRI HARDIANSYAH"),
])
def test_spaces_move_characters_do_not(first: str, second: str, expected: str) -> None:
    assert transfer_spaces(first, second) == expected


def test_a_different_text_is_not_used() -> None:
    assert transfer_spaces("AHMAD SUBARJO", "BUDI SANTOSO") is None


def test_breaks_land_after_characters_the_second_reading_lost() -> None:
    assert transfer_spaces("JL.W.R.SUPRATMAN NO. 19", "JL W.R SUPRATMAN NO. 19") == "JL. W.R. SUPRATMAN NO. 19"
