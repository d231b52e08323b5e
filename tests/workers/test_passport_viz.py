"""The visual zone's name and its cross-check with the MRZ (extract.passport_viz, extract.passport), on
hand-made OCR lines laid out as the passport and TD2 generators print them."""

from __future__ import annotations

from datetime import date

from service.config import Settings
from tests.unit.test_decision import decide
from workers.pipeline import mrz
from workers.pipeline.extract.passport import extract_passport
from workers.pipeline.extract.passport_viz import read_visual_name, transliterate
from workers.pipeline.types import Reason, TextLine

TODAY = date(2026, 12, 1)


def line(text: str, x: int, y: int, w: int = 200, h: int = 20, conf: float = 0.99) -> TextLine:
    return TextLine(text, conf, (x, y, x + w, y + h))


def td3_page(
    full_name: str, mrz_lines: list[str], conf: float = 0.99, label: str = "Nama Lengkap / Full Name"
) -> list[TextLine]:
    return [
        line("REPUBLIK INDONESIA", 420, 26, 300, 30),
        line("No.Paspor/Passport No.", 755, 105),
        line("X1520646", 753, 122, 100, 22),
        line(label, 311, 152, 160, 15),
        line(full_name, 311, 167, 230, 20, conf),
        line("Jenis Kelamin / Sex", 312, 194, 110, 16),
        line("P/F", 311, 210, 40, 24),
        line(mrz_lines[0], 81, 537, 844, 22),
        line(mrz_lines[1], 83, 573, 842, 26),
    ]


def td2_card(surname: str, given: str, mrz_lines: list[str]) -> list[TextLine]:
    return [
        line("KARTU IZIN TINGGAL TETAP", 370, 26, 420, 26),
        line("Nama Keluarga / Sumame", 302, 141, 180),
        line(surname, 305, 159, 160, 22),
        line("Nama Depan / Given Names", 303, 191, 195),
        line(given, 305, 209, 200, 22),
        line("Kewarganegaraan /Nationality", 305, 243, 210),
        line("INDIA", 305, 261, 70, 21),
        line(mrz_lines[0], 53, 502, 910, 44),
        line(mrz_lines[1], 51, 557, 910, 45),
    ]


SITI = mrz.compose_td3(
    "P", "IDN", "YULIARTI", "SITI OPHELIA", "X1520646", "IDN", date(1965, 3, 21), "F", date(2035, 1, 21)
)
SIII = [SITI[0].replace("SITI", "SIII"), SITI[1]]


def codes(reasons: list[Reason]) -> list[str]:
    return [r.code for r in reasons]


def test_a_misread_name_letter_is_put_right_from_the_visual_zone_despite_its_lost_space() -> None:
    fields, reasons = extract_passport(td3_page("SITIOPHELIA YULIARTI", SIII), today=TODAY)
    assert fields["mrz_valid"].value is True  # names carry no check digit: the MRZ alone cannot tell
    assert fields["surname"].value == "YULIARTI" and fields["given_names"].value == "SITI OPHELIA"
    assert reasons == []


def test_without_the_cross_check_the_letter_stays_wrong() -> None:
    """The same page without its visual zone: the MRZ's own reading, and nothing to say it is wrong."""
    lines = [t for t in td3_page("SITIOPHELIA YULIARTI", SIII) if "Full Name" not in t.text]
    fields, reasons = extract_passport(lines, today=TODAY)
    assert fields["given_names"].value == "SIII OPHELIA" and reasons == []


def test_an_agreeing_name_changes_nothing() -> None:
    fields, reasons = extract_passport(td3_page("SITI OPHELIA YULIARTI", SITI), today=TODAY)
    assert fields["given_names"].value == "SITI OPHELIA" and reasons == []


def test_an_unsure_visual_reading_keeps_the_mrz_and_asks_a_clerk() -> None:
    fields, reasons = extract_passport(td3_page("SITI OPHELIA YULIARTI", SIII, conf=0.7), today=TODAY)
    assert fields["given_names"].value == "SIII OPHELIA"
    assert codes(reasons) == ["MRZ_NAME_MISMATCH"] and reasons[0].field == "given_names"


def test_a_name_that_differs_at_many_letters_keeps_the_mrz_and_asks_a_clerk() -> None:
    fields, reasons = extract_passport(td3_page("RINA OPHELIA YULIANTO", SITI), today=TODAY)
    assert fields["surname"].value == "YULIARTI" and fields["given_names"].value == "SITI OPHELIA"
    assert codes(reasons) == ["MRZ_NAME_MISMATCH"] and "RINA OPHELIA YULIANTO" in reasons[0].message


def test_a_name_of_another_length_does_not_align_and_asks_a_clerk() -> None:
    _, reasons = extract_passport(td3_page("SITI OPHELIA YULIARTINI", SITI), today=TODAY)
    assert codes(reasons) == ["MRZ_NAME_MISMATCH"] and "do not align" in reasons[0].message


def test_surname_first_and_a_bare_name_label_are_read_too() -> None:
    fields, reasons = extract_passport(td3_page("YULIARTI SITI 0PHELIA", SIII, label="Name"), today=TODAY)
    assert fields["given_names"].value == "SITI OPHELIA" and reasons == []


def test_td2_surname_and_given_names_labels_and_a_name_the_mrz_cut() -> None:
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
    )
    page = td2_card("SETIAWATI", "MUHAMMAD RIZKI PRATAMA NUGRAHA", lines)
    viz = read_visual_name(page)
    assert viz is not None and viz.surname == "SETIAWATI" and viz.given_names == "MUHAMMAD RIZKI PRATAMA NUGRAHA"
    fields, reasons = extract_passport(page, today=TODAY)
    assert fields["given_names"].value == "MUHAMMAD RIZKI PRATA" and reasons == []  # the MRZ's cut name
    misread = [lines[0].replace("SETIAWATI", "SETIAWAII"), lines[1]]
    fields, reasons = extract_passport(td2_card("SETIAWATI", "MUHAMMAD RIZKI PRATAMA NUGRAHA", misread), today=TODAY)
    assert fields["surname"].value == "SETIAWATI" and reasons == []


def test_no_name_label_no_cross_check() -> None:
    assert read_visual_name([line("KARTU IZIN TINGGAL TERBATAS", 10, 10), line("BUDI SANTOSO", 10, 40)]) is None


def test_transliteration() -> None:
    assert transliterate("Zoë O'Neil-Ramírez") == "ZOE<ONEIL<RAMIREZ"


def test_a_name_mismatch_goes_to_a_clerk_and_never_rejects() -> None:
    """Also as the second document of an upload whose KTP-el would be verified: review, not rejection."""
    reason = {"code": "MRZ_NAME_MISMATCH", "message": "…", "field": "passport.given_names"}
    field = {"value": "x", "confidence": 0.99, "bbox": [0, 0, 1, 1], "page": 0}
    v = {
        "status": "completed",
        "reasons": [reason],
        "checks": [],
        "document": {"type": "ktp", "type_confidence": 0.99, "pages": 2},
        "fields": {k: field for k in ("nik", "name", "birth_date", "sex")},
        "registry": {"status": "match", "source": "dukcapil", "record_id": "7", "score": 99.0, "fields": {}},
    }
    assert decide(v, Settings(env="dev"))[0] == "needs_review"
    v["document"]["type"] = "passport"
    assert decide(v, Settings(env="dev"))[0] == "needs_review"


def test_a_names_row_whose_fillers_the_detector_split_and_lost_still_reads() -> None:
    """The first row read as two boxes, `…RACHEL<<<<<<<` and `<<<<<`, four fillers short of 36: the zone is
    still found (fillers only are added), and the check digits of the second row say it is right."""
    lines = mrz.compose_td2(
        "IT", "IDN", "PERMATA", "RACHEL", "D48604968", "KOR", date(1978, 8, 29), "F", date(2029, 12, 15)
    )
    head = lines[0].rstrip("<")
    page = [
        *td2_card("PERMATA", "RACHEL", ["", lines[1]])[:-2],
        line(head + "<" * 7, 53, 502, 560, 44),
        line("<" * 5, 700, 505, 120, 30),
        line(lines[1], 51, 557, 910, 45),
    ]
    fields, reasons = extract_passport(page, today=TODAY)
    assert fields["mrz_valid"].value is True and fields["surname"].value == "PERMATA" and reasons == []


def test_a_passport_page_without_a_zone_says_so() -> None:
    """No machine-readable zone: no field, and the reason why (it was dropped when no page gave a field)."""
    from workers.pipeline.extract.passport import READER
    from workers.pipeline.reader import Context, PageClass, PageRead
    from workers.pipeline.types import Page, PipelineResult

    lines = td3_page("SITI", ["", ""])[:-2]
    page = PageRead(Page(image=None, lines=lines), None, PageClass("passport", 0.9, "test"), flattened=True)
    ctx = Context(None, None, PipelineResult(status="completed"), lambda image: (None, [], 0))  # type: ignore[arg-type]
    fields, reasons = READER.read([page], ctx)
    assert fields == {} and codes(reasons) == ["MRZ_NOT_FOUND"]
