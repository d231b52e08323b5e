"""The letter number's Roman month, checked against the letter's own date (workers.pipeline.extract.sktm)."""

from __future__ import annotations

import numpy as np
import pytest

from workers.pipeline.extract.sktm import month_agrees, roman_month, second_look_number


@pytest.mark.parametrize(
    ("read", "issued", "want"),
    [
        ("460/113/DS/l/2024", "2024-01-05", "460/113/DS/I/2024"),  # I read as l
        ("400/329/1l/2025", "2025-02-11", "400/329/II/2025"),  # II read as 1l
        ("474/012/SKTM/N/2025", "2025-05-02", "474/012/SKTM/V/2025"),  # one wrong glyph, same length
        ("474/012/SKTM/V/2025", "2025-01-02", "474/012/SKTM/V/2025"),  # a valid numeral is never changed here
        ("400/111/2025", "2025-03-03", "400/111/2025"),  # digits are a sequence number, not a month
        ("470/098/1/2024", "2024-01-20", "470/098/I/2024"),  # I read as 1 in the month's slot
        ("470/098/1/2024", "2024-02-20", "470/098/1/2024"),  # not the date's month: kept
        ("470/111/2024", "2024-03-20", "470/111/2024"),  # no code + sequence before it: a sequence
        ("460/113/DS/l/2024", "2024-02-05", "460/113/DS/l/2024"),  # l is I, not the date's month II: kept
        ("145/115/Pem/2023", "2023-08-30", "145/115/Pem/2023"),  # no month printed
    ],
)
def test_roman_month_is_repaired_only_to_the_dates_month(read: str, issued: str, want: str) -> None:
    assert roman_month(read, issued) == want


def test_month_agreement_knows_a_number_that_prints_no_month() -> None:
    assert month_agrees("145/147/KEL/I/2024", "2024-01-09") is True
    assert month_agrees("145/147/KEL/V/2024", "2024-01-09") is False
    assert month_agrees("145/115/Pem/2023", "2023-08-30") is None
    assert month_agrees("474.3/115/DS/2023", "2023-08-30") is None


class _Reader:
    """A recogniser that reads the crop as given (the second look's only dependency)."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def recognise(self, crop: np.ndarray, faint_dot: float = 0.0) -> tuple[str, float]:
        self.calls += 1
        return self.text, 0.99


def test_second_look_takes_only_the_month_and_only_when_it_agrees_with_the_date() -> None:
    page = np.full((100, 400, 3), 255, np.uint8)
    box = (10, 10, 300, 40)
    fixed = second_look_number(
        _Reader("Nomor : 145/147/KEL/I/2024"),
        page,
        box,  # type: ignore[arg-type]
        "145/147/KEL/V/2024",
        "2024-01-09",
    )
    assert fixed == "145/147/KEL/I/2024"
    # a second reading that also changes the sequence number is not taken
    other = _Reader("Nomor : 145/741/KEL/I/2024")
    assert second_look_number(other, page, box, "145/147/KEL/V/2024", "2024-01-09") == "145/147/KEL/V/2024"  # type: ignore[arg-type]
    assert other.calls == 2
    # nor one whose month disagrees with the date too
    assert (
        second_look_number(
            _Reader("Nomor : 145/147/KEL/V/2024"),
            page,
            box,  # type: ignore[arg-type]
            "145/147/KEL/V/2024",
            "2024-01-09",
        )
        == "145/147/KEL/V/2024"
    )


def test_a_word_space_lost_in_the_purpose_comes_back_from_a_look_at_its_row() -> None:
    from tests.unit.test_classify import _page
    from workers.pipeline.extract.sktm import extract_sktm

    lines = _page(
        "SURAT KETERANGAN TIDAK MAMPU",
        "Nomor : 474/012/DS/I/2025",
        "Surat keterangan ini dibuat untuk keperluan persyaratanbantuan pangan (BPNT).",
        "Cibeunying, 2 Januari 2025",
    )
    page = np.full((400, 1400, 3), 255, np.uint8)
    reader = _Reader("Surat keterangan ini dibuat untuk keperluan persyaratan bantuan pangan (BPNT).")
    fields, _ = extract_sktm(lines)
    assert fields["purpose"].value == "PERSYARATANBANTUAN PANGAN (BPNT)"
    fields, _ = extract_sktm(lines, image=page, engine=reader)  # type: ignore[arg-type]
    assert fields["purpose"].value == "PERSYARATAN BANTUAN PANGAN (BPNT)"
    assert fields["letter_number"].value == "474/012/DS/I/2025"


def test_a_parenthesis_glued_to_the_word_before_it_gets_its_space() -> None:
    from tests.unit.test_classify import _page
    from workers.pipeline.extract.sktm import extract_sktm

    lines = _page("Surat keterangan ini dibuat untuk keperluan pengajuan program keluarga harapan(PKH).")
    assert extract_sktm(lines)[0]["purpose"].value == "PENGAJUAN PROGRAM KELUARGA HARAPAN (PKH)"
