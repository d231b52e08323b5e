"""MRZ check digits, parsing and the position-aware repair (workers.pipeline.mrz), on the ICAO 9303
specimens and on zones composed here."""

from __future__ import annotations

from datetime import date

import pytest

from workers.pipeline import mrz

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]


@pytest.mark.parametrize(
    ("text", "digit"),
    [
        ("L898902C3", "6"),
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("D23145890", "7"),
        ("<<<<<<", "0"),
    ],
)
def test_check_digit_of_the_specimen_fields(text: str, digit: str) -> None:
    assert mrz.check_digit(text) == digit


@pytest.mark.parametrize(("lines", "fmt"), [(TD3, "TD3"), (TD1, "TD1"), (TD2, "TD2")])
def test_the_icao_specimens_are_valid(lines: list[str], fmt: str) -> None:
    m = mrz.parse(lines)
    assert m is not None and m.format == fmt and m.valid, m
    assert m.fields["surname"] == "ERIKSSON" and m.fields["given_names"] == "ANNA MARIA"
    assert m.fields["birth_date"] == "1974-08-12" and m.fields["expiry_date"] == "2012-04-15"
    assert m.fields["sex"] == "F" and m.fields["issuing_country"] == "UTO"
    assert m.repaired == []


def test_td3_fields() -> None:
    m = mrz.parse(TD3)
    assert m is not None
    assert m.fields["document_number"] == "L898902C3"
    assert m.fields["personal_number"] == "ZE184226B"
    assert m.fields["nationality"] == "UTO"


def test_a_wrong_digit_fails_its_check_and_the_composite() -> None:
    bad = [TD3[0], TD3[1][:14] + "5" + TD3[1][15:]]  # birth date 740512 instead of 740812
    m = mrz.parse(bad)
    assert m is not None and not m.valid
    assert m.checks["birth_date"] is False and m.checks["composite"] is False
    assert m.checks["document_number"] is True


def test_letters_in_digit_positions_are_repaired() -> None:
    ocr = [TD3[0], "L898902C36UTO74O8I22F12O4159ZE184226B<<<<<1O"]
    m = mrz.parse(ocr)
    assert m is not None and m.valid, m
    assert m.lines == TD3
    assert m.fields["birth_date"] == "1974-08-12"


def test_digits_in_letter_positions_are_repaired() -> None:
    ocr = ["P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<", "L898902C36UT07408122F1204159ZE184226B<<<<<10"]
    m = mrz.parse(ocr)
    assert m is not None and m.valid
    assert m.fields["surname"] == "ERIKSSON" and m.fields["given_names"] == "ANNA MARIA"
    assert m.fields["nationality"] == "UTO" and m.fields["issuing_country"] == "UTO"


def test_fillers_read_as_k_are_repaired_but_a_k_in_a_name_is_kept() -> None:
    lines = mrz.compose_td3("P", "IDN", "KARTIKA", "ERIK", "K1234567", "IDN", date(1990, 1, 2), "M", date(2030, 5, 6))
    ocr = [lines[0].replace("<<<<<", "<KK<<", 1), lines[1][:30] + "KKKK" + lines[1][34:]]
    m = mrz.parse(ocr)
    assert m is not None and m.valid, m
    assert m.fields["surname"] == "KARTIKA" and m.fields["given_names"] == "ERIK"
    assert m.fields["document_number"] == "K1234567"


def test_a_mixed_field_is_only_changed_when_its_check_digit_then_passes() -> None:
    lines = mrz.compose_td3("P", "IDN", "SANTOSO", "BUDI", "B0123456", "IDN", date(1985, 3, 4), "M", date(2031, 7, 8))
    ocr = [lines[0], "8" + lines[1][1:]]  # B read as 8 in the document number
    m = mrz.parse(ocr)
    assert m is not None and m.valid and m.fields["document_number"] == "B0123456"
    # a wrong character that is not one of the listed confusions stays wrong and fails
    ocr = [lines[0], "X" + lines[1][1:]]
    m = mrz.parse(ocr)
    assert m is not None and not m.valid and m.checks["document_number"] is False
    assert m.fields["document_number"] == "X0123456"


def test_a_miscounted_filler_run_is_resized() -> None:
    ocr = [TD3[0][:-3], TD3[1][:37] + TD3[1][39:]]  # two fillers lost in each line
    m = mrz.parse(ocr)
    assert m is not None and m.valid and m.lines == TD3


def test_composed_td3_and_td1_validate() -> None:
    td3 = mrz.compose_td3("P", "IDN", "WIJAYA", "ANDI", "C7654321", "IDN", date(2001, 12, 31), "F", date(2029, 2, 28))
    td1 = mrz.compose_td1("I", "IDN", "WIJAYA", "ANDI", "A12345678", "IDN", date(2001, 12, 31), "F", date(2029, 2, 28))
    assert [len(x) for x in td3] == [44, 44] and [len(x) for x in td1] == [30, 30, 30]
    for lines in (td3, td1):
        m = mrz.parse(lines)
        assert m is not None and m.valid, (lines, m)
        assert m.fields["birth_date"] == "2001-12-31" and m.fields["expiry_date"] == "2029-02-28"


def test_composed_td2_is_the_icao_specimen() -> None:
    lines = mrz.compose_td2(
        "I", "UTO", "ERIKSSON", "ANNA MARIA", "D23145890", "UTO", date(1974, 8, 12), "F", date(2012, 4, 15)
    )
    assert lines == TD2


def test_a_composed_td2_cuts_a_long_name_at_31_and_validates() -> None:
    lines = mrz.compose_td2(
        "IT",
        "IDN",
        "SETIAWATI",
        "MUHAMMAD RIZKI PRATAMA NUGRAHA",
        "H12345678",
        "MYS",
        date(1988, 2, 29),
        "M",
        date(2031, 1, 31),
        optional="AB12",
    )
    assert [len(x) for x in lines] == [36, 36]
    assert lines[0] == "ITIDNSETIAWATI<<MUHAMMAD<RIZKI<PRATA"
    m = mrz.parse(lines)
    assert m is not None and m.format == "TD2" and m.valid, m
    assert m.fields["surname"] == "SETIAWATI" and m.fields["given_names"] == "MUHAMMAD RIZKI PRATA"
    assert m.fields["personal_number"] == "AB12" and m.fields["nationality"] == "MYS"
    # the composite covers the optional data: change it and only the composite fails
    bad = mrz.parse([lines[0], lines[1][:28] + "AB13" + lines[1][32:]])
    assert bad is not None and bad.checks == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "composite": False,
    }


def test_not_an_mrz() -> None:
    assert mrz.parse(["PROVINSI JAWA BARAT", "KABUPATEN BANDUNG"]) is None
    assert mrz.parse([]) is None
