"""The optional `operator` and `channel` fields of POST /v1/verifications: validated, stored, read back under
`submitted_by`, part of the idempotent body, and in OpenAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.service.test_api import post
from tests.service.test_uploads import URL, assert_error
from tests.stack import png


def test_operator_and_channel_are_read_back_under_submitted_by(client: TestClient, new_client) -> None:
    h = new_client().headers
    sent = post(client, h, data={"operator": "  NIP 19870312 / loket 3 ", "channel": "mobile-unit"})
    assert sent.status_code == 202
    body = client.get(f"{URL}/{sent.json()['id']}", headers=h).json()
    assert body["submitted_by"] == {"operator": "NIP 19870312 / loket 3", "channel": "mobile-unit"}
    listed = client.get(URL, headers=h).json()["items"]
    assert listed[0]["submitted_by"] == body["submitted_by"]
    plain = post(client, h, png(90, 70)).json()["id"]
    assert client.get(f"{URL}/{plain}", headers=h).json()["submitted_by"] == {"operator": None, "channel": None}
    blank = post(client, h, png(91, 70), data={"operator": "   ", "channel": ""}).json()["id"]
    assert client.get(f"{URL}/{blank}", headers=h).json()["submitted_by"] == {"operator": None, "channel": None}


def test_operator_and_channel_are_validated(client: TestClient, new_client) -> None:
    h = new_client().headers
    ok = post(client, h, data={"operator": "x" * 64, "channel": "Loket Pelayanan Terpadu Kecamatan Cibeunying"})
    assert ok.status_code == 202
    for field, value in (
        ("operator", "x" * 65),
        ("channel", "y" * 65),
        ("operator", "loket\n3"),
        ("channel", "kiosk\x00"),
        ("operator", "a\tb"),
    ):
        err = assert_error(post(client, h, data={field: value}), 422, "VALIDATION_ERROR")
        assert err["detail"]["field"] == field
    assert client.get(URL, headers=h).json()["items"][0]["id"] == ok.json()["id"]  # nothing else was accepted


def test_operator_is_part_of_the_idempotent_body(client: TestClient, new_client) -> None:
    h = {**new_client().headers, "Idempotency-Key": "order-op-1"}
    body = png(120, 80)
    first = post(client, h, body, data={"operator": "loket-1"})
    again = post(client, h, body, data={"operator": "loket-1"})
    assert first.status_code == again.status_code == 202 and again.json() == first.json()
    assert_error(post(client, h, body, data={"operator": "loket-2"}), 422, "IDEMPOTENCY_KEY_REUSED")
    assert_error(post(client, h, body, data={"operator": "loket-1", "channel": "kiosk"}), 422, "IDEMPOTENCY_KEY_REUSED")


def test_openapi_documents_the_fields(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    form = next(s for name, s in spec["components"]["schemas"].items() if name.startswith("Body_create"))
    assert {"operator", "channel"} <= set(form["properties"])
    assert "submitted_by" in spec["components"]["schemas"]["Verification"]["properties"]
