"""HTTP routes of the clerk review UI, a sub-app mounted at /review. Thin: read the request, call
`service.review.service`, render a template. Errors are HTML pages with the fitting status, never a 500."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, TypedDict
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service import limits
from service.config import Settings
from service.db import Database
from service.deps import SessionDep, SettingsDep, StorageDep
from service.errors import ApiError, Forbidden, InvalidField, NotFound
from service.observability import log_unhandled
from service.review import dashboard, i18n, security
from service.review import service as review
from service.review.service import Actor, QueueFilters, RecentDecision
from service.review.web import (
    HERE,
    LANG_COOKIE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    ActorDep,
    CsrfActorDep,
    CsrfFailed,
    FormDep,
    LoginRequired,
    base,
    client_ip,
    lang_of,
    render,
)
from service.storage import Storage

log = logging.getLogger(__name__)

router = APIRouter()


def _local_next(value: str | None, fallback: str) -> str:
    """Only paths on this site: never an open redirect."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return fallback


def _redirect(request: Request, url: str) -> Response:
    if request.headers.get("HX-Request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


# Login


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str | None, Query()] = None) -> Response:
    token = security.new_token()
    response = render(request, "login.html", {"csrf_login": token, "next": _local_next(next, ""), "error": None})
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        path=base(request) or "/",
        secure=request.app.state.settings.review_secure_cookies,
        max_age=3600,
    )
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    if not security.same(csrf_token, request.cookies.get(LOGIN_CSRF_COOKIE)):
        raise CsrfFailed("the login form is out of date; reload the page", {})
    ip = client_ip(request)
    # across accounts (password spraying): an address over its failures gets 429 before any password is hashed
    limits.check_failures(
        settings, "review_login", ip, settings.review_login_ip_limit, settings.review_login_ip_window_s
    )
    result = review.login(session, settings, username, password, ip)
    if result is None:
        limits.record_failure(settings, "review_login", ip, settings.review_login_ip_window_s)
        # returned, not raised: the failure counter and the audit row are committed
        return render(
            request,
            "login.html",
            {
                "csrf_login": csrf_token,
                "next": _local_next(next, ""),
                "error": i18n.t("login_failed", lang_of(request)),
            },
            status=401,
        )
    response = RedirectResponse(_local_next(next, base(request) + "/"), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        httponly=True,
        samesite="strict",
        path=base(request) or "/",
        secure=settings.review_secure_cookies,
        max_age=settings.review_session_ttl_s,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=base(request) or "/")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, actor: CsrfActorDep) -> Response:
    review.logout(session, actor)
    response = RedirectResponse(base(request) + "/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=base(request) or "/")
    return response


@router.get("/lang/{code}")
def switch_language(request: Request, code: str, next: Annotated[str | None, Query()] = None) -> Response:
    if code not in i18n.LANGS:
        raise InvalidField("unknown language", {"lang": code})
    response = RedirectResponse(_local_next(next, base(request) + "/"), status_code=303)
    response.set_cookie(
        LANG_COOKIE, code, httponly=True, samesite="lax", path=base(request) or "/", max_age=365 * 24 * 3600
    )
    return response


# Queue


@router.get("/", response_class=HTMLResponse)
def queue_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: ActorDep,
    document_type: Annotated[str | None, Query(max_length=32)] = None,
    reason: Annotated[str | None, Query(max_length=64)] = None,
    region: Annotated[str | None, Query(max_length=8)] = None,
    decision: Annotated[str | None, Query(max_length=16)] = None,
    after: Annotated[str | None, Query(max_length=64)] = None,
    decided: Annotated[str | None, Query(max_length=26)] = None,
    notice: Annotated[str | None, Query(max_length=32)] = None,
) -> Response:
    lang = lang_of(request)
    view = review.queue(session, settings, actor, QueueFilters(document_type, reason, region, decision), lang, after)
    template = "_queue.html" if request.headers.get("HX-Request") else "queue.html"
    from service.review.regions import PROVINCES

    return render(
        request,
        template,
        {
            "view": view,
            "provinces": PROVINCES,
            **_after_decision(request, session, settings, actor, decided, notice),
            "reason_text": lambda c: i18n.reason_text({"code": c}, lang),
        },
        actor=actor,
    )


class AfterDecision(TypedDict):
    decided: RecentDecision | None
    undo_next: str  # this page without the `decided` parameter: where an undo comes back to
    undone: bool


def _after_decision(
    request: Request, session: SessionDep, settings: Settings, actor: Actor, decided: str | None, notice: str | None
) -> AfterDecision:
    """The confirmation after a decision (naming the case and the outcome, with an undo while it lasts), or
    the notice after an undo; the clerk stays on the page they decided from."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    recent = review.recent_decision(session, settings, actor, decided) if decided else None
    return {"decided": recent, "undo_next": _strip_param(here, "decided"), "undone": notice == "undone"}


def _strip_param(url: str, name: str) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit

    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in (name, "notice")])
    return parts.path + (f"?{query}" if query else "")


# A case


@router.get("/cases/{verification_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    verification_id: str,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    actor: ActorDep,
    notice: Annotated[str | None, Query(max_length=32)] = None,
    decided: Annotated[str | None, Query(max_length=26)] = None,
) -> Response:
    lang = lang_of(request)
    view = review.case_view(
        session,
        settings,
        storage,
        actor,
        verification_id,
        lang,
        notice=i18n.t(notice, lang) if notice in ("saved", "nothing_changed") else None,
    )
    return render(
        request,
        "case.html",
        {"view": view, **_after_decision(request, session, settings, actor, decided, notice)},
        actor=actor,
    )


@router.get("/cases/{verification_id}/image/{page}")
def case_image(
    verification_id: str, page: int, session: SessionDep, settings: SettingsDep, storage: StorageDep, actor: ActorDep
) -> Response:
    """A page of a case: scoped like the case page, audited, NIKs blurred until revealed (issue 19)."""
    data, media = review.case_image(session, settings, storage, actor, verification_id, page)
    return Response(data, media_type=media, headers={"Cache-Control": "private, no-store"})


@router.post("/cases/{verification_id}/reveal-nik", response_class=HTMLResponse)
def reveal_nik(
    request: Request, verification_id: str, session: SessionDep, actor: CsrfActorDep, form: FormDep
) -> Response:
    nik = review.reveal_nik(session, actor, verification_id)
    # image_only: the button beside the images of a document without a NIK row (a family card's member table)
    return render(
        request,
        "_nik.html",
        {"nik": nik, "id": verification_id, "image_only": form.get("image_only") == "1"},
        actor=actor,
    )


@router.post("/cases/{verification_id}/correct", response_class=HTMLResponse)
def correct(
    request: Request,
    verification_id: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: CsrfActorDep,
    form: FormDep,
) -> Response:
    fields = {k.removeprefix("field_"): v for k, v in form.items() if k.startswith("field_")}
    changed = review.correct(session, settings, actor, verification_id, fields)
    notice = "saved" if changed else "nothing_changed"
    return _redirect(request, f"{base(request)}/cases/{verification_id}?notice={notice}")


@router.post("/cases/{verification_id}/undo")
def undo(
    request: Request,
    verification_id: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: CsrfActorDep,
    form: FormDep,
) -> Response:
    """Take back this clerk's decision within `review_undo_s`; back to the page it was undone from."""
    review.undo_decision(session, settings, actor, verification_id)
    target = _local_next(form.get("next"), f"{base(request)}/cases/{verification_id}")
    return _redirect(request, target + ("&" if "?" in target else "?") + "notice=undone")


@router.post("/cases/{verification_id}/{action}")
def decide(
    request: Request,
    verification_id: str,
    action: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: CsrfActorDep,
    form: FormDep,
) -> Response:
    """A decision; the clerk stays where they were (the queue or this case), told what was decided, with an
    undo for `review_undo_s`."""
    if action not in review.OUTCOMES:
        raise NotFound("no such action", {"action": action})
    review.decide_case(session, actor, verification_id, action, form.get("reason"), undo_s=settings.review_undo_s)
    target = _strip_param(_local_next(form.get("next"), f"{base(request)}/cases/{verification_id}"), "decided")
    return _redirect(request, target + ("&" if "?" in target else "?") + f"decided={verification_id}")


# Audit (supervisors)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    actor_name: Annotated[str | None, Query(alias="actor", max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    case: Annotated[str | None, Query(max_length=26)] = None,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
) -> Response:  # a BIGINT id
    if not review.can_view_audit(session, actor):
        # answered, not raised, so that the refused attempt's audit row is committed
        return render(
            request,
            "error.html",
            {"status": 403, "message": i18n.t("forbidden", lang_of(request))},
            status=403,
            actor=actor,
        )
    view = review.audit_page(session, actor, who=actor_name, action=action, verification_id=case, before_id=before)
    return render(request, "audit.html", {"view": view, "actions": sorted(i18n.ACTIONS)}, actor=actor)


router.include_router(dashboard.router)  # the supervisor dashboard


# The sub-app


def _error_page(request: Request, status: int, message: str) -> Response:
    if request.headers.get("HX-Request"):
        return HTMLResponse(
            f'<div class="flash error" role="alert">{_escape(message)}</div>',
            status_code=status,
            headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"},
        )
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        target = f"{base(request)}/login?next={quote(here)}" if request.method == "GET" else f"{base(request)}/login"
        return _redirect(request, target)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        lang = lang_of(request)
        message = {404: i18n.t("not_found", lang), 403: i18n.t("forbidden", lang)}.get(exc.status, exc.message)
        if isinstance(
            exc, (InvalidField, CsrfFailed, review.CaseAlreadyDecided, review.UndoRefused, review.ObjectionRefused)
        ):
            message = exc.message
        if isinstance(exc, Forbidden):
            message = i18n.t("forbidden", lang)
        response = _error_page(request, exc.status, message)
        response.headers.update(exc.headers)  # e.g. Retry-After of a 429
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _error_page(request, 422, f"{i18n.t('bad_request', lang_of(request))} {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        lang = lang_of(request)
        message = i18n.t("not_found", lang) if exc.status_code == 404 else str(exc.detail)
        return _error_page(request, exc.status_code, message)

    @app.exception_handler(DataError)
    async def database_refused_value(request: Request, _exc: DataError) -> Response:
        # a value the database cannot store or compare (PostgreSQL: NUL in text): the request's, not an outage
        return _error_page(request, 422, i18n.t("bad_request", lang_of(request)))

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def database_down(request: Request, _exc: Exception) -> Response:
        return _error_page(request, 503, "database unreachable; try again shortly")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log_unhandled(log, "review UI error", exc)
        return _error_page(request, 500, i18n.t("error", lang_of(request)))


CSP = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def create_review_app(settings: Settings, db: Database, storage: Storage) -> FastAPI:
    """The /review sub-app: its own HTML error pages and security headers, the API's database and storage."""
    app = FastAPI(title="docverify review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings, app.state.db, app.state.storage = settings, db, storage
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)
    install_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return app
