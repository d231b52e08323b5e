from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.reassess_accepted import ReassessAccepted
from ...types import Response


def _get_kwargs(
    verification_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/verifications/{verification_id}/reassess".format(
            verification_id=quote(str(verification_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ReassessAccepted | None:
    if response.status_code == 202:
        response_202 = ReassessAccepted.from_dict(response.json())

        return response_202

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
) -> Response[ErrorBody | ReassessAccepted]:
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
) -> Response[ErrorBody | ReassessAccepted]:
    """Assess again against its registry, now that it answers (no OCR again)

     Only for a verification that ended `needs_review` because its registry did not answer
    (`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) and that no clerk has decided;
    otherwise 409 NOT_REASSESSABLE. A worker matches the fields already read against the registry again
    and replaces the decision; the caller hears of it as a `verification.reassessed` event (and sees it
    with GET). Should the registry still not answer, nothing changes. Needs the `submit` scope.

    Args:
        verification_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ReassessAccepted]
    """

    kwargs = _get_kwargs(
        verification_id=verification_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    verification_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | ReassessAccepted | None:
    """Assess again against its registry, now that it answers (no OCR again)

     Only for a verification that ended `needs_review` because its registry did not answer
    (`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) and that no clerk has decided;
    otherwise 409 NOT_REASSESSABLE. A worker matches the fields already read against the registry again
    and replaces the decision; the caller hears of it as a `verification.reassessed` event (and sees it
    with GET). Should the registry still not answer, nothing changes. Needs the `submit` scope.

    Args:
        verification_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ReassessAccepted
    """

    return sync_detailed(
        verification_id=verification_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    verification_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | ReassessAccepted]:
    """Assess again against its registry, now that it answers (no OCR again)

     Only for a verification that ended `needs_review` because its registry did not answer
    (`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) and that no clerk has decided;
    otherwise 409 NOT_REASSESSABLE. A worker matches the fields already read against the registry again
    and replaces the decision; the caller hears of it as a `verification.reassessed` event (and sees it
    with GET). Should the registry still not answer, nothing changes. Needs the `submit` scope.

    Args:
        verification_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ReassessAccepted]
    """

    kwargs = _get_kwargs(
        verification_id=verification_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    verification_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | ReassessAccepted | None:
    """Assess again against its registry, now that it answers (no OCR again)

     Only for a verification that ended `needs_review` because its registry did not answer
    (`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) and that no clerk has decided;
    otherwise 409 NOT_REASSESSABLE. A worker matches the fields already read against the registry again
    and replaces the decision; the caller hears of it as a `verification.reassessed` event (and sees it
    with GET). Should the registry still not answer, nothing changes. Needs the `submit` scope.

    Args:
        verification_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ReassessAccepted
    """

    return (
        await asyncio_detailed(
            verification_id=verification_id,
            client=client,
        )
    ).parsed
