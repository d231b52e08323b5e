from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.registry_detail import RegistryDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    x_admin_token: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_admin_token, Unset):
        headers["x-admin-token"] = x_admin_token

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/registries/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | RegistryDetail | None:
    if response.status_code == 200:
        response_200 = RegistryDetail.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

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
) -> Response[ErrorBody | RegistryDetail]:
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
    x_admin_token: None | str | Unset = UNSET,
) -> Response[ErrorBody | RegistryDetail]:
    """One registry: record count and recent imports

     Record count and recent imports.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        name (str):
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | RegistryDetail]
    """

    kwargs = _get_kwargs(
        name=name,
        x_admin_token=x_admin_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> ErrorBody | RegistryDetail | None:
    """One registry: record count and recent imports

     Record count and recent imports.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        name (str):
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | RegistryDetail
    """

    return sync_detailed(
        name=name,
        client=client,
        x_admin_token=x_admin_token,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> Response[ErrorBody | RegistryDetail]:
    """One registry: record count and recent imports

     Record count and recent imports.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        name (str):
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | RegistryDetail]
    """

    kwargs = _get_kwargs(
        name=name,
        x_admin_token=x_admin_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> ErrorBody | RegistryDetail | None:
    """One registry: record count and recent imports

     Record count and recent imports.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        name (str):
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | RegistryDetail
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            x_admin_token=x_admin_token,
        )
    ).parsed
