from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.objection_in import ObjectionIn
from ...models.objection_out import ObjectionOut
from ...types import Response


def _get_kwargs(
    verification_id: str,
    *,
    body: ObjectionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/verifications/{verification_id}/objections".format(
            verification_id=quote(str(verification_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ObjectionOut | None:
    if response.status_code == 202:
        response_202 = ObjectionOut.from_dict(response.json())

        return response_202

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

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

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
) -> Response[ErrorBody | ObjectionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    verification_id: str,
    *,
    client: AuthenticatedClient,
    body: ObjectionIn,
) -> Response[ErrorBody | ObjectionOut]:
    """Record a citizen's objection to an automatic decision: a clerk reviews it

     Accepted for a completed verification of this client whose decision was automatic (`verified`,
    `retake` or `rejected`) and that no clerk has decided yet; 409 OBJECTION_REFUSED otherwise. The
    clerk's
    decision reaches the caller as `verification.reviewed`.

    Args:
        verification_id (str):
        body (ObjectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ObjectionOut]
    """

    kwargs = _get_kwargs(
        verification_id=verification_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    verification_id: str,
    *,
    client: AuthenticatedClient,
    body: ObjectionIn,
) -> ErrorBody | ObjectionOut | None:
    """Record a citizen's objection to an automatic decision: a clerk reviews it

     Accepted for a completed verification of this client whose decision was automatic (`verified`,
    `retake` or `rejected`) and that no clerk has decided yet; 409 OBJECTION_REFUSED otherwise. The
    clerk's
    decision reaches the caller as `verification.reviewed`.

    Args:
        verification_id (str):
        body (ObjectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ObjectionOut
    """

    return sync_detailed(
        verification_id=verification_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    verification_id: str,
    *,
    client: AuthenticatedClient,
    body: ObjectionIn,
) -> Response[ErrorBody | ObjectionOut]:
    """Record a citizen's objection to an automatic decision: a clerk reviews it

     Accepted for a completed verification of this client whose decision was automatic (`verified`,
    `retake` or `rejected`) and that no clerk has decided yet; 409 OBJECTION_REFUSED otherwise. The
    clerk's
    decision reaches the caller as `verification.reviewed`.

    Args:
        verification_id (str):
        body (ObjectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ObjectionOut]
    """

    kwargs = _get_kwargs(
        verification_id=verification_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    verification_id: str,
    *,
    client: AuthenticatedClient,
    body: ObjectionIn,
) -> ErrorBody | ObjectionOut | None:
    """Record a citizen's objection to an automatic decision: a clerk reviews it

     Accepted for a completed verification of this client whose decision was automatic (`verified`,
    `retake` or `rejected`) and that no clerk has decided yet; 409 OBJECTION_REFUSED otherwise. The
    clerk's
    decision reaches the caller as `verification.reviewed`.

    Args:
        verification_id (str):
        body (ObjectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ObjectionOut
    """

    return (
        await asyncio_detailed(
            verification_id=verification_id,
            client=client,
            body=body,
        )
    ).parsed
