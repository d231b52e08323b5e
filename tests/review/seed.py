"""Review cases for the tests: needs_review verifications made through the real service layer (crafted
results, fast) or through the real pipeline (OCR on a synthetic sample card, with the card image stored)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from service.config import Settings
from service.db import database, utcnow
from service.ids import new_id
from service.registry.service import import_csv
from service.storage import Storage
from service.verifications import repository as jobs
from service.verifications import service as verifications
from service.verifications.service import Submission, Upload
from service.verifications.tables import VerificationJob
from tests.stack import ROOT, database_url, settings_for, stack_env

SAMPLES = ROOT / "samples" / "ktp"
PASSWORD = "correct horse battery"  # synthetic test accounts only
# The reasons of an automatic rejection: the NIK is registered to someone else.
IMPOSTOR = [
    {
        "code": "NIK_BELONGS_TO_OTHER_PERSON",
        "message": "registered to someone else",
        "field": "nik",
        "severity": "reject",
    }
]


def import_registry(settings: Settings, name: str = "dukcapil") -> None:
    db = database(settings.sqlalchemy_url)
    with (SAMPLES / "registry.csv").open(encoding="utf-8") as fh, db.session() as session:
        import_csv(session, settings, name, fh)


def card_jpeg(width: int = 1000, height: int = 631) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), (190, 215, 235))
    draw = ImageDraw.Draw(img)
    draw.text((40, 30), "PROVINSI JAWA BARAT  (synthetic test card)", fill=(0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    return buf.getvalue()


def crafted_result(
    job_id: str,
    *,
    nik: str = "3204123108900002",
    name: str = "BUDI SANTOSO",
    doc_type: str = "ktp",
    reasons: list[dict[str, Any]] | None = None,
    province: str | None = "JAWA BARAT",
    registry: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Verification object as the workers save it, for a synthetic person."""
    fields = {
        "nik": {"value": nik, "confidence": 0.99, "bbox": [252, 107, 567, 137], "page": 0},
        "name": {"value": name, "confidence": 0.72, "bbox": [252, 143, 480, 169], "page": 0},
        "birth_place": {"value": "BANDUNG", "confidence": 0.97, "bbox": [252, 175, 380, 200], "page": 0},
        "birth_date": {"value": "1990-08-31", "confidence": 0.98, "bbox": [390, 175, 520, 200], "page": 0},
        "sex": {"value": "LAKI-LAKI", "confidence": 0.99, "bbox": [252, 205, 380, 230], "page": 0},
    }
    if province:
        fields["province"] = {"value": province, "confidence": 0.99, "bbox": [300, 20, 700, 50], "page": 0}
    return {
        "id": job_id,
        "status": "completed",
        "decision": "needs_review",
        "reasons": reasons
        if reasons is not None
        else [
            {
                "code": "LOW_CONFIDENCE",
                "message": "name was read with confidence 0.72",
                "field": "name",
                "severity": "review",
            }
        ],
        "document": {"type": doc_type, "type_confidence": 0.99, "pages": 1},
        "fields": fields,
        "checks": [{"name": "blur", "passed": True, "score": 0.93, "detail": "Laplacian variance 412"}],
        "registry": registry
        or {"status": "not_checked", "source": None, "record_id": None, "score": None, "fields": {}},
        "timings_ms": {"total": 700},
        "provenance": {"pipeline_version": "0.1.0", "models": []},
    }


def crafted_case(
    settings: Settings,
    *,
    store_card: bool = True,
    client: str = "frontoffice",
    callback_url: str | None = None,
    decision: str = "needs_review",
    claim: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    registry_name: str | None = None,
    program: str | None = None,
    **result: Any,
) -> str:
    """A completed job (needs_review unless `decision` says otherwise) written through the verifications
    repository; `extra` adds or replaces keys of its result (e.g. a claim_check)."""
    db = database(settings.sqlalchemy_url)
    job_id = new_id()
    now = utcnow()
    with db.session() as session:
        jobs.add(
            session,
            VerificationJob(
                id=job_id,
                client_id=client,
                status="completed",
                decision=decision,
                document_type="auto",
                claim=claim,
                registry_name=registry_name,
                program=program,
                callback_url=callback_url,
                files=[{"key": f"{job_id}/0", "format": "jpeg", "size": 1, "pages": 1, "sha256": "0" * 64}],
                pages=1,
                result={**crafted_result(job_id, **result), **(extra or {}), "decision": decision},
                attempts=1,
                created_at=now,
                updated_at=now,
                completed_at=now,
            ),
        )
    if store_card:
        Storage(settings.uploads_dir).save_card(job_id, 0, card_jpeg())
    return job_id


def submit_sample(
    settings: Settings, image: Path, claim: dict[str, Any] | None = None, registry: str | None = "dukcapil"
) -> str:
    """A real submission (stored upload, queued job), as POST /v1/verifications makes it."""
    db = database(settings.sqlalchemy_url)
    with db.session() as session:
        accepted = verifications.submit(
            session,
            db,
            settings,
            Storage(settings.uploads_dir),
            "frontoffice",
            Submission(
                [Upload(image.name, image.read_bytes())], claim=json.dumps(claim) if claim else None, registry=registry
            ),
            None,
        )
    return accepted.id


def pipeline_case(
    settings: Settings, image: Path, misread: dict[str, str] | None = None, claim: dict[str, Any] | None = None
) -> str:
    """A sample card through the real pipeline and registry match. Without `misread` this is the worker's own
    `run_job`; with it, the read values are changed before matching, as an OCR misreading would (the case a
    clerk corrects)."""
    from workers.verification import run_job

    job_id = submit_sample(settings, image, claim)
    if not misread:
        assert run_job(job_id, settings) == "completed"
        return job_id
    from service.verifications.assessment import screen_and_assess_job
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for, store_card_images, to_verification

    db = database(settings.sqlalchemy_url)
    with db.session() as session:
        claimed = verifications.claim(
            session, settings, job_id, lease="seed", worker="seed", holder_dead=lambda _job: True
        )
    assert claimed.job is not None
    result = run([image.read_bytes()], engine_for(settings), options_for(settings))
    assert store_card_images(settings, job_id, result) == 1
    verification = to_verification(result, job_id)
    for key, value in misread.items():
        found = verification.fields.get(key)
        assert found is not None
        found.value = value
    with db.session() as session:
        verification = screen_and_assess_job(session, settings, claimed.job, verification)
        assert verifications.complete(session, claimed.job, "seed", verification)
    return job_id


def make_user(settings: Settings, username: str, role: str, password: str = PASSWORD) -> None:
    from service.review import service as review

    with database(settings.sqlalchemy_url).session() as session:
        review.create_user(session, settings, username, password, role)


@contextmanager
def review_stack(
    tmp: Path, name: str, users: dict[str, str], **overrides: Any
) -> Iterator[tuple[dict[str, str], Settings]]:
    """A migrated database of its own (tests.stack.database_url) with the sample registry imported and these
    review accounts (username: role), no broker: its environment (tests.stack.stack_env with `overrides`) and
    settings, the engine disposed afterwards."""
    with database_url(tmp, name) as url:
        env = stack_env(url, "", tmp / "uploads", **overrides)
        settings = settings_for(env)
        database(settings.sqlalchemy_url).ensure_schema()
        import_registry(settings)
        for username, role in users.items():
            make_user(settings, username, role)
        try:
            yield env, settings
        finally:
            database(settings.sqlalchemy_url).dispose()
