"""docverify as a registry owner (issue 24): `POST /v1/registries/{name}/verifications` answers per-field
verdicts on one NIK to another agency's system, never a record.

The caller needs the `registry_verify` scope, which only the operator's CLI grants
(`docverify client create NAME --scopes registry_verify`); it is counted against its own per-client rate limit
(`registry_verdict_rate_limit` per `registry_verdict_rate_window_s`), and every call is a processing record
(which registry, which client, when, the NIK's keyed hash, found or not, which fields were compared). The answer
holds no record value and not the NIK; there is no candidate search: a NIK the registry does not know is
`found: false`, nothing more. Docs: docs/registry-protocol.md.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from service import crypto
from service.config import Settings
from service.errors import NotFound
from service.ids import new_id
from service.limits import check_rate
from service.privacy import service as privacy
from service.registry import repository as repo
from service.registry import verdicts
from service.registry.service import DbSource
from service.registry.verdicts import VerdictAnswer, VerdictRequest

log = logging.getLogger(__name__)

VERDICT_SCOPE = "registry_verify"


def answer(
    session: Session, settings: Settings, client_id: str, registry: str, request: VerdictRequest
) -> VerdictAnswer:
    check_rate(
        settings,
        client_id,
        limit=settings.registry_verdict_rate_limit,
        window_s=settings.registry_verdict_rate_window_s,
        kind="verdict",
    )
    if len(registry) > 64 or repo.get_registry(session, registry) is None:
        raise NotFound(f"no registry {registry[:64]}", {"registry": registry[:64]})
    record = DbSource(session, registry).by_nik(request.nik)
    reference = new_id()
    result = verdicts.judge(request.fields, record, settings, registry=registry, reference=reference)
    privacy.record(
        session,
        "registry_answered",
        actor_type="client",
        actor=client_id,
        client_id=client_id,
        nik_hash=crypto.subject_hash(request.nik),
        detail={
            "registry": registry,
            "reference": reference,
            "found": result.found,
            "fields": sorted(result.fields),
            "matched": sum(1 for v in result.fields.values() if v.match),
        },
    )
    log.info(
        "registry %s verdict %s for client %s: found=%s fields=%d",
        registry,
        reference,
        client_id,
        result.found,
        len(result.fields),
    )
    return result
