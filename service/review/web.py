"""The review UI's web plumbing shared by its routes (routes.py) and the supervisor dashboard (dashboard.py):
templates and how a page is rendered, the language, the logged-in clerk and the CSRF check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from service.deps import SessionDep, SettingsDep
from service.errors import ApiError, InvalidField
from service.review import i18n, regions, security
from service.review import service as review
from service.review.service import Actor

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "dv_review_session"
LOGIN_CSRF_COOKIE = "dv_review_login_csrf"
LANG_COOKIE = "dv_review_lang"
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    mask_class=review.score_class,
    action_label=i18n.action_label,
    decision_label=i18n.decision_label,
    outcome_label=i18n.outcome_label,
)


class LoginRequired(Exception):
    """No valid session: browsers go to the login page, HTMX requests are told to go there."""


class CsrfFailed(ApiError):
    status = 403
    code = "CSRF_FAILED"


def base(request: Request) -> str:
    return str(request.scope.get("root_path") or "")


def lang_of(request: Request) -> str:
    return i18n.lang_of(request.query_params.get("lang") or request.cookies.get(LANG_COOKIE))


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def render(
    request: Request, name: str, context: dict[str, Any], status: int = 200, actor: Actor | None = None
) -> HTMLResponse:
    lang = lang_of(request)
    office = request.app.state.settings.review_timezone
    ctx = {
        "request": request,
        "lang": lang,
        "base": base(request),
        "actor": actor,
        "t": lambda key: i18n.t(key, lang),
        "path": request.url.path,
        # issue 21: words for every code (the code itself only in a tooltip), times in the office's zone
        "when": lambda at, province=None, seconds=False: regions.local_time(at, province, office, seconds),
        "doc_label": lambda code: i18n.document_type_label(code, lang),
        "registry_label": lambda code: i18n.registry_status_label(code, lang),
        "role_label": lambda code: i18n.role_label(code, lang),
        "code_label": lambda code: i18n.code_label(code, lang),
        "field_label": lambda key: i18n.field_label(key, lang),
        "score_words": lambda score: i18n.score_words(score, lang),
        **context,
    }
    response = templates.TemplateResponse(request, name, ctx, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def current_actor(request: Request, session: SessionDep, settings: SettingsDep) -> Actor:
    actor = review.actor_for(session, settings, request.cookies.get(SESSION_COOKIE), client_ip(request))
    if actor is None:
        raise LoginRequired()
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]


async def form_data(request: Request) -> dict[str, str]:
    """The posted form as text fields (files are refused: nothing here uploads)."""
    form = await request.form()
    out: dict[str, str] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str):
            raise InvalidField("files are not accepted here", {"field": key})
        out[key] = value
    return out


FormDep = Annotated[dict[str, str], Depends(form_data)]


def check_csrf(request: Request, actor: ActorDep, form: FormDep) -> Actor:
    sent = request.headers.get("X-CSRF-Token") or form.get("csrf_token")
    if not security.same(sent, actor.csrf_token):
        raise CsrfFailed("the form is out of date or was not sent from this site; reload the page", {})
    return actor


CsrfActorDep = Annotated[Actor, Depends(check_csrf)]
