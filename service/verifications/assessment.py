"""The one assessment of a read document: registry match, claim check, eligibility and the decision.

The worker calls it after the pipeline (`screen_and_assess_job`: the fraud screening, then `assess_job`),
`docverify verify` and the eval call `assess` with a CSV or remote registry, a re-assessment once a remote
registry is back calls `assess_job` on the stored read, and a clerk's correction calls `reassess` on the
corrected fields, so that a corrected NIK gets the same registry block, claim check and eligibility as a read
one would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

import doctypes
from service.config import Settings
from service.fraud.service import Context, Hashes, record_reasons, screen
from service.registry import programs
from service.registry import service as registry
from service.registry.remote import RemoteSource, consult, lookup_recorder, source_for
from service.registry.service import DbSource, RecordSource
from service.verifications.decision import decide
from service.verifications.model import ApplicantClaim, Check, VerificationResult, as_decision
from service.verifications.tables import VerificationJob


@dataclass(frozen=True)
class Program:
    """An eligibility program: its rules over the record of `registry`."""

    name: str
    registry: str
    rules: Sequence[programs.Rule] = field(default_factory=list)


def assess(
    verification: VerificationResult,
    settings: Settings,
    source: RecordSource | RemoteSource | None,
    claim: ApplicantClaim | None = None,
    program: Program | None = None,
    program_source: RecordSource | None = None,
) -> VerificationResult:
    """Registry match (when a source is given), claim check, eligibility (when a program is given) and the
    decision, added to a read Verification (changed in place and returned). A failed read is left as it is."""
    if verification.status != "completed":
        return verification
    document = verification.fields.texts()
    lookup = registry_document(verification.document.type, document, claim)
    record = None
    if source is not None:  # a remote registry answers verdicts and no record; an imported one its record
        verification.registry, record = consult(source, lookup, settings)
    checked = registry.claim_check(claim, document, record, settings)
    if checked is not None:
        verification.claim_check = checked
    if program is not None:
        eligible_record = None
        nik = lookup.get("nik")
        if verification.registry.status == "match" and nik:
            if program_source is None or program_source.name == verification.registry.source:
                eligible_record = record
            else:
                eligible_record = program_source.by_nik(nik)
        verification.eligibility = programs.evaluate(program.name, program.rules, eligible_record)
    verification.decision, added = decide(verification, settings)
    verification.reasons = [*verification.reasons, *added]
    return verification


def registry_document(
    doc_type: str, document: dict[str, str | None], claim: ApplicantClaim | None
) -> dict[str, str | None]:
    """What a document is looked up and compared by in a registry, as its type declares (doctypes): the fields
    that have a registry namesake in the same form, and for a document that prints no NIK of its holder the
    applicant's claimed NIK (without one the registry's candidate search by name and birth date runs). The
    claim check still compares the claim with the document as read."""
    spec = doctypes.get(doc_type)
    if spec is None:
        return document
    rule = spec.registry
    lookup = dict(document) if rule.fields is None else {k: document.get(k) for k in rule.fields if k in document}
    claimed = (claim or {}).get("nik")
    if rule.claimed_nik and claimed is not None and not isinstance(claimed, dict | list):
        lookup["nik"] = str(claimed)
    return lookup


def _sources(
    session: Session, settings: Settings, job: VerificationJob, verification: VerificationResult
) -> tuple[RecordSource | RemoteSource | None, Program | None, RecordSource | None]:
    """The registry a job is matched against (the one it was matched against before, else the job's, else the
    default one): the remote configured under that name, else the imported registry of that name, when it
    exists (every remote lookup a processing record); and its program with the program's registry."""
    name = verification.registry.source or job.registry_name or settings.default_registry
    source = source_for(session, settings, name, lookup_recorder(session, job.id, job.client_id))
    if not job.program:
        return source, None, None
    found = registry.get_program(session, job.program)
    return (source, Program(found.name, found.registry_name, list(found.rules)), DbSource(session, found.registry_name))


def assess_job(
    session: Session, settings: Settings, job: VerificationJob, verification: VerificationResult
) -> VerificationResult:
    """`assess` against the job's registry and program."""
    source, program, program_source = _sources(session, settings, job, verification)
    return assess(verification, settings, source, job.claim, program, program_source)


def screen_and_assess_job(
    session: Session,
    settings: Settings,
    job: VerificationJob,
    verification: VerificationResult,
    hashes: Hashes | None = None,
) -> VerificationResult:
    """The worker's assessment of a job it read: the fraud signals (as failed checks, before the decision), then
    `assess_job`; the final reason codes are kept for the fraud dashboard. `hashes`: the card's perceptual
    hashes, None when not fingerprinted."""
    screen_job(session, settings, job, verification, hashes)
    assess_job(session, settings, job, verification)
    if verification.status == "completed":
        record_reasons(session, job.id, [r.code for r in verification.reasons if r.severity != "info"])
    return verification


def reassess(
    session: Session, settings: Settings, job: VerificationJob, verification: VerificationResult
) -> VerificationResult:
    """The assessment again after a clerk corrected fields: registry block, claim check, eligibility and the
    policy's reasons from the corrected values. The pipeline's validation reasons stay as read, and the case
    keeps the decision it has (a person decides now; the policy's view is only a suggestion)."""
    decision = job.decision
    fresh = verification.policy_reasons_removed()
    fresh.status = "completed"
    source, program, program_source = _sources(session, settings, job, fresh)
    assess(fresh, settings, source, job.claim, program, program_source)
    fresh.status = verification.status
    fresh.decision = as_decision(decision)
    return fresh


def suggested_decision(verification: VerificationResult, settings: Settings) -> str | None:
    """What the automatic policy says of a case as it stands now (after corrections): a hint, not a decision.
    The pipeline's own validation reasons (those without a severity) still count."""
    fresh = verification.policy_reasons_removed()
    fresh.status = "completed"
    return decide(fresh, settings)[0]


def screen_job(
    session: Session, settings: Settings, job: VerificationJob, verification: VerificationResult, hashes: Hashes | None
) -> None:
    """Add the fraud signals (reused card or photo, NIK in another application, clusters, bursts) to the
    verification's checks: each failed with action "review", so the decision can only become needs_review.
    The card and photo-area hashes describe a KTP-el's layout; on an A4 page or a passport they would link
    unrelated documents of one template, so they are used for a KTP only."""
    if not settings.fraud_enabled or verification.status != "completed":
        return
    claim_nik = (job.claim or {}).get("nik")
    ctx = Context(job.id, job.client_id, job.program, None if claim_nik is None else str(claim_nik), job.created_at)
    ktp_hashes = hashes if verification.document.type == "ktp" else None
    found = screen(session, settings, ctx, verification.to_json(), ktp_hashes)
    verification.checks = [*verification.checks, *(Check.model_validate(c) for c in found)]
