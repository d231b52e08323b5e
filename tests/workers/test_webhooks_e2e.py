"""A sample posted with a callback_url: the real worker reads it and its webhook dispatcher delivers the
signed `verification.completed` event to a real receiver that fails three times and then succeeds, over real
Redis/Celery: exactly one successful delivery of the event id, and the signature verifies."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

from tests.receiver import webhook_receiver
from tests.stack import SAMPLE, SAMPLE_TRUTH, bearer, issue_key
from tests.workers.conftest import Stack
from tests.workers.helpers import submit, wait_status

pytestmark = pytest.mark.integration


def test_completion_webhook_reaches_a_flaky_receiver_once(stack: Stack) -> None:
    _, key = issue_key(stack.settings, "hooked")
    headers = bearer(key)
    secret = stack.api.get("/v1/webhooks/secret", headers=headers).json()["secret"]
    with webhook_receiver(failures=3) as receiver:
        job_id = submit(stack.api, SAMPLE.read_bytes(), "ktp-0001-scan.png", headers=headers, callback_url=receiver.url)
        body = wait_status(stack.api, job_id, headers=headers)
        assert body["status"] == "completed", body
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(r.answered == 200 for r in receiver.requests):
            time.sleep(0.1)
        time.sleep(2.0)  # time for a wrongful second delivery to show up
        requests = list(receiver.requests)
    assert [r.answered for r in requests] == [500, 500, 500, 200], [r.answered for r in requests]
    (event_id,) = {r.headers["webhook-id"] for r in requests}
    for r in requests:
        mac = hmac.new(
            base64.b64decode(secret.removeprefix("whsec_")),
            f"{event_id}.{r.headers['webhook-timestamp']}.".encode() + r.body,
            hashlib.sha256,
        )
        assert r.headers["webhook-signature"] == "v1," + base64.b64encode(mac.digest()).decode()
    sent = json.loads(requests[-1].body)
    assert sent["type"] == "verification.completed" and sent["data"]["id"] == job_id
    assert sent["data"]["fields"]["nik"]["value"] == json.loads(SAMPLE_TRUTH.read_text())["nik"]
    delivery = stack.api.get(f"/v1/webhooks/deliveries/{event_id}", headers=headers).json()
    assert delivery["status"] == "delivered" and delivery["attempts"] == 4
    assert json.loads(SAMPLE_TRUTH.read_text())["nik"] not in stack.worker.log()
