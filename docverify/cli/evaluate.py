"""`docverify eval`, `eval-checks` and `eval-fraud`: the evaluation harnesses (docverify.evaluation,
docverify.check_eval, docverify.fraud_eval) on labelled folders, with a progress bar and the reports printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, cast

import typer
from pydantic import JsonValue

from docverify.cli.common import csv_source
from service.config import get_settings


def eval_(
    directory: Annotated[Path, typer.Argument(help="Labelled folder: images/, truth/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the table as Markdown.")] = False,
    misses: Annotated[int, typer.Option(help="Show up to this many wrong fields.")] = 0,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON report to this file.")] = None,
) -> None:
    """Accuracy of field extraction on a labelled folder, per capture mode; with `cases.jsonl` and
    `registry.csv` beside the images, also registry status and decision accuracy per case kind."""
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from docverify.evaluation import (
        VerificationJson,
        classification_markdown,
        decision_markdown,
        evaluate,
        load_samples,
        markdown_table,
    )
    from workers.verification import verify_bytes

    settings = get_settings()
    samples = load_samples(directory)
    if not samples:
        raise typer.BadParameter(f"no labelled images in {directory} (expected images/ and truth/)")
    registry = directory / "registry.csv"
    source = csv_source(registry) if registry.exists() else None
    console = Console(stderr=True)

    def verify(data: bytes, claim: dict[str, JsonValue] | None) -> VerificationJson:
        # the contract's Verification JSON, of which VerificationJson names the keys the evaluation reads
        return cast("VerificationJson", verify_bytes([data], settings, source=source, claim=claim).to_json())

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("reading", total=len(samples))
        report = evaluate(samples, verify, progress=lambda: progress.advance(task))
    data = report.to_json()
    if save is not None:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if markdown:
        print(markdown_table(report))
        return
    modes = [m for m in data["modes"] if m != "all"] + ["all"]
    table = Table(title=f"{data['samples']} images, {data['failed']} failed — exact match per field")
    table.add_column("field")
    for m in modes:
        table.add_column(m, justify="right")
    table.add_column("CER", justify="right")
    for f, per in data["fields"].items():
        table.add_row(
            f, *[f"{per[m]['exact'] * 100:.1f}%" if m in per else "" for m in modes], f"{per['all']['cer'] * 100:.2f}%"
        )
    table.add_row("document type", *[f"{data['document_type'].get(m, 0) * 100:.1f}%" for m in modes], "")
    table.add_row("median ms", *[f"{data['timing_ms'][m]['median']:.0f}" for m in modes], "")
    Console().print(table)
    if len(data.get("document_type_by_truth", {})) > 1:
        print(classification_markdown(data))
    if data.get("decisions"):
        print(decision_markdown(data["decisions"]))
    for miss in data["misses"][:misses]:
        print(json.dumps(miss, ensure_ascii=False))
    for wrong in data.get("decisions", {}).get("wrong_decisions", [])[:misses]:
        print(json.dumps(wrong, ensure_ascii=False))


def eval_checks(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Labelled set from `python -m samples.checks`, or any labelled "
            "folder (every card an untouched capture)."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON report to this file.")] = None,
) -> None:
    """Image quality and authenticity checks on a labelled set: ROC AUC per check (defect images against clean
    captures), false-reject rate on clean captures and detection rate at each check's threshold."""
    from rich.console import Console
    from rich.progress import Progress

    from docverify.check_eval import CheckResult, evaluate_checks, load_labels, markdown_table
    from workers.verification import verify_bytes

    settings = get_settings()
    total = len(load_labels(directory))
    if not total:
        raise typer.BadParameter(f"no labelled images in {directory} (expected images/ and labels.jsonl or truth/)")

    def run_checks(data: bytes) -> list[CheckResult]:
        out: list[CheckResult] = []
        for c in verify_bytes([data], settings).checks:
            result = CheckResult(name=c.name, passed=c.passed, score=c.score, detail=c.detail)
            if c.action is not None:
                result["action"] = c.action
            if c.reason is not None:
                result["reason"] = c.reason
            if c.linked is not None:
                result["linked"] = c.linked
            out.append(result)
        return out

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking", total=total)
        report = evaluate_checks(directory, run_checks, progress=lambda: progress.advance(task))
    if save is not None:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print(markdown_table(report))
    if report["errors"]:
        print(f"\n{len(report['errors'])} image(s) failed to run; see the JSON report", file=sys.stderr)


def eval_fraud(
    directory: Annotated[Path, typer.Argument(help="Labelled set from `python -m samples.reuse`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON report to this file.")] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every image again (ignore fraud-cache.json).")
    ] = False,
    perceptual_only: Annotated[
        bool, typer.Option("--perceptual-only", help="Leave out the same-content rule: the perceptual hashes alone.")
    ] = False,
) -> None:
    """Reused-document signals on a labelled set: share of planted near copies flagged, and of the others."""
    from docverify import fraud_eval

    try:
        entries = fraud_eval.load_submissions(directory)
    except (FileNotFoundError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from exc
    settings = get_settings()

    def progress(n: int, total: int) -> None:
        if n % 50 == 0 or n == total:
            print(f"read {n}/{total}", file=sys.stderr, flush=True)

    reads = fraud_eval.read_all(directory, entries, settings, use_cache=not no_cache, progress=progress)
    if perceptual_only:
        settings = settings.model_copy(update={"fraud_content_card_radius": -1})
    rep = fraud_eval.report(entries, fraud_eval.screen_all(entries, reads, settings), reads)
    if save is not None:
        save.write_text(json.dumps(rep, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps(rep, indent=2))
    else:
        print(fraud_eval.markdown(rep))
        for miss in rep["misses"]:
            print(f"missed: {miss['id']} (copy of {miss['copy_of']}, {miss['variant']}, other {miss['changed']})")
        for alarm in rep["false_alarms"]:
            print(f"false alarm: {alarm['id']} {','.join(alarm['signals'])} -> {','.join(alarm['linked'])}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_)
    app.command("eval-checks")(eval_checks)
    app.command("eval-fraud")(eval_fraud)
