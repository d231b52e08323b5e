"""Card images in the review UI (issue 19, finding 1), over HTTP with the real app and database: served only
for cases the case page opens, every fetch an audit row and a processing record, and the NIK blurred on the
image until this clerk revealed it (then the stored card is served as it is: the UI fetches it again after the
reveal)."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw

from service.config import Settings
from service.db import database
from service.main import create_app
from service.privacy import repository as privacy_repo
from service.review.tables import ReviewAudit
from service.storage import Storage
from tests.review.seed import crafted_case, make_user
from tests.review.test_routes import csrf_of, logged_in

NIK = "3204123108900002"
NIK_BOX = (252, 107, 567, 137)  # the crafted result's nik bbox (tests/review/seed.py)


@pytest.fixture(scope="module")
def settings(review_settings: Settings) -> Settings:
    make_user(review_settings, "wulan", "clerk")
    make_user(review_settings, "joko", "clerk")
    return review_settings


def card_with_nik() -> bytes:
    """A synthetic card with the NIK printed large in its bbox, so that a blur is measurable."""
    img = Image.new("RGB", (1000, 631), (190, 215, 235))
    draw = ImageDraw.Draw(img)
    draw.text((40, 30), "PROVINSI JAWA BARAT  (synthetic test card)", fill=(0, 0, 0))
    draw.text((260, 110), NIK, fill=(0, 0, 0), font_size=24)
    draw.text((260, 146), "BUDI SANTOSO", fill=(0, 0, 0), font_size=20)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=95)
    return buf.getvalue()


def case_with_card(settings: Settings, **kwargs: Any) -> tuple[str, bytes]:
    job_id = crafted_case(settings, store_card=False, **kwargs)
    card = card_with_nik()
    Storage(settings.uploads_dir).save_card(job_id, 0, card)
    return job_id, card


def pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as img:
        return np.asarray(img.convert("L"), dtype=np.float32)


def region_diff(a: bytes, b: bytes, box: tuple[int, int, int, int]) -> float:
    x0, y0, x1, y1 = box
    return float(np.abs(pixels(a)[y0:y1, x0:x1] - pixels(b)[y0:y1, x0:x1]).mean())


def audit(settings: Settings, job_id: str, action: str) -> list[ReviewAudit]:
    with database(settings.sqlalchemy_url).session() as session:
        rows = session.query(ReviewAudit).filter_by(verification_id=job_id, action=action).all()
        session.expunge_all()
        return rows


def records(settings: Settings, job_id: str) -> list[dict[str, Any]]:
    with database(settings.sqlalchemy_url).session() as session:
        return [
            {"action": r.action, "actor": r.actor, "detail": r.detail or {}}
            for r in privacy_repo.records(session, verification_ids=[job_id])
        ]


def test_images_of_cases_the_clerk_may_not_open_are_refused(settings: Settings) -> None:
    review_case, _ = case_with_card(settings)
    other_client_verified, _ = case_with_card(settings, client="another-client", decision="verified")
    own_verified, _ = case_with_card(settings, decision="verified")  # a result, but no review case
    with logged_in(settings, "wulan") as clerk:
        assert clerk.get(f"/review/cases/{review_case}/image/0").status_code == 200
        for job_id in (other_client_verified, own_verified):
            resp = clerk.get(f"/review/cases/{job_id}/image/0")
            assert resp.status_code == 404 and "image/" not in resp.headers["content-type"], job_id
            assert clerk.get(f"/review/cases/{job_id}").status_code == 404  # the same scoping as the case page
            assert audit(settings, job_id, "view_image") == []
        assert clerk.get(f"/review/cases/{review_case}/image/1").status_code == 404  # no such page
        assert clerk.get(f"/review/cases/{review_case}/image/-1").status_code == 404
    with TestClient(create_app(settings), raise_server_exceptions=False) as anon:
        resp = anon.get(f"/review/cases/{review_case}/image/0", follow_redirects=False)
        assert resp.status_code == 303 and "/review/login" in resp.headers["location"]
        assert not resp.content.startswith(b"\xff\xd8")


def test_a_fetch_is_audited_and_recorded_as_processing(settings: Settings) -> None:
    job_id, _ = case_with_card(settings)
    with logged_in(settings, "wulan") as clerk:
        assert clerk.get(f"/review/cases/{job_id}/image/0").status_code == 200
    rows = audit(settings, job_id, "view_image")
    assert len(rows) == 1 and rows[0].actor == "wulan" and rows[0].role == "clerk"
    assert rows[0].after == {"page": 0, "nik": "blurred"} and rows[0].client_ip
    viewed = [r for r in records(settings, job_id) if r["detail"].get("review_action") == "view_image"]
    assert viewed == [{"action": "viewed", "actor": "wulan", "detail": {"review_action": "view_image"}}]


def test_the_nik_is_blurred_until_this_clerk_reveals_it(settings: Settings) -> None:
    job_id, stored = case_with_card(settings)
    with logged_in(settings, "wulan") as clerk:
        case = clerk.get(f"/review/cases/{job_id}")
        assert 'class="hint nik-blurred"' in case.text
        served = clerk.get(f"/review/cases/{job_id}/image/0").content
        assert served != stored
        assert region_diff(served, stored, NIK_BOX) > 20  # the digits are gone …
        assert region_diff(served, stored, (40, 300, 960, 600)) < 2  # … the rest of the card is not touched
        token = csrf_of(case.text)
        assert clerk.post(f"/review/cases/{job_id}/reveal-nik", headers={"X-CSRF-Token": token}).status_code == 200
        after = clerk.get(f"/review/cases/{job_id}/image/0", params={"nik": "shown"})
        assert after.status_code == 200 and after.content == stored  # the stored card, unblurred
        assert "nik-blurred" not in clerk.get(f"/review/cases/{job_id}").text
    # the reveal was wulan's, in that login: another clerk, and wulan's next login, see the blur again
    with logged_in(settings, "joko") as other:
        assert region_diff(other.get(f"/review/cases/{job_id}/image/0").content, stored, NIK_BOX) > 20
    with logged_in(settings, "wulan") as again:
        assert again.get(f"/review/cases/{job_id}/image/0").content != stored
    nik_states = [r.after["nik"] for r in audit(settings, job_id, "view_image") if r.after]
    assert nik_states == ["blurred", "shown", "blurred", "blurred"]


def test_a_nik_without_a_box_or_on_an_original_upload_blurs_the_whole_page(settings: Settings) -> None:
    job_id, stored = case_with_card(settings)
    db = database(settings.sqlalchemy_url)
    from service.verifications import repository as jobs

    with db.session() as session:  # the NIK read but not located on the card
        job = jobs.get(session, job_id)
        assert job is not None and job.result is not None
        result = dict(job.result)
        result["fields"] = {**result["fields"], "nik": {**result["fields"]["nik"], "bbox": None}}
        job.result = result
    with logged_in(settings, "wulan") as clerk:
        served = clerk.get(f"/review/cases/{job_id}/image/0").content
    assert region_diff(served, stored, NIK_BOX) > 20 and region_diff(served, stored, (40, 20, 600, 60)) > 5


def test_family_card_member_niks_are_blurred_too(settings: Settings) -> None:
    """Any field holding a NIK-shaped number is blurred, not only the KTP's `nik` (a family card's table)."""
    job_id, stored = case_with_card(settings, doc_type="kk")
    db = database(settings.sqlalchemy_url)
    from service.verifications import repository as jobs

    with db.session() as session:
        job = jobs.get(session, job_id)
        assert job is not None and job.result is not None
        fields = {k: v for k, v in job.result["fields"].items() if k != "nik"}
        fields["members"] = {
            "value": [{"nik": NIK, "name": "BUDI SANTOSO"}],
            "confidence": 0.9,
            "bbox": list(NIK_BOX),
            "page": 0,
        }
        job.result = {**job.result, "fields": fields}
    with logged_in(settings, "wulan") as clerk:
        case = clerk.get(f"/review/cases/{job_id}")
        assert 'hx-vals=\'{"image_only": "1"}\'' in case.text  # a reveal button beside the image
        assert region_diff(clerk.get(f"/review/cases/{job_id}/image/0").content, stored, NIK_BOX) > 20
        shown = clerk.post(
            f"/review/cases/{job_id}/reveal-nik", data={"image_only": "1"}, headers={"X-CSRF-Token": csrf_of(case.text)}
        )
        assert shown.status_code == 200 and 'id="nik-shown"' in shown.text and "field_nik" not in shown.text
        assert clerk.get(f"/review/cases/{job_id}/image/0").content == stored
