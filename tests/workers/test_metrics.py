"""Worker metrics (workers.metrics): recorded per delivery, and the multiprocess directory's life cycle."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from workers import metrics


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_observe_job_records_stages_ocr_and_decision() -> None:
    before = (
        value("docverify_pipeline_stage_seconds_count", stage="ocr"),
        value("docverify_ocr_seconds_count"),
        value("docverify_worker_decisions_total", decision="needs_review"),
        value("docverify_worker_jobs_total", outcome="completed"),
        value("docverify_pipeline_stage_seconds_count", stage="queued"),
    )
    metrics.observe_job(
        "completed",
        timings_ms={"decode": 5, "ocr": 640, "extract": 3, "total": 700, "surprise": 1},
        decision="needs_review",
        queued_s=0.02,
    )
    metrics.observe_job("busy", None)
    after = (
        value("docverify_pipeline_stage_seconds_count", stage="ocr"),
        value("docverify_ocr_seconds_count"),
        value("docverify_worker_decisions_total", decision="needs_review"),
        value("docverify_worker_jobs_total", outcome="completed"),
        value("docverify_pipeline_stage_seconds_count", stage="queued"),
    )
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1, 1, 1, 1]
    assert value("docverify_worker_jobs_total", outcome="busy") >= 1
    assert value("docverify_pipeline_stage_seconds_count", stage="surprise") == 0  # only known stages


def test_multiproc_dir_is_made_or_emptied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # set, then delete: monkeypatch records the variables' original state either way, and restores it after
    # prepare_multiproc_dir() has set them in os.environ itself (a directory that is gone by then)
    for name in (metrics.ENV, "_DOCVERIFY_OWN_METRICS_DIR"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    made = metrics.prepare_multiproc_dir()
    assert made.is_dir() and metrics.ENV in __import__("os").environ
    metrics.remove_own_multiproc_dir()
    assert not made.exists()

    given = tmp_path / "prom"
    given.mkdir()
    (given / "counter_123.db").write_bytes(b"old")
    monkeypatch.setenv(metrics.ENV, str(given))
    assert metrics.prepare_multiproc_dir() == given
    assert list(given.iterdir()) == []
    metrics.remove_own_multiproc_dir()
    assert given.is_dir()  # the operator's directory is kept
