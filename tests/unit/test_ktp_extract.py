"""KTP field extraction from OCR lines, without OCR: misread labels, split and merged lines, confusions."""

from __future__ import annotations

import pytest

from workers.pipeline.dates import parse_date
from workers.pipeline.extract.ktp import KtpExtractor, strip_stamp_words
from workers.pipeline.extract.layout import Value
from workers.pipeline.types import TextLine


def row(y: int, *parts: tuple[int, str], h: int = 24, conf: float = 0.98) -> list[TextLine]:
    return [TextLine(text, conf, (x, y, x + 12 * len(text), y + h)) for x, text in parts]


def card(**overrides: list[TextLine]) -> list[TextLine]:
    rows = {
        "province": row(10, (330, "PROVINSI JAWA BARAT"), h=30),
        "regency": row(50, (340, "KABUPATEN BANDUNG"), h=30),
        "nik": row(100, (20, "NIK"), (200, ": 3204123108900002"), h=34),
        "name": row(150, (20, "Nama"), (240, ": MUHAMMAD RIZKI")),
        "birth": row(185, (20, "Tempat/Tgl Lahir"), (240, ": BANDUNG, 31-08-1990")),
        "sex": row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI"), (500, "Gol. Darah : O")),
        "address": row(255, (20, "Alamat"), (240, ": JL. MERDEKA NO. 12")),
        "rt_rw": row(290, (60, "RT/RW"), (240, ": 003/007")),
        "village": row(325, (60, "Kel/Desa"), (240, ": CIBEUNYING")),
        "district": row(360, (60, "Kecamatan"), (240, ": CIMENYAN")),
        "religion": row(395, (20, "Agama"), (240, ": ISLAM")),
        "marital": row(430, (20, "Status Perkawinan"), (240, ": BELUM KAWIN")),
        "occupation": row(465, (20, "Pekerjaan"), (240, ": KARYAWAN SWASTA")),
        "nationality": row(500, (20, "Kewarganegaraan"), (240, ": WNI"), (760, "BANDUNG")),
        "valid": row(535, (20, "Berlaku Hingga"), (240, ": SEUMUR HIDUP"), (760, "12-05-2017")),
    }
    rows.update(overrides)
    return [line for lines in rows.values() for line in lines]


EXPECTED = {
    "nik": "3204123108900002",
    "name": "MUHAMMAD RIZKI",
    "birth_place": "BANDUNG",
    "birth_date": "1990-08-31",
    "sex": "LAKI-LAKI",
    "blood_type": "O",
    "address": "JL. MERDEKA NO. 12",
    "rt_rw": "003/007",
    "village": "CIBEUNYING",
    "district": "CIMENYAN",
    "religion": "ISLAM",
    "marital_status": "BELUM KAWIN",
    "occupation": "KARYAWAN SWASTA",
    "nationality": "WNI",
    "valid_until": "SEUMUR HIDUP",
    "province": "JAWA BARAT",
    "regency": "KABUPATEN BANDUNG",
}


@pytest.fixture(scope="module")
def extractor() -> KtpExtractor:
    return KtpExtractor()


def values(extractor: KtpExtractor, lines: list[TextLine]) -> dict[str, object]:
    return {k: f.value for k, f in extractor.extract(lines).items()}


def test_clean_card_reads_every_field(extractor: KtpExtractor) -> None:
    assert values(extractor, card()) == EXPECTED


def test_label_and_value_on_one_line_with_misread_labels(extractor: KtpExtractor) -> None:
    lines = card(
        village=row(325, (60, "KelDesa :: CIBEUNYlNG")),
        district=row(360, (60, "Kecamatan; CIMENYAN")),
        name=row(150, (20, "Nama:MUHAMMAD RIZKI")),
        religion=row(395, (20, "Agama"), (240, "ISLAM")),  # colon lost
        marital=row(430, (20, "Status Perkawlnan"), (240, ":"), (262, "BELUM KAWlN")),
    )
    got = values(extractor, lines)
    assert got["village"] == "CIBEUNYING"  # snapped to the official village under the NIK's district
    assert got["district"] == "CIMENYAN"
    assert got["name"] == "MUHAMMAD RIZKI"
    assert got["religion"] == "ISLAM"
    assert got["marital_status"] == "BELUM KAWIN"


def test_digit_confusions_in_nik_dates_and_rt_rw(extractor: KtpExtractor) -> None:
    lines = card(
        nik=row(100, (20, "NIK : 32O4l231O89OOOO2"), h=34),
        birth=row(185, (20, "Tempat/Tgl Lahir"), (240, ": BANDUNG, 3l-O8-199O")),
        rt_rw=row(290, (60, "RT/RW"), (240, ": 0031007")),
    )
    got = values(extractor, lines)
    assert got["nik"] == "3204123108900002"
    assert got["birth_date"] == "1990-08-31"
    assert got["birth_place"] == "BANDUNG"
    assert got["rt_rw"] == "003/007"


def test_blood_type_read_into_the_sex_line(extractor: KtpExtractor) -> None:
    got = values(extractor, card(sex=row(220, (20, "Jenis Kelamin"), (240, ": PEREMPUAN Gol.Darah: AB"))))
    assert got["sex"] == "PEREMPUAN"
    assert got["blood_type"] == "AB"


def test_value_stops_before_the_photo_column(extractor: KtpExtractor) -> None:
    got = values(extractor, card())
    assert got["nationality"] == "WNI"  # "BANDUNG" under the photo is not part of it
    assert got["valid_until"] == "SEUMUR HIDUP"


def test_jakarta_header_and_dated_validity(extractor: KtpExtractor) -> None:
    lines = card(
        province=row(10, (330, "PROVINSI DKI JAKARTA"), h=30),
        regency=row(50, (340, "JAKARTA SELATAN"), h=30),
        nik=row(100, (20, "NIK"), (200, ": 3174055508850003"), h=34),
        valid=row(535, (20, "Berlaku Hingga"), (240, ": 17-08-2021")),
    )
    got = values(extractor, lines)
    assert got["province"] == "DKI JAKARTA"
    assert got["regency"] == "JAKARTA SELATAN"
    assert got["valid_until"] == "2021-08-17"


def test_missing_blood_type_is_a_dash(extractor: KtpExtractor) -> None:
    got = values(extractor, card(sex=row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI"), (500, "Gol. Darah :"))))
    assert got["blood_type"] == "-"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31-08-1990", "1990-08-31"),
        ("O1.O2.2OOO", "2000-02-01"),
        ("31 - 08 - 1990", "1990-08-31"),
        ("31081990", "1990-08-31"),
        ("31-13-1990", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def shifted(lines: list[TextLine], dy: int, left_of: int = 200) -> list[TextLine]:
    """Move the value column (everything right of `left_of`) down by dy pixels, header included."""
    return [
        TextLine(t.text, t.confidence, (t.x0, t.y0 + dy, t.x1, t.y1 + dy)) if t.x0 >= left_of and t.y0 >= 90 else t
        for t in lines
    ]


@pytest.mark.parametrize("dy", [-16, -9, 9, 16])
def test_values_offset_half_a_row_from_their_labels(extractor: KtpExtractor, dy: int) -> None:
    assert values(extractor, shifted(card(), dy)) == EXPECTED


def test_unreadable_label_is_recovered_from_its_place_in_the_column(extractor: KtpExtractor) -> None:
    lines = card(
        rt_rw=row(
            290,
            (
                60,
                "虹来W",
            ),
            (240, ": 003/007"),
        ),
        sex=row(220, (20, "Jeres Kelamen"), (240, "LAK-LAKI"), (500, "Gol. Darah : O")),
        village=row(325, (60, "KoV/Desa"), (240, ": CIBEUNYING")),
    )
    assert values(extractor, lines) == EXPECTED


def test_a_label_line_carrying_its_value_does_not_shift_the_columns(extractor: KtpExtractor) -> None:
    lines = card(marital=row(430, (20, "Status Perkawinan :BELUM KAWIN")))
    assert values(extractor, lines) == EXPECTED


def drifted(lines: list[TextLine], per_row: float) -> list[TextLine]:
    """Values sink a little more on every row than their labels (an unevenly flattened card)."""
    out = []
    for t in lines:
        if t.x0 >= 200 and t.y0 >= 90:
            dy = round(10 + per_row * (t.y0 - 100) / 35)
            t = TextLine(t.text, t.confidence, (t.x0, t.y0 + dy, t.x1, t.y1 + dy))
        out.append(t)
    return out


def test_value_rows_drifting_away_from_their_labels(extractor: KtpExtractor) -> None:
    assert values(extractor, drifted(card(), 1.5)) == EXPECTED


def test_a_label_overlapping_its_value_and_a_caption_in_the_photo_column(extractor: KtpExtractor) -> None:
    lines = card(
        marital=row(430, (20, "Status Perkawinan"), (215, ":BELUM KAWIN")),
        religion=row(395, (20, "Agama"), (760, "KABUPATEN BANDUNG")),
    )
    got = values(extractor, lines)
    assert got["marital_status"] == "BELUM KAWIN"
    assert "religion" not in got  # the caption under the photo is not the religion


def test_unreadable_sex_comes_from_the_nik_and_a_mangled_wni_stays_wni(extractor: KtpExtractor) -> None:
    lines = card(
        sex=row(220, (20, "Jenis Kelamin"), (240, ": LAG-LAO"), (500, "Gol. Darah : O")),
        nationality=row(500, (20, "Kewarganegaraan"), (240, ": WHE")),
    )
    fields = extractor.extract(lines)
    assert fields["sex"].value == "LAKI-LAKI" and fields["sex"].confidence <= 0.5
    assert fields["nationality"].value == "WNI" and fields["nationality"].confidence < 0.8


def test_blood_type_digit_confusion_and_an_unread_dash(extractor: KtpExtractor) -> None:
    got = values(extractor, card(sex=row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI"), (500, "Gol. Darah : 8"))))
    assert got["blood_type"] == "B"
    # the dash lost, and an "O" read off the photo far to the right: the blood type is still "-"
    got = values(
        extractor, card(sex=row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI"), (500, "Gol. Darah :"), (900, "O")))
    )
    assert got["blood_type"] == "-"


@pytest.mark.parametrize(
    ("read", "address"),
    [
        ("JL. CIHAMPELAS NO, 23", "JL. CIHAMPELAS NO. 23"),
        ("JL. SURAPATI NO. 12 1C", "JL. SURAPATI NO. 121C"),
        ("GG. MONGINSIDINO. 6D", "GG. MONGINSIDI NO. 6D"),
        ("JL CIHAMPELAS NO 127", "JL CIHAMPELAS NO 127"),  # printed without dots: none are added
        ("JL DIMANA NO 100", "JL DIMANA NO 100"),
        ("JL. M.H THAMRIN NO. 19D", "JL. M.H THAMRIN NO. 19D"),
    ],
)
def test_address_repairs(read: str, address: str) -> None:
    assert KtpExtractor.normalise("address", read) == address


def test_a_wrapped_address_keeps_its_second_line(extractor: KtpExtractor) -> None:
    # the address runs onto a line of its own under the value column; the rows below it move down a pitch
    lines = [
        TextLine(t.text, t.confidence, (t.x0, t.y0 + 35, t.x1, t.y1 + 35)) if t.y0 > 260 else t
        for t in card(address=row(255, (20, "Alamat"), (240, ": JL. SETIAWAN KADIR GG. MAWAR")))
    ]
    lines += row(290, (252, "NO. 107"))
    got = values(extractor, lines)
    assert got["address"] == "JL. SETIAWAN KADIR GG. MAWAR NO. 107"
    assert got["rt_rw"] == "003/007"


def test_printed_text_is_never_deleted_or_respelled(extractor: KtpExtractor) -> None:
    got = values(
        extractor,
        card(
            occupation=row(465, (20, "Pekerjaan"), (240, ": PEGAWAI NEGERI SIPIL (PNS)")),
            birth=row(185, (20, "Tempat/Tgl Lahir"), (240, ": PADANGPANJANG, 31-08-1990")),
        ),
    )
    assert got["occupation"] == "PEGAWAI NEGERI SIPIL (PNS)"
    assert got["birth_place"] == "PADANGPANJANG"  # a valid spelling of PADANG PANJANG, kept as printed
    got = values(extractor, card(occupation=row(465, (20, "Pekerjaan"), (240, ": PEGAWAl NEGERI SlPIL"))))
    assert got["occupation"] == "PEGAWAI NEGERI SIPIL"  # letters are still mended


def test_an_occupation_is_never_cut_to_a_shorter_list_entry(extractor: KtpExtractor) -> None:
    got = values(extractor, card(occupation=row(465, (20, "Pekerjaan"), (240, ": BURUH NELAYAN/PERIKANAN"))))
    assert got["occupation"] == "BURUH NELAYAN/PERIKANAN"
    got = values(extractor, card(occupation=row(465, (20, "Pekerjaan"), (240, ": TUKANG LAS/PANDAl BESI"))))
    assert got["occupation"] == "TUKANG LAS/PANDAI BESI"


def below_but_the_nik(lines: list[TextLine], dy: int) -> list[TextLine]:
    """Every value but the NIK printed `dy` lower than its label (a misprint: the NIK line stays level)."""
    return [
        TextLine(t.text, t.confidence, (t.x0, t.y0 + dy, t.x1, t.y1 + dy)) if t.x0 >= 200 and t.y0 >= 140 else t
        for t in lines
    ]


@pytest.mark.parametrize("dy", [17, 18, -17])
def test_values_half_a_row_off_while_the_nik_stays_level(extractor: KtpExtractor, dy: int) -> None:
    # half of the 35 px row pitch: each value is as near the next label as its own; only the order tells
    assert values(extractor, below_but_the_nik(card(), dy)) == EXPECTED


def test_the_issue_place_and_date_under_the_photo_are_no_values(extractor: KtpExtractor) -> None:
    lines = card(
        # centred under the photo, close enough to the values for their gap to look like a word space
        marital=row(430, (20, "Status Perkawinan"), (240, ": BELUM KAWIN"), (430, "KABUPATEN BANDUNG")),
        occupation=row(465, (20, "Pekerjaan"), (240, ": KARYAWAN SWASTA"), (472, "12-05-2017")),
        nationality=row(500, (20, "Kewarganegaraan"), (240, ": WNI")),
        valid=row(535, (20, "Berlaku Hingga"), (240, ": SEUMUR HIDUP")),
    )
    assert values(extractor, lines) == EXPECTED


def test_a_caption_read_into_the_value_box_is_cut_off(extractor: KtpExtractor) -> None:
    lines = card(
        occupation=row(465, (20, "Pekerjaan"), (240, ": GURU 12-05-2017")),
        religion=row(395, (20, "Agama"), (240, ": ISLAM KABUPATEN BANDUNG")),
    )
    got = values(extractor, lines)
    assert (got["occupation"], got["religion"]) == ("GURU", "ISLAM")
    # an occupation that names a regency level is no caption
    lines = card(occupation=row(465, (20, "Pekerjaan"), (240, ": ANGGOTA DPRD KABUPATEN/KOTA")))
    assert values(extractor, lines)["occupation"] == "ANGGOTA DPRD KABUPATEN/KOTA"


def test_a_stamp_word_after_a_listed_value(extractor: KtpExtractor) -> None:
    lines = card(marital=row(430, (20, "Status Perkawinan"), (240, ": KAWIN VERIFIKASI")))
    assert values(extractor, lines)["marital_status"] == "KAWIN"


def test_rows_without_a_detected_value_are_named_for_a_second_look(extractor: KtpExtractor) -> None:
    lines = card(birth=row(185, (20, "Tempat/Tgl Lahir")), sex=row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI")))
    rows = dict(extractor.empty_rows(lines))
    assert set(rows) == {"birth", "blood_type"}
    x0, y0, x1, y1 = rows["birth"]
    assert x0 <= 240 < x1 and y0 < 185 + 12 < y1 and y1 <= 220  # the birth row's band, not the sex row's
    assert rows["blood_type"][0] > 240 + 12 * len(": LAKI-LAKI")  # right of the sex value
    assert extractor.plausible("blood_type", "Gol.Daran:o", 0.9)
    assert not extractor.plausible("blood_type", "ANG BARAT", 0.9)
    assert extractor.plausible("blood_type", "o", 0.54) and not extractor.plausible("blood_type", "-", 0.9)
    assert not extractor.plausible("birth", "KARIMUN, 11-03-1959", 0.6)
    assert extractor.empty_rows(card()) == []


def test_a_header_line_taken_for_the_name_is_unsure(extractor: KtpExtractor) -> None:
    lines = card(name=row(150, (20, "Nama"), (240, ": KABUPATEN BANDUNG")))
    assert extractor.extract(lines)["name"].confidence < 0.5  # never sure enough to reject a citizen on


def test_a_birth_date_pushed_onto_its_own_line_by_a_long_place(extractor: KtpExtractor) -> None:
    lines = card(
        birth=row(185, (20, "Tempat/Tgl Lahir"), (240, ": PENUKAL ABAB LEMATANG ILIR,"))
        + row(208, (260, "31-08-1990"), h=20),
        sex=row(232, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI"), (500, "Gol. Darah : O")),
    )
    got = values(extractor, lines)
    assert (got["birth_place"], got["birth_date"]) == ("PENUKAL ABAB LEMATANG ILIR", "1990-08-31")


def test_a_caption_date_after_a_region_is_cut_off(extractor: KtpExtractor) -> None:
    lines = card(district=row(360, (60, "Kecamatan"), (240, ": CIMENYAN 12-05-2017")))
    assert values(extractor, lines)["district"] == "CIMENYAN"


@pytest.mark.parametrize(
    "sex_row",
    [
        # the blood type's label blurred past recognition, a separate line on the sex row
        row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI"), (500, "Oel Deran: O")),
        # the same read as one line with the sex
        [
            TextLine("Jenis Kelamin", 0.98, (20, 220, 176, 244)),
            TextLine(": LAKHLAKI Oel Deran: O", 0.7, (240, 220, 700, 244)),
        ],
    ],
)
def test_a_blurred_blood_type_label_still_gives_the_group(extractor: KtpExtractor, sex_row: list[TextLine]) -> None:
    got = values(extractor, card(sex=sex_row))
    assert (got["sex"], got["blood_type"]) == ("LAKI-LAKI", "O")


def test_an_address_paired_with_the_rt_rw_row_is_split_off(extractor: KtpExtractor) -> None:
    got = values(
        extractor,
        card(address=row(255, (20, "Alamat")), rt_rw=row(290, (60, "RT/RW"), (240, ": DUSUN TUMPAN DUA 003/007"))),
    )
    assert (got["address"], got["rt_rw"]) == ("DUSUN TUMPAN DUA", "003/007")


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        # a dot is never added, even where the card dots its other abbreviations: cards mix styles (`JL. X NO 5`)
        ("JL PURI INDAH NO. 8", "JL PURI INDAH NO. 8"),
        ("JL DIMANA NO 100", "JL DIMANA NO 100"),
        ("IL DAHLIA NO 149", "JL DAHLIA NO 149"),  # the J of JL read as I
        ("GG. KH AMIN JASUTA NO. 6", "GG. KH AMIN JASUTA NO. 6"),
        ("LORONG SAM RATULANGI ND 22", "LORONG SAM RATULANGI NO 22"),  # the O of NO read as D
        ("JL PERINTIS KEMERDEKAAN NO5", "JL PERINTIS KEMERDEKAAN NO 5"),  # a lost space
        ("JLBUDI UTOMO NO 64", "JL BUDI UTOMO NO 64"),  # no word starts with JL or GG
        ("JL TEUKU UMAR GGDEWI SARTIKA", "JL TEUKU UMAR GG DEWI SARTIKA"),
        ("JLN. MAWAR NO 3", "JLN. MAWAR NO 3"),  # JLN is JL spelled out more
        ("KP.GEMBYANG", "KP. GEMBYANG"),
        ("PERUM KORPRI BLOK A11NO. 36", "PERUM KORPRI BLOK A11 NO. 36"),
        ("JLNUSANTARA 5", "JLNUSANTARA 5"),  # a name that starts with N is left as read (JLN)
    ],
)
def test_address_letters_are_repaired_and_punctuation_kept_as_read(read: str, printed: str) -> None:
    assert KtpExtractor._address(read) == printed


def test_digits_run_together_are_no_date() -> None:
    assert parse_date("7072-10-04".replace("-", "")) is None
    assert parse_date("04-10-7072") is None
    assert parse_date("04-10-1972") == "1972-10-04"


def test_a_second_look_that_read_the_labels_tail_keeps_only_the_group() -> None:
    assert KtpExtractor._blood(Value("ah : 0", 0.8, None)).value == "O"
    assert KtpExtractor._blood(Value("rah : AB", 0.8, None)).value == "AB"


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("015/006 VERIFIKASI", "015/006"),
        ("VERIFTIMBANGAN", "TIMBANGAN"),
        ("SEUMUR HIDUPVERIFIKASI", "SEUMUR HIDUP"),
        ("SPESIMEN JL MAWAR", "JL MAWAR"),
        ("JL. SALINA NO. 5", "JL. SALINA NO. 5"),
        ("SPESIALIS", "SPESIALIS"),
        ("VERONIKA", "VERONIKA"),
    ],
)
def test_a_stamps_word_read_into_a_value_goes(read: str, printed: str) -> None:
    assert strip_stamp_words(read) == printed


def test_the_photo_caption_read_after_a_value_is_cut_off(extractor: KtpExtractor) -> None:
    occupation = row(465, (20, "Pekerjaan"), (240, ": MENGURUS RUMAH TANGGA KABUPATEN BANDUNG"))
    got = values(extractor, card(occupation=occupation))
    assert got["occupation"] == "MENGURUS RUMAH TANGGA"


def test_a_wrapped_address_line_of_values_printed_half_a_row_low_is_kept(extractor: KtpExtractor) -> None:
    """Values half a row below their labels: the address's second line stands just above the RT/RW label
    (within half a line of it), above the RT/RW value; it is the address's, not cut off by the label's row."""
    lines = [
        t
        for key, rows in {
            "nik": row(100, (20, "NIK"), (200, ": 3204123108900002"), h=34),
            "name": row(150, (20, "Nama")) + row(167, (240, "MUHAMMAD RIZKI")),
            "birth": row(185, (20, "Tempat/Tgl Lahir")) + row(202, (240, "BANDUNG, 31-08-1990")),
            "sex": row(220, (20, "Jenis Kelamin")) + row(237, (240, "LAKI-LAKI")),
            "address": row(255, (20, "Alamat")) + row(272, (240, "JL. MERDEKA")) + row(310, (240, "NO. 12")),
            "rt_rw": row(320, (60, "RT/RW")) + row(337, (240, "003/007")),
            "village": row(355, (60, "Kel/Desa")) + row(372, (240, "CIBEUNYING")),
            "district": row(390, (60, "Kecamatan")) + row(407, (240, "CIMENYAN")),
            "religion": row(425, (20, "Agama")) + row(442, (240, "ISLAM")),
        }.items()
        for t in rows
    ]
    got = values(extractor, lines)
    assert (got["address"], got["rt_rw"]) == ("JL. MERDEKA NO. 12", "003/007")


def test_the_blood_types_label_read_into_a_value_goes(extractor: KtpExtractor) -> None:
    got = values(
        extractor,
        card(
            sex=row(220, (20, "Jenis Kelamin"), (240, ": LAKI-LAKI")),
            address=row(255, (20, "Alamat"), (240, ": JL. MERDEKA NO. 12Gol. Darah : O")),
        ),
    )
    assert got["address"] == "JL. MERDEKA NO. 12"
