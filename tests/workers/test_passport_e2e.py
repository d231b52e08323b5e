"""A passport data page sent as a PDF travels through the API, real Redis and a real worker process and comes
back as one completed passport verification with a valid MRZ."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.workers.conftest import Stack
from tests.workers.helpers import submit, wait_status
from tests.workers.test_documents import pdf_of

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "passport"


def test_passport_pdf_end_to_end(stack: Stack) -> None:
    truth = json.loads((SAMPLES / "truth" / "passport-0002-scan.json").read_text())
    page = (SAMPLES / "images" / "passport-0002-scan.jpg").read_bytes()
    job_id = submit(stack.api, pdf_of([page]), "passport.pdf", "application/pdf")
    body = wait_status(stack.api, job_id, timeout=180)
    assert body["status"] == "completed", body
    assert body["document"]["type"] == "passport" and body["document"]["pages"] == 1
    assert body["document"]["parts"] == [
        {"page": 0, "type": "passport", "type_confidence": body["document"]["type_confidence"], "found_by": "page"}
    ]  # a PDF page is read as a sheet
    fields = body["fields"]
    for key in ("document_number", "surname", "given_names", "birth_date", "expiry_date", "sex", "mrz_lines"):
        assert fields[key]["value"] == truth[key], key
        assert fields[key]["page"] == 0
    assert fields["mrz_valid"]["value"] is True
    assert body["decision"] in ("needs_review", "verified", "retake", "rejected")
