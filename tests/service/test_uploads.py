"""Bad inputs get the right 4xx and error code, never a 500; good ones are stored under generated ids."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.storage import Storage
from tests.stack import SAMPLE, pdf, png, png_header_only

URL = "/v1/verifications"


def assert_error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_oversized_body_is_413(client: TestClient) -> None:
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * 3_100_000
    assert_error(client.post(URL, files={"file": ("big.png", big, "image/png")}), 413, "FILE_TOO_LARGE")


def test_oversized_file_is_413(client: TestClient) -> None:
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2_100_000  # under the body limit, over the per-file limit
    err = assert_error(client.post(URL, files={"file": ("big.png", big, "image/png")}), 413, "FILE_TOO_LARGE")
    assert err["detail"]["limit"] == 2_000_000


def test_pixel_bomb_is_refused_from_its_header(client: TestClient) -> None:
    bomb = png_header_only(30_000, 30_000)
    assert len(bomb) < 200
    assert_error(client.post(URL, files={"file": ("bomb.png", bomb, "image/png")}), 422, "IMAGE_TOO_LARGE")


def test_pixel_limit_below_pillows_own(client: TestClient, api_settings: Settings) -> None:
    side = int((api_settings.max_pixels * 1.5) ** 0.5)  # over our limit, under Pillow's bomb check
    err = assert_error(
        client.post(URL, files={"file": ("wide.png", png_header_only(side, side), "image/png")}), 422, "IMAGE_TOO_LARGE"
    )
    assert err["detail"]["width"] == side


def test_thousand_page_pdf_is_422(client: TestClient) -> None:
    err = assert_error(
        client.post(URL, files={"file": ("long.pdf", pdf(1000), "application/pdf")}), 422, "TOO_MANY_PAGES"
    )
    assert err["detail"]["pages"] == 1000


def test_wrong_content_type_judged_by_magic_bytes(client: TestClient) -> None:
    resp = client.post(URL, files={"file": ("card.png", b"#!/bin/sh\necho not an image\n", "image/png")})
    assert_error(resp, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_empty_file_is_422(client: TestClient) -> None:
    assert_error(client.post(URL, files={"file": ("empty.png", b"", "image/png")}), 422, "EMPTY_FILE")


def test_missing_file_field_is_422(client: TestClient) -> None:
    assert_error(client.post(URL, data={"document_type": "ktp"}), 422, "MISSING_FILE")
    assert_error(client.post(URL, files={"other": ("a.png", png(), "image/png")}), 422, "MISSING_FILE")


def test_corrupt_image_header_is_422(client: TestClient) -> None:
    assert_error(
        client.post(URL, files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"junk" * 10, "image/png")}),
        422,
        "FILE_CORRUPT",
    )


@pytest.mark.parametrize(
    "data", [b"II*\x00" + b"junk" * 10, b"\xff\xd8\xff" + b"junk" * 10, b"RIFF\x00\x00\x00\x00WEBPjunkjunk"]
)
def test_corrupt_file_message_names_the_problem_not_a_python_object(client: TestClient, data: bytes) -> None:
    """Pillow says `cannot identify image file <_io.BytesIO object at 0x7f…>`: the client gets the words."""
    err = assert_error(client.post(URL, files={"file": ("x.img", data, "image/png")}), 422, "FILE_CORRUPT")
    assert "object at 0x" not in err["message"] and "_io." not in err["message"], err["message"]
    assert err["message"] == "the image header cannot be read: cannot identify image file"


def tiff_with_large_second_frame(side: int = 9000) -> bytes:
    """A TIFF whose first frame is a small card and whose second is side×side: 15 kB on disk (a 1-bit frame,
    deflated), 81 M pixels decoded."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 200, 200)).save(
        buf, "TIFF", save_all=True, compression="tiff_deflate", append_images=[Image.new("1", (side, side), 1)]
    )
    return buf.getvalue()


def test_every_tiff_frame_is_checked_at_submit(client: TestClient) -> None:
    data = tiff_with_large_second_frame()
    assert len(data) < 50_000
    err = assert_error(client.post(URL, files={"file": ("two.tif", data, "image/tiff")}), 422, "IMAGE_TOO_LARGE")
    assert (err["detail"]["page"], err["detail"]["width"], err["detail"]["height"]) == (1, 9000, 9000)


def test_a_long_side_is_refused_at_submit(client: TestClient, api_settings: Settings) -> None:
    """40000×100 is 4 M pixels (under the pixel limit) but no page: the side limit, from the header."""
    assert api_settings.max_pixels > 40_000 * 100 and api_settings.max_side == 20_000
    for width, height in ((40_000, 100), (100, 40_000)):
        strip = png_header_only(width, height)
        err = assert_error(client.post(URL, files={"file": ("strip.png", strip, "image/png")}), 422, "IMAGE_TOO_LARGE")
        assert err["detail"]["max_side"] == 20_000 and (err["detail"]["width"], err["detail"]["height"]) == (
            width,
            height,
        )
    assert client.post(URL, files={"file": ("ok.png", png_header_only(20_000, 100), "image/png")}).status_code == 202


def test_every_pdf_page_is_checked_at_submit_side_too(client: TestClient) -> None:
    """The second page of a PDF is 8.3 × 101 inches: 1653×20278 px at 200 dpi, under the pixel limit, over
    the side limit."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.new_page(595, 7300)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    err = assert_error(
        client.post(URL, files={"file": ("long.pdf", buf.getvalue(), "application/pdf")}), 422, "IMAGE_TOO_LARGE"
    )
    assert err["detail"]["page"] == 1 and err["detail"]["max_side"] == 20_000


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"document_type": "driving_licence"}, "document_type"),
        ({"claim": "{not json"}, "claim"),
        ({"claim": "[1, 2]"}, "claim"),
        ({"callback_url": "ftp://example.org/x"}, "callback_url"),
    ],
)
def test_bad_fields_are_422(client: TestClient, data: dict, field: str) -> None:
    err = assert_error(
        client.post(URL, files={"file": ("a.png", png(), "image/png")}, data=data), 422, "VALIDATION_ERROR"
    )
    assert err["detail"]["field"] == field


def test_accepted_upload_is_stored_under_generated_ids(client: TestClient, uploads_dir, new_client) -> None:
    data = SAMPLE.read_bytes()
    resp = client.post(
        URL,
        files={"file": ("../../evil name.png", data, "image/png")},
        data={"document_type": "ktp", "claim": '{"nik": "1905012710847738"}'},
        headers=new_client().headers,
    )
    assert resp.status_code == 202, resp.text
    job_id = resp.json()["id"]
    assert resp.json() == {"id": job_id, "status": "queued"}
    assert resp.headers["Location"] == f"{URL}/{job_id}"
    stored = sorted(p.relative_to(uploads_dir).as_posix() for p in uploads_dir.rglob("*") if p.is_file())
    assert f"{job_id}/0" in stored
    assert not any("evil" in p for p in stored)
    raw = (uploads_dir / job_id / "0").read_bytes()
    assert raw != data and data[:8] not in raw  # encrypted at rest (issue 9) …
    assert Storage(uploads_dir).load(f"{job_id}/0") == data  # … and read back whole


def test_pdf_and_several_files_make_one_verification(client: TestClient, new_client) -> None:
    headers = new_client().headers
    files = [("file", ("a.png", png(), "image/png")), ("file", ("b.pdf", pdf(2), "application/pdf"))]
    resp = client.post(URL, files=files, headers=headers)
    assert resp.status_code == 202, resp.text
    got = client.get(resp.headers["Location"], headers=headers).json()
    assert got["status"] == "queued" and got["decision"] is None
    assert got["document"]["pages"] == 3
