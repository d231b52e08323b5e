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
    lines = [*row(10, (330, "PROVINSI DKI JAKARTA")), *row(100, (20, "Nlk"), (200, "3172060307545323")),
             *row(150, (20, "Nma"), (240, "ARTASAATA"))]
    assert classify(lines)[0] == "ktp"
    assert classify(row(10, (20, "Surat Keterangan Tidak Mampu")))[0] == "unknown"
