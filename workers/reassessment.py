"""The `reassess` task's use case (issue 24): the assessment again on a stored read, no OCR.

A verification that ended needs_review because its registry did not answer is assessed once more against the
same registry (remote or imported) with the fields already read; the result replaces the automatic decision
while no clerk has decided the case (service.verifications.reassessment).
"""

from __future__ import annotations

import logging

from service.config import Settings, get_settings
from service.db import database
from service.verifications import reassessment, repository
from service.verifications.assessment import assess_job

log = logging.getLogger(__name__)


def reassess_job(job_id: str, settings: Settings | None = None) -> str:
    """`reassessed` (the new decision saved), `unavailable` (the registry still does not answer: the case stays
    as it was), `lost` (decided meanwhile), or why the job is not re-assessed."""
    settings = settings or get_settings()  # no OCR here: the process's OCR thread count does not matter
    with database(settings.sqlalchemy_url).session() as session:
        job = repository.get(session, job_id)
        why = reassessment.refusal(job)
        if why is not None or job is None:
            log.info("job %s not re-assessed: %s", job_id, why)
            return "missing" if job is None else "refused"
        result = assess_job(session, settings, job, reassessment.prepare(job))
        if result.registry.status == "unavailable":
            log.info("job %s re-assessed: registry %s still unavailable", job_id, result.registry.source)
            return "unavailable"
        if not reassessment.save(session, job, result):
            return "lost"
        log.info(
            "job %s re-assessed: decision=%s registry=%s",
            job_id,
            result.decision,
            result.registry.status,
        )
        return "reassessed"
