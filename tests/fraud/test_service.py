"""The signal service on a real database (SQLite, and PostgreSQL with DATABASE_URL): each signal, what is
no signal (a retry), what is stored (no personal data), deletion for purge and erasure, dashboard counts."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from service.config import Settings
from service.crypto import nik_hash
from service.db import database
from service.fraud import repository as repo
from service.fraud.service import Context, Hashes, screen
from service.fraud.tables import FraudReason, FraudSignal, FraudSubmission
from service.ids import new_id
from service.verifications.tables import VerificationJob

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
NIK_A, NIK_B, NIK_C = "3204123108900002", "3578011203850001", "3171015505920003"
CARD = Hashes(card=0x1234_5678_9ABC_DEF0, photo=0x0F0F_F0F0_1234_4321, text=0x7777_0000_AAAA_5555)


def far(h: Hashes, seed: int = 0) -> Hashes:
    """Another card: random hashes (about 32 bits from `h` and from each other)."""
    rng = random.Random(seed)

    def signed(v: int) -> int:
        return v - (1 << 64) if v >= 1 << 63 else v

    return Hashes(*(signed(rng.getrandbits(64)) for _ in range(3)))


def fields(
    nik: str,
    name: str = "BUDI SANTOSO",
    address: str = "JL. MAWAR NO. 1",
    rt_rw: str = "001/002",
    village: str = "SUKAMAJU",
) -> dict[str, Any]:
    values = {
        "nik": nik,
        "name": name,
        "birth_date": "1990-08-31",
        "address": address,
        "rt_rw": rt_rw,
        "village": village,
    }
    return {"status": "completed", "document": {"type": "ktp"}, "fields": {k: {"value": v} for k, v in values.items()}}


def submit(
    settings: Settings,
    verification: dict[str, Any],
    hashes: Hashes | None,
    *,
    client: str = "desa-a",
    program: str | None = "pkh",
    claim: str | None = None,
    at: datetime = T0,
    decision: str = "needs_review",
    operator: str | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    vid = new_id()
    with database(settings.sqlalchemy_url).session() as session:
        session.add(
            VerificationJob(
                id=vid,
                client_id=client,
                status="completed",
                decision=decision,
                document_type="auto",
                claim={"nik": claim} if claim else None,
                program=program,
                operator=operator,
                files=[],
                pages=1,
                attempts=1,
                created_at=at,
                updated_at=at,
                completed_at=at,
            )
        )
        session.flush()
        checks = screen(session, settings, Context(vid, client, program, claim, at), verification, hashes)
    return vid, checks


def codes(checks: list[dict[str, Any]]) -> list[str]:
    return sorted(c["reason"] for c in checks)


def test_the_same_card_under_another_nik_client_or_program_is_reused(fraud_settings: Settings) -> None:
    first, checks = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A)
    assert checks == []
    # a retry: same NIK, client and program, a new picture of the same card → no signal
    _, checks = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A, at=T0 + timedelta(hours=1))
    assert codes(checks) == []
    # the same card claimed as someone else's NIK
    nearby = Hashes(CARD.card ^ 0b101, CARD.photo ^ 0b1, CARD.text ^ 0b11)
    third, checks = submit(fraud_settings, fields(NIK_A), nearby, claim=NIK_B, at=T0 + timedelta(hours=2))
    reused = [c for c in checks if c["reason"] == "DOCUMENT_REUSED"]
    assert len(reused) == 1 and first in reused[0]["linked"]
    assert reused[0]["passed"] is False and reused[0]["action"] == "review" and reused[0]["name"] == "document_reused"
    # another program, same client and NIK
    _, checks = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A, program="bpnt", at=T0 + timedelta(hours=3))
    assert "DOCUMENT_REUSED" in codes(checks) and "NIK_IN_OTHER_APPLICATION" in codes(checks)
    # another client
    _, checks = submit(fraud_settings, fields(NIK_A), CARD, client="desa-b", claim=NIK_A, at=T0 + timedelta(hours=4))
    assert "DOCUMENT_REUSED" in codes(checks)
    with database(fraud_settings.sqlalchemy_url).session() as session:
        stored = repo.signals_for(session, third)
        assert [s.code for s in stored] == ["DOCUMENT_REUSED", "NIK_IN_OTHER_APPLICATION"]
        assert first in stored[0].linked and first in stored[1].linked


def test_a_different_card_is_not_reused_and_the_same_content_needs_a_similar_picture(fraud_settings: Settings) -> None:
    submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A)
    _, checks = submit(
        fraud_settings,
        fields(NIK_B, name="SITI AMINAH"),
        far(CARD),
        claim=NIK_B,
        client="desa-b",
        at=T0 + timedelta(hours=1),
    )
    assert codes(checks) == []
    # the same content read (NIK, name, birth date) and a card within the content radius: the same card
    loose = Hashes(
        CARD.card ^ ((1 << fraud_settings.fraud_content_card_radius) - 1),
        CARD.photo ^ (0xFF << 20),
        CARD.text ^ (0xFFFF << 8),
    )
    _, checks = submit(fraud_settings, fields(NIK_A), loose, claim=NIK_C, at=T0 + timedelta(hours=2))
    assert "DOCUMENT_REUSED" in codes(checks)


def test_the_photo_on_a_card_with_another_nik(fraud_settings: Settings) -> None:
    first, _ = submit(fraud_settings, fields(NIK_A), CARD)
    within = (1 << fraud_settings.fraud_photo_radius) - 1  # the radius's worth of differing bits
    forged = Hashes(far(CARD).card, CARD.photo ^ within, far(CARD).text)
    _, checks = submit(
        fraud_settings, fields(NIK_B, name="SITI AMINAH"), forged, client="desa-b", at=T0 + timedelta(days=1)
    )
    photo = [c for c in checks if c["reason"] == "PHOTO_REUSED"]
    assert len(photo) == 1 and photo[0]["linked"] == [first]


def test_nik_in_another_application_within_the_window(fraud_settings: Settings) -> None:
    old, _ = submit(
        fraud_settings,
        fields(NIK_A, name="CARD 1"),
        far(CARD, 1),
        program="pkh",
        at=T0 - timedelta(days=fraud_settings.fraud_nik_window_days + 1),
    )
    rejected, _ = submit(
        fraud_settings,
        fields(NIK_A, name="CARD 2"),
        far(CARD, 2),
        program="blt",
        decision="rejected",
        at=T0 - timedelta(days=3),
    )
    retake, _ = submit(
        fraud_settings,
        fields(NIK_A, name="CARD 2B"),
        far(CARD, 6),
        program="bst",
        decision="retake",
        at=T0 - timedelta(days=2),
    )
    _, checks = submit(fraud_settings, fields(NIK_A, name="CARD 3"), far(CARD, 3), program="bpnt", at=T0)
    # outside the window, rejected, or sent back for a retake: no active application (the same NIK's card may
    # still count as reused)
    assert "NIK_IN_OTHER_APPLICATION" not in codes(checks)
    active, _ = submit(
        fraud_settings,
        fields(NIK_A, name="CARD 4"),
        far(CARD, 4),
        program="pkh",
        client="dinsos",
        at=T0 + timedelta(days=1),
    )
    _, checks = submit(
        fraud_settings,
        fields(NIK_A, name="CARD 5"),
        far(CARD, 5),
        program="pkh",
        client="desa-a",
        at=T0 + timedelta(days=2),
    )
    nik = [c for c in checks if c["reason"] == "NIK_IN_OTHER_APPLICATION"]
    assert len(nik) == 1 and active in nik[0]["linked"] and old not in nik[0]["linked"]
    assert rejected not in nik[0]["linked"] and retake not in nik[0]["linked"]


def test_address_cluster(fraud_settings: Settings) -> None:
    settings = fraud_settings.model_copy(update={"fraud_address_threshold": 3})
    niks = ["3204123108900002", "3204123108900010", "3204123108900029", "3204123108900037"]
    seen: list[list[str]] = []
    for i, nik in enumerate(niks):
        _, checks = submit(
            settings, fields(nik, name=f"ORANG {i}"), far(CARD, i), client=f"desa-{i}", at=T0 + timedelta(days=i)
        )
        seen.append(codes(checks))
    assert seen[:3] == [[], [], []] and seen[3] == ["ADDRESS_CLUSTER"]


def test_only_hashes_are_stored_and_delete_removes_everything(fraud_settings: Settings) -> None:
    first, _ = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A)
    second, _ = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_B, at=T0 + timedelta(hours=1))
    with database(fraud_settings.sqlalchemy_url).session() as session:
        rows = list(session.scalars(select(FraudSubmission)))
        names = [col.name for col in FraudSubmission.__table__.columns]
        text = repr([{c: getattr(r, c) for c in names} for r in rows])
        for personal in (NIK_A, NIK_B, "BUDI", "MAWAR", "SUKAMAJU", "001/002", "1990-08-31"):
            assert personal not in text
        key = fraud_settings.nik_hash_key.get_secret_value()
        assert rows[0].nik_hash == nik_hash(NIK_A, key) and rows[0].region_code == "3204"
        assert repo.delete_for_verification(session, first) >= 1
        assert repo.get_submission(session, first) is None
        linked = [s.linked for s in session.scalars(select(FraudSignal))]
        assert all(first not in ids for ids in linked)
        assert repo.delete_for_nik_hash(session, nik_hash(NIK_B, key)) == [second]
        assert session.scalars(select(FraudSubmission)).all() == []
        assert session.scalars(select(FraudReason)).all() == []
        assert session.scalars(select(FraudSignal)).all() == []
    # a deleted row in the process's index is no match any more
    _, checks = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_C, client="x", at=T0 + timedelta(hours=2))
    assert "DOCUMENT_REUSED" not in codes(checks)


def test_dashboard_counts_group_in_the_database(fraud_settings: Settings) -> None:
    submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A, decision="verified")
    submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_B, at=T0 + timedelta(days=1))
    submit(fraud_settings, fields(NIK_C, name="X"), far(CARD), program="bpnt", at=T0 + timedelta(days=8))
    with database(fraud_settings.sqlalchemy_url).session() as session:
        assert dict(repo.counts_by(session, "decision", None, None)) == {"verified": 1, "needs_review": 2}
        assert dict(repo.counts_by(session, "program", None, None)) == {"pkh": 2, "bpnt": 1}
        assert dict(repo.counts_by(session, "region", None, None)) == {"3204": 2, "3171": 1}
        assert dict(repo.counts_by_reason(session, None, None)) == {"DOCUMENT_REUSED": 1, "NIK_IN_OTHER_APPLICATION": 1}
        days = repo.counts_over_time(session, None, None)
        assert [(d[:10], dec, n) for d, dec, n in days] == [
            ("2026-11-02", "verified", 1),
            ("2026-11-03", "needs_review", 1),
            ("2026-11-10", "needs_review", 1),
        ]
        week = dict(repo.counts_by(session, "decision", T0 + timedelta(days=7), None))
        assert week == {"needs_review": 1}
        opened = repo.open_signals(session, None, None, 10)
        assert sorted(s.code for s, _ in opened) == ["DOCUMENT_REUSED", "NIK_IN_OTHER_APPLICATION"]


def test_screening_a_verification_again_replaces_its_rows(fraud_settings: Settings) -> None:
    """A redelivered job is screened again: no duplicate row, the same answer."""
    from service.fraud.service import screen as screen_again

    submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_A)
    second, checks = submit(fraud_settings, fields(NIK_A), CARD, claim=NIK_B, at=T0 + timedelta(hours=1))
    with database(fraud_settings.sqlalchemy_url).session() as session:
        again = screen_again(
            session,
            fraud_settings,
            Context(second, "desa-a", "pkh", NIK_B, T0 + timedelta(hours=1)),
            fields(NIK_A),
            CARD,
        )
        assert codes(again) == codes(checks) and "DOCUMENT_REUSED" in codes(again)
        assert len(list(session.scalars(select(FraudSubmission)))) == 2
        assert len(repo.signals_for(session, second)) == len(checks)


def flip(value: int, bits: int, at: int = 0) -> int:
    """`value` with `bits` low bits (from bit `at`) inverted: exactly that Hamming distance."""
    return value ^ (((1 << bits) - 1) << at)


def test_a_near_picture_alone_is_no_reuse_the_read_text_must_agree(fraud_settings: Settings) -> None:
    # two different holders' cards can hash within the near-copy radii (about 1 in 60,000 pairs of captured
    # cards): without the read RT/RW + village or NIK agreeing, that is no evidence of one card
    s = fraud_settings
    first, _ = submit(s, fields(NIK_A), CARD, claim=NIK_A)
    near = Hashes(flip(CARD.card, s.fraud_card_radius), flip(CARD.photo, 20), flip(CARD.text, s.fraud_text_radius))
    stranger = fields(NIK_B, name="SITI AMINAH", address="JL. MELATI NO. 9", rt_rw="007/003", village="CIBIRU")
    _, checks = submit(s, stranger, near, claim=NIK_B, client="desa-b", at=T0 + timedelta(hours=1))
    assert "DOCUMENT_REUSED" not in codes(checks)
    # the same near picture whose RT/RW and village read the same (its NIK misread, say): a near copy
    misread = fields("3204123108900099", rt_rw="001/002", village="SUKAMAJU")
    _, checks = submit(s, misread, near, claim=NIK_C, client="desa-c", at=T0 + timedelta(hours=2))
    reused = [c for c in checks if c["reason"] == "DOCUMENT_REUSED"]
    assert len(reused) == 1 and first in reused[0]["linked"]
    # just outside a radius, the same read text does not help either
    farther = Hashes(flip(CARD.card, s.fraud_card_radius + 1), near.photo, near.text)
    _, checks = submit(s, misread, farther, claim=NIK_C, client="desa-d", at=T0 + timedelta(hours=3))
    assert first not in [v for c in checks if c["reason"] == "DOCUMENT_REUSED" for v in c["linked"]]


def test_the_same_picture_needs_no_read_text(fraud_settings: Settings) -> None:
    s = fraud_settings
    r = s.fraud_same_picture_radius
    first, _ = submit(s, fields(NIK_A), CARD, claim=NIK_A)
    same = Hashes(flip(CARD.card, r), flip(CARD.photo, r, 30), flip(CARD.text, r, 50))
    unread = fields(NIK_B, name="", address="", rt_rw="", village="")  # nothing of the original's text read
    _, checks = submit(s, unread, same, claim=NIK_B, client="desa-b", at=T0 + timedelta(hours=1))
    reused = [c for c in checks if c["reason"] == "DOCUMENT_REUSED"]
    assert len(reused) == 1 and reused[0]["linked"] == [first]
    # one hash a bit beyond the same-picture radius: a near picture, and the read text disagrees
    photo_off = Hashes(same.card, flip(CARD.photo, r + 1, 30), same.text)
    _, checks = submit(s, unread, photo_off, claim=NIK_B, client="desa-c", at=T0 + timedelta(hours=2))
    assert first not in [v for c in checks if c["reason"] == "DOCUMENT_REUSED" for v in c["linked"]]
