"""The SIM reader on OCR lines as the recogniser gives them (no OCR here): both label styles, wrapped values,
the card's own cross-checks, classification against the KTP-el, and how a SIM meets a registry."""

from __future__ import annotations

from datetime import date

import pytest

from service.config import Settings
from service.verifications.assessment import registry_document
from service.verifications.decision import decide
from service.verifications.model import Document, Fields, Provenance, Registry, TextField, build
from tests.unit.test_ktp_extract import card, row
from workers.pipeline.classify import classify_page
from workers.pipeline.extract.sim import cross_check, extract_sim, sim_reading, validate_sim
from workers.pipeline.types import Field, TextLine


def bare() -> list[TextLine]:
    """`1. BUDI SANTOSO`: the number, then the value, one box per row (the address wraps onto two lines)."""
    return [
        *row(20, (120, "POLISI REPUBLIK INDONESIA"), h=18),
        *row(45, (120, "SURAT IZIN MENGEMUDI"), h=30),
        *row(40, (900, "B1"), h=60),
        *row(110, (40, "0890-1234-0567"), h=34),
        *row(170, (40, "1. BUDI SANTOSO")),
        *row(200, (40, "2. BANDUNG, 12-08-1990")),
        *row(230, (40, "3. O - PRIA")),
        *row(260, (40, "4. JL. MELATI NO. 5 RT 003 RW 007")),
        *row(290, (66, "KEL. CIBEUNYING KEC. CIMENYAN")),
        *row(320, (68, "KAB. BANDUNG")),
        *row(350, (40, "5. KARYAWAN SWASTA")),
        *row(380, (40, "6. POLRESTABES BANDUNG")),
        *row(420, (40, "Berlaku s/d 12-08-2030")),
        *row(470, (760, "BANDUNG, 12-08-2025"), h=16),
    ]


def labelled() -> list[TextLine]:
    """`1. Nama` with English under it, the values in a column of their own, a colon before them."""
    out = [
        *row(45, (120, "SURAT IZIN MENGEMUDI"), h=30),
        *row(40, (880, "B2"), h=60),
        *row(60, (882, "UMUM"), h=20),
        *row(110, (300, "0890 1234 056789"), h=34),
    ]
    entries = [
        ("Nama", "Name", ": SITI AMINAH PUTRI"),
        ("Tempat & Tgl. Lahir", "Place & Date of Birth", ": MAGELANG, 01-02-1985"),
        ("Gol. Darah - Jenis Kelamin", "Blood Type - Sex", ": AB - WANITA"),
        ("Alamat", "Address", ": PERUM INDAH BLOK C NO. 9"),
    ]
    y = 170
    for i, (label, english, value) in enumerate(entries, start=1):
        out += [*row(y, (300, f"{i}. {label}")), *row(y + 22, (330, english), h=12), *row(y, (720, value))]
        y += 45
    out += [
        *row(y - 20, (736, "RT.001/RW.002 DESA MENDUT")),
        *row(y + 10, (300, "5. Pekerjaan")),
        *row(y + 10, (720, ": PEGAWAI NEGERI SIPIL (PNS)")),
        *row(y + 50, (300, "6. Diterbitkan Oleh")),
        *row(y + 50, (720, ": POLRES MAGELANG")),
        *row(y + 95, (300, "BERLAKU S/D")),
        *row(y + 95, (470, "01-02-2029")),
    ]
    return out


def values(fields: dict[str, Field]) -> dict[str, object]:
    return {k: f.value for k, f in fields.items()}


def test_the_bare_style_reads_every_field_with_the_wrapped_address() -> None:
    assert values(extract_sim(bare())) == {
        "sim_number": "089012340567",
        "sim_class": "B1",
        "name": "BUDI SANTOSO",
        "birth_place": "BANDUNG",
        "birth_date": "1990-08-12",
        "sex": "LAKI-LAKI",
        "blood_type": "O",
        "address": "JL. MELATI NO. 5 RT 003 RW 007 KEL. CIBEUNYING KEC. CIMENYAN KAB. BANDUNG",
        "occupation": "KARYAWAN SWASTA",
        "issuer": "POLRESTABES BANDUNG",
        "valid_until": "2030-08-12",
    }


def test_the_labelled_style_skips_labels_and_their_english() -> None:
    assert values(extract_sim(labelled())) == {
        "sim_number": "08901234056789",
        "sim_class": "B2 UMUM",
        "name": "SITI AMINAH PUTRI",
        "birth_place": "MAGELANG",
        "birth_date": "1985-02-01",
        "sex": "PEREMPUAN",
        "blood_type": "AB",
        "address": "PERUM INDAH BLOK C NO. 9 RT.001/RW.002 DESA MENDUT",
        "occupation": "PEGAWAI NEGERI SIPIL (PNS)",
        "issuer": "POLRES MAGELANG",
        "valid_until": "2029-02-01",
    }


def test_a_sim_is_a_sim_upright_and_a_ktp_stays_a_ktp() -> None:
    assert classify_page(bare()).type == "sim"
    assert classify_page(labelled()).type == "sim"
    assert classify_page(card()).type == "ktp"
    assert sim_reading(bare()).order == 1.0
    flipped = [TextLine(t.text, t.confidence, (1000 - t.x1, 631 - t.y1, 1000 - t.x0, 631 - t.y0)) for t in bare()]
    assert sim_reading(flipped).order == -1.0


def f(value: str, confidence: float = 0.95) -> Field:
    return Field(value, confidence)


def test_the_number_and_the_expiry_mend_a_misread_birth_month() -> None:
    fields = {"sim_number": f("089012340567"), "birth_date": f("1990-03-12"), "valid_until": f("2030-08-12")}
    assert cross_check(fields) == []
    assert fields["birth_date"].value == "1990-08-12" and fields["birth_date"].confidence < 0.95


def test_an_expiry_one_misread_off_the_birthday_is_mended_when_the_number_agrees() -> None:
    fields = {"sim_number": f("089012340567"), "birth_date": f("1990-08-12"), "valid_until": f("2030-08-17")}
    assert cross_check(fields) == []
    assert fields["valid_until"].value == "2030-08-12"


def test_what_the_card_cannot_settle_goes_to_a_clerk() -> None:
    fields = {
        "sim_number": f("089112340567"),
        "birth_date": f("1990-08-12"),
        "valid_until": f("2030-08-12"),
        "name": f("BUDI"),
        "sex": f("LAKI-LAKI"),
        "sim_class": f("E"),
    }
    codes = [r.code for r in validate_sim(fields, today=date(2026, 1, 1))]
    assert codes == ["SIM_CLASS_UNKNOWN", "SIM_NUMBER_DOB_MISMATCH"]
    assert [r.code for r in validate_sim({}, today=date(2026, 1, 1))] == ["FIELD_MISSING"] * 4


def sim_verification(registry: Registry, claim_nik: bool) -> object:
    fields = Fields()
    for key, value in (
        ("sim_number", "089012340567"),
        ("name", "BUDI SANTOSO"),
        ("birth_date", "1990-08-12"),
        ("sex", "LAKI-LAKI"),
    ):
        fields.set(key, TextField(value=value, confidence=0.99))
    v = build(
        id="01TEST",
        status="completed",
        document=Document(type="sim", type_confidence=1.0, pages=1),
        provenance=Provenance(pipeline_version="0"),
        fields=fields,
        registry=registry,
    )
    if claim_nik:
        from service.verifications.model import ClaimField

        v.claim_check = {
            "nik": ClaimField(claim="3204123108900002", document=None, registry="3204123108900002", disagrees="none")
        }
    return v


def test_a_sim_is_looked_up_by_the_claimed_nik_on_the_fields_a_registry_keeps() -> None:
    document = {
        "sim_number": "089012340567",
        "name": "BUDI",
        "birth_date": "1990-08-12",
        "address": "JL. MELATI NO. 5 RT 003 RW 007 KEL. CIBEUNYING",
        "issuer": "POLRES BANDUNG",
    }
    assert registry_document("sim", document, {"nik": "3204123108900002"}) == {
        "name": "BUDI",
        "birth_date": "1990-08-12",
        "nik": "3204123108900002",
    }
    assert registry_document("sim", document, None) == {"name": "BUDI", "birth_date": "1990-08-12"}
    ktp = {"nik": "3204123108900002", "name": "BUDI", "address": "JL. MELATI"}
    assert registry_document("ktp", ktp, {"nik": "3204123108900009"}) == ktp


@pytest.mark.parametrize(
    ("registry", "claim_nik", "says"),
    [
        (Registry(status="not_found", source="dukcapil"), False, "prints no NIK and none was claimed"),
        (Registry(status="not_found", source="dukcapil"), True, "the NIK is not in registry dukcapil"),
        (Registry.not_checked(), False, "no registry was available"),
    ],
)
def test_a_sim_always_goes_to_a_clerk_and_says_why(registry: Registry, claim_nik: bool, says: str) -> None:
    decision, reasons = decide(sim_verification(registry, claim_nik), Settings())  # type: ignore[arg-type]
    assert decision == "needs_review"
    assert any(r.code == "DOCUMENT_TYPE_NOT_MATCHED" for r in reasons)
    assert any(says in r.message for r in reasons if r.code.startswith("REGISTRY_"))


def test_a_lost_number_keeps_its_row_from_the_entry_above() -> None:
    """A glare spot over `6.`: the last value row is the issuer's, not the occupation's second line."""
    lines = [t for t in bare() if not t.text.startswith("6.")] + row(380, (66, "POLRESTABES BANDUNG"))
    fields = values(extract_sim(lines))
    assert (fields["occupation"], fields["issuer"]) == ("KARYAWAN SWASTA", "POLRESTABES BANDUNG")


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        (
            "JL. SUNIARAJA NO 124 RT. 002 RW. 014 DESAARGOREJO KEC. SEDAYU KAB.BANTUL",
            "JL. SUNIARAJA NO 124 RT. 002 RW. 014 DESA ARGOREJO KEC. SEDAYU KAB. BANTUL",
        ),
        (
            "GG JAMIKA NO 139 RT.009 RW. 009 KEL SIDANG KURNIAAGUNG",
            "GG JAMIKA NO 139 RT. 009 RW. 009 KEL SIDANG KURNIA AGUNG",
        ),
        (
            "JL. KELAPA NO 1 RT 001 RW 002 KEL. KELAPA DUA KEC CAKUNG JAKARTATIMUR",
            "JL. KELAPA NO 1 RT 001 RW 002 KEL. KELAPA DUA KEC CAKUNG JAKARTA TIMUR",
        ),
    ],
)
def test_an_address_gets_back_the_spaces_the_region_list_knows(read: str, printed: str) -> None:
    from workers.pipeline.extract.sim import normalise_address

    assert normalise_address(read) == printed
