"""`docverify verify`: documents read in-process, with the same pipeline the workers run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

import doctypes
from docverify.cli.common import csv_source
from service.config import get_settings
from service.verifications.model import ApplicantClaim, VerificationResult

DOCUMENT_TYPES = ("auto", *doctypes.names())  # the registry's types


def _failed(path: Path, code: str, message: str) -> VerificationResult:
    from workers.pipeline.types import PipelineResult, Reason
    from workers.verification import to_verification

    result = PipelineResult(status="failed", reasons=[Reason(code, f"{path}: {message}")])
    return to_verification(result)


def verify(
    paths: Annotated[list[Path], typer.Argument(help="Images of documents, one verification each.")],
    doc_type: Annotated[str, typer.Option("--type", help="|".join(DOCUMENT_TYPES))] = "auto",
    registry: Annotated[Path | None, typer.Option("--registry", help="Registry CSV to match against.")] = None,
    claim: Annotated[str | None, typer.Option("--claim", help="JSON: what the applicant says (nik, name, …).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    remote: Annotated[
        str | None,
        typer.Option(
            "--remote-registry",
            help="A registry of DOCVERIFY_REGISTRY_REMOTES to ask over the network instead of "
            "a CSV (per-field verdicts, docs/registry-protocol.md).",
        ),
    ] = None,
    profile: Annotated[
        bool,
        typer.Option(
            "--profile",
            help="Also print to stderr, per document, each stage's "
            "time and every OCR call (who asked, detector input, recogniser crops, "
            "model time); a JSON line with --json.",
        ),
    ] = False,
) -> None:
    """Read each document in-process, with the same pipeline the workers run."""
    if doc_type not in DOCUMENT_TYPES:
        raise typer.BadParameter(f"--type must be one of {', '.join(DOCUMENT_TYPES)}")
    from workers.verification import verify_bytes

    settings = get_settings()
    source: Any = csv_source(registry) if registry is not None else None
    if remote is not None:
        from service.registry.remote import remote_source

        if registry is not None:
            raise typer.BadParameter("--registry and --remote-registry exclude each other")
        source = remote_source(settings, remote)
        if source is None:
            raise typer.BadParameter(
                f"no remote registry {remote} in DOCVERIFY_REGISTRY_REMOTES "
                f"(configured: {', '.join(sorted(settings.registry_remotes)) or 'none'})"
            )
    claimed: ApplicantClaim | None = None
    if claim:
        try:
            claimed = json.loads(claim)
        except ValueError as exc:
            raise typer.BadParameter(f"--claim is not JSON: {exc}") from exc
        if not isinstance(claimed, dict):
            raise typer.BadParameter("--claim must be a JSON object")
    any_failed = False
    profiler = None
    if profile:
        from workers.verification import engine_for

        profiler = engine_for(settings).profiler
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            verification = _failed(path, "FILE_UNREADABLE", exc.strerror or str(exc))
        else:
            if profiler is not None:
                profiler.start()
            verification = verify_bytes([data], settings, doc_type, source, claimed)
            if profiler is not None:
                from workers.pipeline.ocr import profile_report

                print(
                    profile_report(str(path), verification.timings_ms, profiler.stop(), as_json),
                    file=sys.stderr,
                    flush=True,
                )
        any_failed |= verification.status == "failed"
        print(json.dumps(verification.to_json(), ensure_ascii=False, indent=None if as_json else 2), flush=True)
    raise typer.Exit(1 if any_failed else 0)


def register(app: typer.Typer) -> None:
    app.command()(verify)
