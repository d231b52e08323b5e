"""The supervisor dashboard of the review UI (issue 10): where and why cases fail, and the open fraud signals.

Counts come from the database (service.fraud.repository, GROUP BY) over the screened verifications, with the
current decision (after any review); region is the NIK's province and regency (first four digits). Charts are
SVG drawn here on the server: no script, nothing fetched. Supervisors only: a clerk gets 403 (and the
attempt is audited, as for the audit trail) and no link in the header.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal, TypedDict

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from primitives.regions import load_regions
from service.deps import SessionDep
from service.errors import InvalidField
from service.fraud import repository as fraud_repo
from service.review import i18n
from service.review.service import Actor, audit_actor
from service.review.web import ActorDep, lang_of, render

router: APIRouter = APIRouter()

DECISION_CLASS = {"verified": "c-ok", "needs_review": "c-warn", "retake": "c-retake", "rejected": "c-bad"}
MAX_BARS = 15


def _parse_day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidField(f"{field} must be a date (YYYY-MM-DD)", {"field": field}) from exc


def region_label(code: str | None) -> str:
    if not code:
        return "—"
    regions = load_regions()
    province = regions.get(code[:2])
    regency = regions.get(f"{code[:2]}.{code[2:4]}") if len(code) >= 4 else None
    names = [r.name for r in (province, regency) if r is not None]
    return f"{code} · {' / '.join(names)}" if names else code


def bar_chart(rows: list[tuple[str, int]], css: dict[str, str] | None = None, chart_id: str = "") -> Markup:
    """Horizontal bars, one per (label, count), as an SVG element."""
    rows = rows[:MAX_BARS]
    if not rows:
        return Markup("")
    top = max(n for _, n in rows) or 1
    row_h, label_w, bar_w = 22, 230, 300
    height = row_h * len(rows) + 4
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" viewBox="0 0 {label_w + bar_w + 60} {height}" '
        f'width="{label_w + bar_w + 60}" height="{height}">'
    ]
    for i, (label, n) in enumerate(rows):
        y = i * row_h + 2
        w = max(1, round(bar_w * n / top))
        cls = (css or {}).get(label, "c-bar")
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(label[:40])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" class="{cls}">'
            f"<title>{escape(label)}: {n}</title></rect>"
            f'<text x="{label_w + w + 5}" y="{y + 15}" class="num">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def time_chart(
    series: list[tuple[str, dict[str, int]]], chart_id: str = "time-chart", labels: Callable[[str], str] = str
) -> Markup:
    """Stacked columns per bucket, one colour per decision, as an SVG element."""
    if not series:
        return Markup("")
    top = max(sum(v.values()) for _, v in series) or 1
    col_w = max(6, min(40, 640 // len(series)))
    plot_h, pad = 160, 30
    width = col_w * len(series) + 2 * pad
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {width} {plot_h + 40}" width="{width}" '
        f'height="{plot_h + 40}">',
        f'<text x="2" y="12" class="num">{top}</text>',
        f'<line x1="{pad}" y1="{plot_h + 5}" x2="{width - pad}" y2="{plot_h + 5}" class="axis"/>',
    ]
    for i, (bucket, counts) in enumerate(series):
        x = pad + i * col_w
        y = plot_h + 5
        for decision in (*DECISION_CLASS, None):
            n = counts.get(str(decision), 0)
            if not n:
                continue
            h = max(1, round(plot_h * n / top))
            y -= h
            parts.append(
                f'<rect x="{x + 1}" y="{y}" width="{col_w - 2}" height="{h}" '
                f'class="{DECISION_CLASS.get(str(decision), "c-bar")}"><title>{escape(bucket)} '
                f"{escape(labels(str(decision)))}: {n}</title></rect>"
            )
        if i == 0 or i == len(series) - 1 or len(series) <= 8:
            parts.append(f'<text x="{x}" y="{plot_h + 22}" class="lbl small">{escape(bucket)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _bucketed(rows: list[tuple[str, str | None, int]], bucket: str) -> list[tuple[str, dict[str, int]]]:
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, decision, n in rows:
        key = day[:10]
        if bucket == "week":
            d = date.fromisoformat(key)
            key = (d - timedelta(days=d.weekday())).isoformat()
        out[key][str(decision)] += n
    return sorted((k, dict(v)) for k, v in out.items())


Section = Literal["decision", "reason", "document_type", "region", "program", "signal_counts"]
SECTIONS: tuple[Section, ...] = ("decision", "reason", "document_type", "region", "program", "signal_counts")


class OpenSignal(TypedDict):
    id: int
    verification_id: str
    code: str
    detail: str
    linked: list[str]
    created_at: datetime


class DashboardData(TypedDict):
    """The dashboard's figures: counts per key of each section, decisions per day or week, open signals."""

    decision: list[tuple[str, int]]
    reason: list[tuple[str, int]]
    document_type: list[tuple[str, int]]
    region: list[tuple[str, int]]
    program: list[tuple[str, int]]
    time: list[tuple[str, dict[str, int]]]
    signal_counts: list[tuple[str, int]]
    open_signals: list[OpenSignal]
    total: int


def dashboard_data(session: Session, start: date | None, end: date | None, bucket: str) -> DashboardData:
    lo = datetime(start.year, start.month, start.day, tzinfo=UTC) if start else None
    # the day after `end`; 9999-12-31 has none (datetime ends there): no upper bound then
    hi = datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1) if end and end < date.max else None
    decisions = [(k or "—", n) for k, n in fraud_repo.counts_by(session, "decision", lo, hi)]
    regions = [(region_label(k), n) for k, n in fraud_repo.counts_by(session, "region", lo, hi)]
    signals: list[OpenSignal] = []
    for signal, _decision in fraud_repo.open_signals(session, lo, hi, 200):
        signals.append(
            {
                "id": signal.id,
                "verification_id": signal.verification_id,
                "code": signal.code,
                "detail": signal.detail,
                "linked": list(signal.linked or []),
                "created_at": signal.created_at,
            }
        )
    return {
        "decision": decisions,
        "reason": fraud_repo.counts_by_reason(session, lo, hi),
        "document_type": [(k or "—", n) for k, n in fraud_repo.counts_by(session, "document_type", lo, hi)],
        "region": regions,
        "program": [(k or "—", n) for k, n in fraud_repo.counts_by(session, "program", lo, hi)],
        "time": _bucketed(fraud_repo.counts_over_time(session, lo, hi), bucket),
        "signal_counts": fraud_repo.signal_counts(session, lo, hi),
        "open_signals": signals,
        "total": sum(n for _, n in decisions),
    }


def to_csv(data: DashboardData) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "key", "count"])
    for section in SECTIONS:
        for key, n in data[section]:
            w.writerow([section, key, n])
    for bucket, counts in data["time"]:
        for decision, n in sorted(counts.items()):
            w.writerow(["time", f"{bucket} {decision}", n])
    w.writerow([])
    w.writerow(["open_signal", "verification_id", "code", "created_at", "linked"])
    for s in data["open_signals"]:
        w.writerow(["open_signal", s["verification_id"], s["code"], s["created_at"].isoformat(), " ".join(s["linked"])])
    return buf.getvalue()


def display_labels(lang: str) -> dict[str, Callable[[str], str]]:
    """Words for the keys of each dashboard section (decisions, reason and signal codes, document types)."""

    def same(key: str) -> str:
        return key

    return {
        "decision": lambda k: i18n.decision_label(k, lang) if k != "—" else k,
        "reason": lambda k: i18n.code_label(k, lang),
        "signal_counts": lambda k: i18n.code_label(k, lang),
        "document_type": lambda k: i18n.document_type_label(k, lang) if k != "—" else k,
        "region": same,
        "program": same,
    }


def _refused(request: Request, session: Session, actor: Actor) -> Response | None:
    if actor.supervisor:
        return None
    audit_actor(session, actor, "forbidden", after={"page": "dashboard"})
    return render(
        request,
        "error.html",
        {"status": 403, "message": i18n.t("forbidden", lang_of(request))},
        status=403,
        actor=actor,
    )


Start = Annotated[str | None, Query(alias="from", max_length=10)]
End = Annotated[str | None, Query(alias="to", max_length=10)]
Bucket = Annotated[str, Query(pattern="^(day|week)$")]


def _data(
    request: Request, session: Session, actor: Actor, action: str, start: str | None, end: str | None, bucket: str
) -> DashboardData | Response:
    """The dashboard's figures for a supervisor (each look an audit row), or the refusal page for anyone else."""
    refused = _refused(request, session, actor)
    if refused is not None:
        return refused
    data = dashboard_data(session, _parse_day(start, "from"), _parse_day(end, "to"), bucket)
    audit_actor(session, actor, action, after={"from": start or "", "to": end or ""})
    return data


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(
    request: Request, session: SessionDep, actor: ActorDep, start: Start = None, end: End = None, bucket: Bucket = "day"
) -> Response:
    data = _data(request, session, actor, "view_dashboard", start, end, bucket)
    if isinstance(data, Response):
        return data
    lang = lang_of(request)
    labels = display_labels(lang)
    # the charts in words (issue 21): each bar's label translated, its colour still keyed by the code
    charts: dict[str, Markup] = {
        key: bar_chart(
            [(labels[key](k), n) for k, n in data[key]],
            {labels[key](k): c for k, c in DECISION_CLASS.items()} if key == "decision" else None,
            f"chart-{key}",
        )
        for key in SECTIONS
    }
    charts["time"] = time_chart(data["time"], labels=labels["decision"])
    query = "&".join(f"{k}={v}" for k, v in (("from", start), ("to", end), ("bucket", bucket)) if v)
    return render(
        request,
        "dashboard.html",
        {
            "data": data,
            "charts": charts,
            "query": query,
            "labels": labels,
            "filters": {"from": start or "", "to": end or "", "bucket": bucket},
        },
        actor=actor,
    )


@router.get("/dashboard.csv")
def dashboard_csv(
    request: Request, session: SessionDep, actor: ActorDep, start: Start = None, end: End = None, bucket: Bucket = "day"
) -> Response:
    data = _data(request, session, actor, "export_dashboard", start, end, bucket)
    if isinstance(data, Response):
        return data
    return Response(
        to_csv(data),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="docverify-dashboard.csv"', "Cache-Control": "no-store"},
    )
