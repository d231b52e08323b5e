"""SKTM letters of other offices' layouts (workers.pipeline.extract.sktm): kop lines, number forms, labels
that begin like the subject's, addresses wrapped over several lines, blank and half-filled forms.
All from hand-made OCR lines: no engine, no renderer."""

from __future__ import annotations

import pytest

from workers.pipeline.extract.sktm import (
    _blank_number,
    _parse_number,
    extract_sktm,
    is_blank_value,
    kop_issuer,
    signer_issuer,
    subject_label,
)
from workers.pipeline.types import TextLine


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("DESA SUKAMAJU", ("DESA", "SUKAMAJU")),
        ("KELURAHAN KAMPAI TABU KARAMBIA", ("KELURAHAN", "KAMPAI TABU KARAMBIA")),
        ("KANTOR KEPALA DESA WAY HAWANG", ("DESA", "WAY HAWANG")),
        ("PEMERINTAH DESA CIBODAS", ("DESA", "CIBODAS")),
        ("KANTOR LURAH PEMATANG", ("KELURAHAN", "PEMATANG")),
        ("Kantor Kelurahan Mekarsari", ("KELURAHAN", "MEKARSARI")),
        ("DESA JATIWANGI KECAMATAN CIKIJING", ("DESA", "JATIWANGI")),
        ("Alamat: Jalan Desa No. 82 Kode Pos 57417", None),  # the kop's street, not the office
        ("KECAMATAN LUBUK SIKARAH", None),
        ("PEMERINTAH KABUPATEN CIANJUR", None),
    ],
)
def test_the_kop_names_the_office_whatever_words_stand_before_it(text: str, want: tuple[str, str] | None) -> None:
    assert kop_issuer(text) == want


def test_the_signers_title_names_the_office_when_no_kop_is_read() -> None:
    assert signer_issuer("Yang bertanda tangan di bawah ini Kepala Desa Sukamaju, Kecamatan Cibeber") == (
        "DESA",
        "SUKAMAJU",
    )
    assert signer_issuer("Lurah Kampai Tabu Karambia") == ("KELURAHAN", "KAMPAI TABU KARAMBIA")
    assert signer_issuer("Orang tersebut di atas adalah benar warga") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Nomor : 474/012/SKTM/V/2025", "474/012/SKTM/V/2025"),
        ("No. 401/015/SKTM/V/2026", "401/015/SKTM/V/2026"),
        ("Nomor: 145/ 27 /Kel.ABC/2026", "145/27/Kel.ABC/2026"),
        ("NOMOR : 470 / 88 / 2025", "470/88/2025"),
        ("N0MOR : 470/88/2025", "470/88/2025"),
        ("No. 82 Kode Pos 57417", None),  # an address's house number: no slash, no `Nomor`
        ("Nomor : ........../........../2026", None),
    ],
)
def test_letter_numbers_in_other_layouts(text: str, want: str | None) -> None:
    assert _parse_number(text) == want


def test_a_number_left_blank_is_known_as_blank_even_with_its_dots_unread() -> None:
    assert _blank_number("Nomor : ........../........../2026")
    assert _blank_number("NOMOR : //2024") and _blank_number("Nomor : / /2025")
    assert not _blank_number("Nomor : 470/88/2025")


def test_a_longer_label_is_never_taken_for_the_subjects_own() -> None:
    found = subject_label("Nama Ayah :")
    assert found is not None and found[0].key == "other"
    found = subject_label("Nama Ibu : SITI AMINAH")
    assert found is not None and found[0].key == "other"
    found = subject_label("Nama : BUDI SANTOSO")
    assert found is not None and (found[0].key, found[1]) == ("name", "BUDI SANTOSO")
    found = subject_label("Nama Lengkap : BUDI SANTOSO")
    assert found is not None and (found[0].key, found[1]) == ("name", "BUDI SANTOSO")
    found = subject_label("Tempat Tinggal : JL. MAWAR NO. 3")
    assert found is not None and (found[0].key, found[1]) == ("address", "JL. MAWAR NO. 3")
    assert is_blank_value("") and is_blank_value("..........") and is_blank_value("Ayah :")
    assert not is_blank_value("AYAHANDA PUTRA")


def _line(text: str, x0: int, y: int, width: int | None = None, h: int = 24) -> TextLine:
    return TextLine(text, 0.95, (x0, y, x0 + (width or 13 * len(text)), y + h))


def _letter(
    subject: list[tuple[str, str | list[str]]],
    number: str = "Nomor : 474/012/SKTM/V/2025",
    kop: str = "KANTOR KEPALA DESA SUKAMAJU",
) -> list[TextLine]:
    """The OCR lines of a letter: kop, title, number, the subject block (label, colon and value as
    separate boxes; a list value wraps under its value column), the purpose and the date line."""
    lines = [
        _line("PEMERINTAH KABUPATEN CIANJUR", 400, 100),
        _line("KECAMATAN CIBEBER", 450, 140),
        _line(kop, 380, 185, h=30),
        _line("Alamat: Jalan Raya No. 5 Kode Pos 43262", 420, 230, h=18),
        _line("SURAT KETERANGAN TIDAK MAMPU", 420, 330, h=28),
        _line(number, 480, 370),
        _line("Yang bertanda tangan di bawah ini Kepala Desa Sukamaju, menerangkan bahwa:", 120, 430),
    ]
    y = 490
    for label, value in subject:
        lines += [_line(label, 170, y), _line(":", 440, y, 8)]
        values = value if isinstance(value, list) else [value]
        for k, part in enumerate(values):
            if part:
                lines.append(_line(part, 460, y + 40 * k))
        y += 40 * max(1, len(values))
    lines += [
        _line("Orang tersebut di atas adalah benar warga Desa Sukamaju dan tergolong keluarga", 120, y + 20),
        _line("tidak mampu. Surat ini dibuat untuk keperluan pengajuan bantuan bedah rumah.", 120, y + 60),
        _line("Sukamaju, 12 Mei 2025", 700, y + 160),
    ]
    return lines


def test_an_address_wrapped_over_three_lines_is_kept_whole() -> None:
    lines = _letter(
        [
            ("Nama", "SITI AMINAH"),
            ("NIK", "3203014508900002"),
            ("Jenis Kelamin", "PEREMPUAN"),
            ("Alamat", ["JL. MAWAR NO. 3 RT 004/RW 009 DESA", "SUKAMAJU KECAMATAN CIBEBER", "KABUPATEN CIANJUR"]),
            ("Nama Ayah", "AHMAD"),
            ("Nama Ibu", "SITI"),
        ]
    )
    fields, _ = extract_sktm(lines)
    assert (
        fields["subject_address"].value
        == "JL. MAWAR NO. 3 RT 004/RW 009 DESA SUKAMAJU KECAMATAN CIBEBER KABUPATEN CIANJUR"
    )
    assert fields["subject_name"].value == "SITI AMINAH"
    assert fields["issuer"].value == "DESA SUKAMAJU"
    assert fields["letter_number"].value == "474/012/SKTM/V/2025"
    assert fields["issue_date"].value == "2025-05-12"


def test_a_blank_form_gives_no_values_and_never_its_label_text() -> None:
    lines = _letter(
        [("Nama", ""), ("Nama Ayah", ""), ("NIK", "........................"), ("Alamat", ""), ("Pekerjaan", "")],
        number="Nomor : //2025",
    )
    fields, reasons = extract_sktm(lines)
    for key in ("subject_name", "subject_nik", "subject_address", "letter_number"):
        assert key not in fields, (key, fields.get(key))
    assert {r.field for r in reasons if r.code == "FIELD_MISSING"} >= {"subject_name", "letter_number"}
    assert fields["issuer"].value == "DESA SUKAMAJU"  # the kop is printed on every form


def test_a_half_filled_form_keeps_what_was_written() -> None:
    lines = _letter([("Nama", "BUDI SANTOSO"), ("NIK", "3203011203850003"), ("Alamat", "")])
    fields, _ = extract_sktm(lines)
    assert fields["subject_name"].value == "BUDI SANTOSO" and fields["subject_nik"].value == "3203011203850003"
    assert "subject_address" not in fields


def test_a_number_row_that_also_holds_the_date_or_an_attachment() -> None:
    assert _parse_number("Nomor : 470/88/2025    Cibeber, 12 Mei 2025") == "470/88/2025"
    assert _parse_number("Nomor : 145/ 27 /Kel.ABC/2026 Lampiran : -") == "145/27/Kel.ABC/2026"
    assert _parse_number("Nomer : 474/012/SKTM/V/2025") == "474/012/SKTM/V/2025"
    assert _parse_number("Nomor : 12345") == "12345"


def test_a_kop_on_one_line_names_the_office_last() -> None:
    assert kop_issuer("PEMERINTAH KOTA BANDUNG KECAMATAN CIBEUNYING KELURAHAN SUKAPADA") == ("KELURAHAN", "SUKAPADA")
    assert kop_issuer("Alamat: Kantor Desa Sukamaju") is None


def test_a_purpose_left_blank_is_no_purpose_even_with_its_dots_unread() -> None:
    lines = _letter([("Nama", "BUDI SANTOSO"), ("NIK", "3203011203850003")])
    lines = [t for t in lines if "keperluan" not in t.text] + [
        _line("tidak mampu. Surat ini dibuat untuk keperluan .", 120, 900),
        _line("Demikian surat keterangan ini dibuat dengan sebenarnya.", 120, 940),
    ]
    fields, _ = extract_sktm(lines)
    assert "purpose" not in fields
    fields, _ = extract_sktm(_letter([("Nama", "BUDI SANTOSO")]))
    assert fields["purpose"].value == "PENGAJUAN BANTUAN BEDAH RUMAH"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Surat keterangan ini berlaku sampai dengan 24-06-2024.", "2024-06-24"),
        ("Cibeber, 03/01/2025", "2025-01-03"),
        ("Pada tanggal : 7.4.2024", "2024-04-07"),
        ("Cibeber, 12 Mei 2025", "2025-05-12"),
        ("Nomor : 474/12/2024", None),  # a letter number, not a date
        ("berlaku 31-02-2024", None),  # no such day
    ],
)
def test_dates_printed_with_numbers_or_month_names(text: str, want: str | None) -> None:
    from workers.pipeline.dates import parse_written_date as parse_date

    assert parse_date(text) == want


def test_a_letter_dated_in_a_dikeluarkan_di_pada_tanggal_block() -> None:
    """`Dikeluarkan di : X` over `Pada tanggal : 28 Oktober 2024`, no `<place>, <date>` row; the subject's
    birth row (`GARUT, 30 Juli 1972`) is never the letter's date, nor is the valid-until date."""
    lines = _letter(
        [("Nama", "BUDI SANTOSO"), ("NIK", "3203011203850003"), ("Tempat/Tgl Lahir", "GARUT, 30 Juli 1972")]
    )
    lines = [t for t in lines if not t.text.startswith("Sukamaju,")]
    lines += [
        _line("Surat keterangan ini berlaku sampai dengan 26-04-2025.", 120, 860),
        _line("Dikeluarkan di : Sukamaju", 700, 1000),
        _line("Pada tanggal  : 28-10-2024", 700, 1040),
        _line("Kepala Desa Sukamaju,", 700, 1080),
    ]
    fields, _ = extract_sktm(lines)
    assert fields["issue_date"].value == "2024-10-28"
    assert fields["valid_until"].value == "2025-04-26"


def test_without_a_date_line_the_birth_row_is_no_issue_date() -> None:
    lines = _letter([("Nama", "BUDI SANTOSO"), ("Tempat/Tgl Lahir", "GARUT, 30 Juli 1972")])
    lines = [t for t in lines if not t.text.startswith("Sukamaju,")]
    fields, _ = extract_sktm(lines)
    assert "issue_date" not in fields


@pytest.mark.parametrize(
    ("printed", "read", "want"),
    [
        # RT/RW as the letter prints it: the contract gives it no normal form
        ("RT.016/RW.001", "JL. SUDIRMAN NO. 61 RT.016/RW.001 DESA WONOKERSO", None),
        ("RT. 19 RW. 15", "GG. HARAPAN NO. 86 RT. 19 RW. 15 KELURAHAN GUNUNGTINGGI", None),
        ("RT 10 / RW 07", "GG. SUDIRMAN NO. 138 RT 10 / RW 07 DESA LOKSADO", None),
        ("RT 004/RW 012", "DUSUN BATU AMPAR RT 004/RW 012 DESA KOPAIDAGI", None),
        # spaces a read lost at a wrap or a comma for a dot, put back
        (
            "RT.002/RW.003",
            "JI. SAWO NO. 107RT.002/RW,003DESA LOLOMOYOKECAMATANGUNUNGSITOLI UTARA",
            "JL. SAWO NO. 107 RT.002/RW.003 DESA LOLOMOYO KECAMATAN GUNUNGSITOLI UTARA",
        ),
        (
            "RT 004/RW 012",
            "DUSUN BATU AMPARRT004/RW 012DESA KOPAIDAGI",
            "DUSUN BATU AMPAR RT 004/RW 012 DESA KOPAIDAGI",
        ),
    ],
)
def test_the_address_keeps_its_printed_rt_rw(printed: str, read: str, want: str | None) -> None:
    from workers.pipeline.extract.sktm import normalise_address

    got = normalise_address(read)
    assert got == (want or read)
    assert printed in got


def test_a_purpose_printed_as_a_keperluan_row_of_the_subject_block() -> None:
    """`Keperluan : PERSYARATAN MASUK SEKOLAH` among the subject's rows, no "untuk keperluan" sentence: the
    row's value is the purpose, not the paragraph that follows it."""
    lines = _letter(
        [("Nama", "BUDI SANTOSO"), ("NIK", "3203011203850003"), ("Keperluan", ["PERSYARATAN MASUK", "SEKOLAH"])]
    )
    lines = [t for t in lines if "keperluan" not in t.text]
    lines.append(_line("Berdasarkan keterangan Ketua RT/RW setempat, orang tersebut benar warga kami.", 120, 800))
    fields, _ = extract_sktm(lines)
    assert fields["purpose"].value == "PERSYARATAN MASUK SEKOLAH"
    assert fields["subject_name"].value == "BUDI SANTOSO"


def test_a_month_name_with_its_i_read_as_l() -> None:
    from workers.pipeline.dates import parse_written_date as parse_date

    assert parse_date("Wonokerso, 25 MEl 2024") == "2024-05-25"
    assert parse_date("Bandung, 3 Juli 2024") == "2024-07-03"


def test_an_address_wrapped_over_four_lines_is_kept_whole() -> None:
    lines = _letter(
        [
            ("Nama", "SITI AMINAH"),
            ("NIK", "3203014508900002"),
            (
                "Alamat",
                [
                    "PERUM DIPONEGORO RESIDENCE BLOK E4 NO. 17",
                    "RT. 16 RW. 10 DESA WARBOR",
                    "KECAMATAN SUPIORI UTARA KABUPATEN",
                    "SUPIORI",
                ],
            ),
            ("Pekerjaan", "PETANI"),
        ]
    )
    fields, _ = extract_sktm(lines)
    assert fields["subject_address"].value == (
        "PERUM DIPONEGORO RESIDENCE BLOK E4 NO. 17 RT. 16 RW. 10 DESA WARBOR KECAMATAN SUPIORI UTARA KABUPATEN SUPIORI"
    )
