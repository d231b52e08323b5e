"""The verification use case: files → pipeline → Verification object of the contract.

The HTTP workers (issue 3) and `docverify verify` both go through here, so a document gets the same
answer whichever way it came in.
"""

from __future__ import annotations

from typing import Any

from docverify import __version__
from service.config import Settings
from service.ids import new_id
from workers.pipeline.ocr import OcrConfig, OcrEngine, get_engine
from workers.pipeline.process import Options, run
from workers.pipeline.types import PipelineResult

# Below this a field is shown to a clerk rather than trusted.
REVIEW_CONFIDENCE = 0.80


def ocr_config(settings: Settings) -> OcrConfig:
    return OcrConfig(
        models_dir=settings.models_dir,
        cache_dir=settings.cache_dir,
        backend=settings.ocr_backend,
        threads=settings.ocr_threads,
        det_limit_side_len=settings.ocr_det_limit_side_len,
    )


def engine_for(settings: Settings) -> OcrEngine:
    return get_engine(ocr_config(settings))


def options_for(settings: Settings, document_type: str = "auto") -> Options:
    from workers.pipeline.io import Limits

    return Options(
        document_type=document_type,
        limits=Limits(max_bytes=settings.max_upload_bytes, max_pixels=settings.max_pixels,
                      max_pages=settings.max_pages),
    )


def decide(result: PipelineResult) -> str | None:
    """Until registry matching lands, a clean, consistent, confident read is `verified`; anything else goes
    to a clerk. Nothing is ever rejected automatically."""
    if result.status != "completed":
        return None
    if result.reasons or result.document_type == "unknown":
        return "needs_review"
    if any(f.confidence < REVIEW_CONFIDENCE for f in result.fields.values()):
        return "needs_review"
    return "verified"


def to_verification(result: PipelineResult, verification_id: str | None = None) -> dict[str, Any]:
    fields = {key: f.to_json() for key, f in result.fields.items()}
    return {
        "id": verification_id or new_id(),
        "status": result.status,
        "decision": decide(result),
        "reasons": [r.to_json() for r in result.reasons],
        "document": {"type": result.document_type, "type_confidence": result.type_confidence,
                     "pages": result.pages},
        "fields": fields,
        "checks": [c.to_json() for c in result.checks],
        "registry": {"status": "not_checked", "source": None, "record_id": None, "score": None, "fields": {}},
        "timings_ms": result.timings_ms,
        "provenance": {"pipeline_version": __version__, "models": result.models},
    }


def verify_bytes(files: list[bytes], settings: Settings, document_type: str = "auto") -> dict[str, Any]:
    result = run(files, engine_for(settings), options_for(settings, document_type))
    return to_verification(result)
