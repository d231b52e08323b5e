from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.verdict_answer import VerdictAnswer
from ...models.verdict_request import VerdictRequest
from ...types import Response


def _get_kwargs(
    name: str,
    *,
    body: VerdictRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/registries/{name}/verifications".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | VerdictAnswer | None:
    if response.status_code == 200:
        response_200 = VerdictAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | VerdictAnswer]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: VerdictRequest,
) -> Response[ErrorBody | VerdictAnswer]:
    """Per-field verdicts on one NIK against this registry: never a record, never the NIK

     Another agency's system sends a NIK and the fields it read; the answer says, per field present on
    both sides, whether it matches (with a 0–100 score), and `found: false` when the NIK is not in the
    registry. No record value, no NIK, no candidate search. Every call is a processing record (which
    registry, which client, when, the NIK's keyed hash). Counted against the per-client limit
    DOCVERIFY_REGISTRY_VERDICT_RATE_LIMIT.

    **Needs the `registry_verify` scope**, granted only by the operator's CLI (`docverify client create
    NAME --scopes registry_verify`). Wire format and adapters: docs/registry-protocol.md.

    Args:
        name (str):
        body (VerdictRequest): What the asker sends: the NIK and the fields it read (any subset of
            the registry's columns).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | VerdictAnswer]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    body: VerdictRequest,
) -> ErrorBody | VerdictAnswer | None:
    """Per-field verdicts on one NIK against this registry: never a record, never the NIK

     Another agency's system sends a NIK and the fields it read; the answer says, per field present on
    both sides, whether it matches (with a 0–100 score), and `found: false` when the NIK is not in the
    registry. No record value, no NIK, no candidate search. Every call is a processing record (which
    registry, which client, when, the NIK's keyed hash). Counted against the per-client limit
    DOCVERIFY_REGISTRY_VERDICT_RATE_LIMIT.

    **Needs the `registry_verify` scope**, granted only by the operator's CLI (`docverify client create
    NAME --scopes registry_verify`). Wire format and adapters: docs/registry-protocol.md.

    Args:
        name (str):
        body (VerdictRequest): What the asker sends: the NIK and the fields it read (any subset of
            the registry's columns).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | VerdictAnswer
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: VerdictRequest,
) -> Response[ErrorBody | VerdictAnswer]:
    """Per-field verdicts on one NIK against this registry: never a record, never the NIK

     Another agency's system sends a NIK and the fields it read; the answer says, per field present on
    both sides, whether it matches (with a 0–100 score), and `found: false` when the NIK is not in the
    registry. No record value, no NIK, no candidate search. Every call is a processing record (which
    registry, which client, when, the NIK's keyed hash). Counted against the per-client limit
    DOCVERIFY_REGISTRY_VERDICT_RATE_LIMIT.

    **Needs the `registry_verify` scope**, granted only by the operator's CLI (`docverify client create
    NAME --scopes registry_verify`). Wire format and adapters: docs/registry-protocol.md.

    Args:
        name (str):
        body (VerdictRequest): What the asker sends: the NIK and the fields it read (any subset of
            the registry's columns).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | VerdictAnswer]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    body: VerdictRequest,
) -> ErrorBody | VerdictAnswer | None:
    """Per-field verdicts on one NIK against this registry: never a record, never the NIK

     Another agency's system sends a NIK and the fields it read; the answer says, per field present on
    both sides, whether it matches (with a 0–100 score), and `found: false` when the NIK is not in the
    registry. No record value, no NIK, no candidate search. Every call is a processing record (which
    registry, which client, when, the NIK's keyed hash). Counted against the per-client limit
    DOCVERIFY_REGISTRY_VERDICT_RATE_LIMIT.

    **Needs the `registry_verify` scope**, granted only by the operator's CLI (`docverify client create
    NAME --scopes registry_verify`). Wire format and adapters: docs/registry-protocol.md.

    Args:
        name (str):
        body (VerdictRequest): What the asker sends: the NIK and the fields it read (any subset of
            the registry's columns).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | VerdictAnswer
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
