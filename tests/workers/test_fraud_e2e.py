"""Issue 10 end to end: the same card submitted twice under different NIK claims through the API, a real
Redis and a real worker process (real OCR). The second one goes to a clerk with DOCUMENT_REUSED and the
link to the first; a signal alone never rejects."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from service.db import database
from service.fraud import repository as fraud_repo
from tests.stack import ROOT, bearer, issue_key
from tests.workers.conftest import Stack
from tests.workers.helpers import submit, wait_status

pytestmark = pytest.mark.integration

SAMPLES = ROOT / "samples" / "ktp"
IMAGE = "ktp-0010-blur_noise"


def test_the_same_card_under_another_nik_is_flagged_and_linked(stack: Stack) -> None:
    truth = json.loads((SAMPLES / "truth" / f"{IMAGE}.json").read_text())
    path = next((SAMPLES / "images").glob(f"{IMAGE}.*"))
    first_headers = bearer(issue_key(stack.settings, "fraud-desa-a", "submit,read")[1])
    first = wait_status(
        stack.api,
        submit(
            stack.api,
            path.read_bytes(),
            path.name,
            "image/jpeg",
            headers=first_headers,
            claim=json.dumps({"nik": truth["nik"]}),
        ),
        headers=first_headers,
    )
    assert first["status"] == "completed", first
    assert "DOCUMENT_REUSED" not in [r["code"] for r in first["reasons"]]

    # the same card, saved again smaller and at a lower quality, claimed for another NIK by another client
    img = Image.open(path).convert("RGB")
    img = img.resize((round(img.width * 0.8), round(img.height * 0.8)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=55)
    other_nik = truth["nik"][:-4] + ("0000" if not truth["nik"].endswith("0000") else "1111")
    second_headers = bearer(issue_key(stack.settings, "fraud-desa-b", "submit,read")[1])
    second = wait_status(
        stack.api,
        submit(
            stack.api,
            buf.getvalue(),
            "again.jpg",
            "image/jpeg",
            headers=second_headers,
            claim=json.dumps({"nik": other_nik}),
        ),
        headers=second_headers,
    )
    assert second["status"] == "completed", second
    assert second["decision"] == "needs_review", second["reasons"]
    reused = [r for r in second["reasons"] if r["code"] == "DOCUMENT_REUSED"]
    assert reused and first["id"] in reused[0]["linked"], second["reasons"]
    check = next(c for c in second["checks"] if c["name"] == "document_reused")
    assert check["passed"] is False and check["action"] == "review" and first["id"] in check["linked"]
    with database(stack.settings.sqlalchemy_url).session() as session:
        signals = fraud_repo.signals_for(session, second["id"])
        assert "DOCUMENT_REUSED" in [s.code for s in signals]
        row = fraud_repo.get_submission(session, second["id"])
        assert row is not None and "DOCUMENT_REUSED" in row.reason_codes
        assert truth["nik"] not in repr(vars(row))
