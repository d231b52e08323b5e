from __future__ import annotations

from tests.unit.test_ktp_extract import card, row
from workers.pipeline.classify import classify, ktp_reading
from workers.pipeline.types import TextLine


def upside_down(lines: list[TextLine], height: int = 631, width: int = 1000) -> list[TextLine]:
    return [TextLine(t.text, t.confidence, (width - t.x1, height - t.y1, width - t.x0, height - t.y0)) for t in lines]


def test_label_order_tells_upright_from_upside_down() -> None:
    assert ktp_reading(card()).order == 1.0
    assert ktp_reading(upside_down(card())).order == -1.0
    assert classify(card())[0] == "ktp"
    assert classify(upside_down(card()))[0] == "unknown"


def test_a_card_blurred_past_its_labels_is_still_a_ktp_by_header_and_nik() -> None:
    lines = [
        *row(10, (330, "PROVINSI DKI JAKARTA")),
        *row(100, (20, "Nlk"), (200, "3172060307545323")),
        *row(150, (20, "Nma"), (240, "ARTASAATA")),
    ]
    assert classify(lines)[0] == "ktp"
    assert classify(row(10, (20, "Surat Keterangan Tidak Mampu")))[0] == "unknown"


# ------------------------------------------------------------------------------- classify_page: every type


def _page(*texts: str, x: int = 60, step: int = 40) -> list[TextLine]:
    return [line for i, text in enumerate(texts) for line in row(40 + i * step, (x, text))]


def test_a_ktp_is_a_ktp_and_names_no_other_type() -> None:
    from workers.pipeline.classify import classify_page, other_type_hint

    assert classify_page(card()).type == "ktp"
    assert not other_type_hint(card())


def test_two_mrz_rows_make_a_passport() -> None:
    from workers.pipeline.classify import classify_page, other_type_hint

    lines = _page(
        "REPUBLIK INDONESIA",
        "Nama Lengkap / Full Name",
        "GILDA KUSWANDARI",
        "P<IDNKUSWANDARI<<GILDA<<<<<<<<<<<<<<<<<<<<<<",
        "X0717880<0IDN5005181F3407080<<<<<<<<<<<<<<<2",
    )
    assert other_type_hint(lines)
    found = classify_page(lines)
    assert found.type == "passport" and found.confidence >= 0.9


def test_a_kk_by_its_title_and_headers_although_it_carries_ktp_labels() -> None:
    from workers.pipeline.classify import classify_page

    lines = [
        *_page("KARTU KELUARGA", "No. 3204120101200003", "Nama Kepala Keluarga : BUDI"),
        *row(
            300,
            (40, "Nama Lengkap"),
            (300, "NIK"),
            (500, "Jenis Kelamin"),
            (700, "Agama"),
            (900, "Pendidikan"),
            (1100, "Jenis Pekerjaan"),
        ),
    ]
    assert classify_page(lines).type == "kk"


def test_an_sktm_letter_although_its_subject_block_has_ktp_labels() -> None:
    from workers.pipeline.classify import classify_page

    lines = _page(
        "PEMERINTAH KABUPATEN BANDUNG",
        "KECAMATAN CIMENYAN",
        "DESA CIBEUNYING",
        "SURAT KETERANGAN TIDAK MAMPU",
        "Nomor : 474/012/DS/2025",
        "Yang bertanda tangan di bawah ini Kepala Desa Cibeunying menerangkan bahwa:",
        "Nama : MUHAMMAD RIZKI",
        "NIK : 3204123108900002",
        "Tempat/Tgl Lahir : BANDUNG, 31-08-1990",
        "Jenis Kelamin : LAKI-LAKI",
        "Agama : ISLAM",
        "Alamat : JL. MERDEKA NO. 12",
        "Surat keterangan ini dibuat untuk keperluan pengajuan beasiswa.",
    )
    assert classify_page(lines).type == "sktm"


def test_an_invitation_and_a_receipt_are_unknown_with_a_reason() -> None:
    from workers.pipeline.classify import classify_page

    invitation = classify_page(
        _page(
            "PEMERINTAH KABUPATEN BANDUNG",
            "KECAMATAN CIMENYAN",
            "DESA CIBEUNYING",
            "Nomor : 005/012/Pem/2025",
            "Perihal : Undangan Rapat",
            "Dengan hormat, bersama ini kami mengundang Bapak/Ibu",
            "Kepala Desa",
        )
    )
    assert invitation.type == "unknown"
    assert "does not read as a KTP-el" in invitation.reason and "NOMOR" in invitation.reason
    receipt = classify_page(_page("KWITANSI", "Telah terima dari : Budi", "Uang sejumlah : Rp 50.000"))
    assert receipt.type == "unknown"
    blank = classify_page([])
    assert blank.type == "unknown" and blank.reason == "no text was found on the page"


def test_a_letters_subject_block_cropped_as_a_card_is_not_a_ktp() -> None:
    """The card finder can crop a letter's subject block out of a photographed page: its labels read in KTP
    order, but the letter's sentences around them (cut short by the crop) say it is no card."""
    from workers.pipeline.classify import classify_page, other_type_hint

    lines = _page(
        "Yang bertanda tang",
        "menerangkan dengan",
        "Nama",
        "NIK",
        "Tempat, Tgl Lah",
        "Jenis Kelamin",
        "Agama",
        "Status Perkav",
        "Pekerjaan",
        "Alamat",
        "Orang tersebut",
        "Surat keterang",
        "Demikian",
    )
    got = classify_page(lines)
    assert got.type == "unknown" and "letter" in got.reason
    assert other_type_hint(lines)
    # the same labels without the letter's words stay a KTP-el
    assert classify_page(card()).type == "ktp"
