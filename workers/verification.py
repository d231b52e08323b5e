"""The verification use case: files → pipeline → Verification object of the contract.

A worker claims a job, runs the pipeline and saves; the assessment after the read (registry match, claim
check, eligibility, decision) is service.verifications.assessment's, which `docverify verify` and a clerk's
correction call too, so a document gets the same answer whichever way it came in.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded

from primitives.version import __version__
from service.config import Settings, get_settings
from service.db import Database, database
from service.fraud.service import Hashes
from service.ids import new_id
from service.registry.remote import RemoteSource
from service.registry.service import RecordSource
from service.storage import Storage, StorageUnavailable, open_storage
from service.verifications import assessment, service
from service.verifications.model import (
    ApplicantClaim,
    Check,
    Document,
    Fields,
    Provenance,
    Reason,
    VerificationResult,
    build,
)
from service.verifications.tables import VerificationJob
from workers.pipeline.ocr import OcrConfig, OcrEngine, get_engine
from workers.pipeline.process import Options, run
from workers.pipeline.types import PipelineResult

log = logging.getLogger(__name__)


def ocr_config(settings: Settings) -> OcrConfig:
    return OcrConfig(
        models_dir=settings.models_dir,
        cache_dir=settings.cache_dir,
        backend=settings.ocr_backend,
        precision=settings.ocr_precision,
        int8_recheck_below=settings.ocr_int8_recheck_below,
        threads=settings.ocr_threads,
        det_limit_side_len=settings.ocr_det_limit_side_len,
    )


def engine_for(settings: Settings) -> OcrEngine:
    return get_engine(ocr_config(settings))


def options_for(settings: Settings, document_type: str = "auto") -> Options:
    from workers.pipeline.quality import CheckThresholds

    return Options(
        document_type=document_type,
        limits=settings.file_limits(),
        checks=settings.checks,
        # each threshold is the setting of the same name with a `check_` prefix
        check_limits=CheckThresholds(
            **{f.name: getattr(settings, f"check_{f.name}") for f in dataclass_fields(CheckThresholds)}
        ),
    )


def to_verification(result: PipelineResult, verification_id: str | None = None) -> VerificationResult:
    """The pipeline's read as a Verification (not yet assessed: no registry, no decision)."""
    document = Document.model_validate(
        {
            "type": result.document_type,
            "type_confidence": result.type_confidence,
            "pages": result.pages,
            "parts": result.parts or None,
        }
    )
    return build(
        id=verification_id or new_id(),
        status="completed" if result.status == "completed" else "failed",
        document=document,
        reasons=[Reason.model_validate(r.to_json()) for r in result.reasons],
        fields=Fields.model_validate({key: f.to_json() for key, f in result.fields.items()}),
        checks=[Check.model_validate(c.to_json()) for c in result.checks],
        timings_ms=result.timings_ms,
        provenance=Provenance(pipeline_version=__version__, models=result.models),
    )


def verify_bytes(
    files: list[bytes],
    settings: Settings,
    document_type: str = "auto",
    source: RecordSource | RemoteSource | None = None,
    claim: ApplicantClaim | None = None,
) -> VerificationResult:
    """Read and assess in-process (`docverify verify`, the eval): the same pipeline and assessment as a job."""
    result = run(files, engine_for(settings), options_for(settings, document_type))
    return assessment.assess(to_verification(result), settings, source, claim)


# The queued job (issue 3): workers.tasks.verify → run_job → pipeline → saved through the service layer.

_process_settings: Settings | None = None


def init_worker_process(settings: Settings) -> None:
    """Once per worker process (`worker_process_init`): a fresh DB pool and the OCR engine, loaded and warmed
    with the cores shared among the worker's processes."""
    global _process_settings
    from service import crypto
    from workers.pipeline.ocr import warm_up

    settings.require_safe(review=False, what="a worker process")
    crypto.configure(settings)

    if settings.worker_nice > 0:  # OCR is batch work: the API, database and broker on the same cores go first
        os.nice(settings.worker_nice)

    database(settings.sqlalchemy_url).engine.dispose(close=False)  # connections inherited from the parent
    _process_settings = settings.model_copy(update={"ocr_threads": settings.worker_ocr_threads})
    warm_up(engine_for(_process_settings))
    from workers.metrics import metrics

    metrics()  # the metrics (files in the worker's multiprocess directory) before the first document


def _holder_dead(settings: Settings) -> Callable[[VerificationJob], bool]:
    host = socket.gethostname()

    def dead(job: VerificationJob) -> bool:
        beat = job.heartbeat_at
        if beat is None or beat < datetime.now(UTC) - timedelta(seconds=settings.stale_after_s):
            return True
        holder_host, _, pid_text = (job.worker or "").rpartition(":")
        if holder_host != host or not pid_text.isdigit():
            return False  # another machine: only its heartbeat can tell
        pid = int(pid_text)
        if pid == os.getpid():
            return True  # this process holds no other job: that delivery is over
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    return dead


class _Heartbeat:
    """Beats the job's heartbeat while the pipeline runs, from a daemon thread."""

    def __init__(self, db: Database, job_id: str, lease: str, period: float) -> None:
        self.db, self.job_id, self.lease, self.period = db, job_id, lease, period
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"heartbeat-{job_id}", daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(self.period):
            try:
                with self.db.session() as session:
                    service.heartbeat(session, self.job_id, self.lease)
            except Exception as exc:
                log.warning("heartbeat of %s failed: %s", self.job_id, exc)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def card_hashes(result: PipelineResult) -> Hashes | None:
    """The perceptual hashes of the read card (the fraud screening's reuse signals), None without a card."""
    from workers.pipeline.fingerprint import card_fingerprint

    fp = card_fingerprint(result.page_images)
    return None if fp is None else Hashes(fp.card, fp.photo, fp.text)


_storages: dict[str, Storage] = {}


def storage_for(settings: Settings) -> Storage:
    """One storage object per process and setting (an S3 client is made once, not per job)."""
    where = f"{settings.storage}|{settings.uploads_dir}|{settings.s3_endpoint_url}"
    if where not in _storages:
        _storages[where] = open_storage(settings)
    return _storages[where]


def load_files(settings: Settings, job: VerificationJob, patience_s: float = 60.0) -> list[bytes]:
    """The job's uploads. An object store that is down (restarting) is waited for, with the job's heartbeat
    going, rather than failing a job whose files are safe: boto3 retries each request, this loop the rest."""
    storage = storage_for(settings)
    deadline = time.monotonic() + patience_s
    while True:
        try:
            return [storage.load(f["key"]) for f in job.files]
        except StorageUnavailable as exc:
            if time.monotonic() > deadline:
                raise
            log.warning("job %s: %s; trying again", job.id, exc)
            time.sleep(2.0)


def store_card_images(settings: Settings, job_id: str, result: PipelineResult) -> int:
    """Keep each page's flattened card as a JPEG beside the upload: the field boxes are in its pixels, and the
    clerk review UI draws them over it. A failure here only costs the boxes, never the job."""
    import cv2

    stored = 0
    storage = storage_for(settings)
    for index, image in enumerate(result.page_images):
        try:
            ok, jpeg = cv2.imencode(".jpg", image, [int(cv2.IMWRITE_JPEG_QUALITY), settings.review_card_jpeg_quality])
            if ok:
                storage.save_card(job_id, index, jpeg.tobytes())
                stored += 1
        except Exception as exc:
            log.warning("job %s: could not store the card image of page %d: %s", job_id, index, exc)
    return stored


def run_job(job_id: str, settings: Settings | None = None) -> str:
    """Process one queued verification job, at most once to a saved result.

    Returns what happened: `completed`, `failed`, `done` (already finished: a redelivery), `busy` (another
    live delivery holds it), `exhausted` (failed after max_attempts deliveries), `missing` or `lost`.
    """
    from workers.metrics import observe_job
    from workers.pipeline.validate import mask_nik

    settings = settings or _process_settings or get_settings()
    db = database(settings.sqlalchemy_url)
    lease = uuid.uuid4().hex
    worker = f"{socket.gethostname()}:{os.getpid()}"
    holder_dead = _holder_dead(settings)
    deadline = time.monotonic() + settings.stale_after_s + settings.heartbeat_s
    while True:
        with db.session() as session:
            claim = service.claim(session, settings, job_id, lease=lease, worker=worker, holder_dead=holder_dead)
        if claim.outcome != "busy" or time.monotonic() > deadline:
            break
        time.sleep(min(1.0, settings.heartbeat_s))
    if claim.outcome != "claimed" or claim.job is None:
        log.info("job %s: %s", job_id, claim.outcome)
        observe_job(claim.outcome, None)
        return claim.outcome
    job = claim.job
    failure: tuple[str, str] | None = None
    verification: VerificationResult | None = None
    with _Heartbeat(db, job_id, lease, settings.heartbeat_s):
        try:
            result = run(load_files(settings, job), engine_for(settings), options_for(settings, job.document_type))
            store_card_images(settings, job.id, result)
            hashes = card_hashes(result) if settings.fraud_enabled and result.status == "completed" else None
            with db.session() as session:
                verification = assessment.screen_and_assess_job(
                    session, settings, job, to_verification(result, job.id), hashes
                )
        except SoftTimeLimitExceeded:
            failure = ("TIMEOUT", f"processing took longer than {settings.task_soft_time_limit_s} s")
        except FileNotFoundError:
            failure = ("FILE_MISSING", "the uploaded file is no longer in storage")
        except Exception as exc:  # a bug must end the job with a reason, not loop through redeliveries
            log.exception("job %s: pipeline error", job_id)
            failure = ("PROCESSING_ERROR", f"internal error while reading the document ({type(exc).__name__})")
    with db.session() as session:
        if failure is not None:
            saved = service.fail(session, job, lease, *failure)
            outcome = "failed"
        else:
            assert verification is not None
            saved = service.complete(session, job, lease, verification)
            outcome = verification.status
    if not saved:
        log.warning("job %s: another delivery finished it first; this result is dropped", job_id)
        observe_job("lost", None)
        return "lost"
    nik = verification.fields.value("nik") if verification is not None else None
    log.info(
        "job %s %s: decision=%s nik=%s attempt=%d",
        job_id,
        outcome,
        verification.decision if verification is not None else None,
        mask_nik(nik) if nik else "-",
        job.attempts,
    )
    started = job.started_at or datetime.now(UTC)
    observe_job(
        outcome,
        verification.timings_ms if verification is not None else None,
        verification.decision if verification is not None else None,
        queued_s=max(0.0, (started - job.created_at).total_seconds()),
    )
    return outcome
