from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.registry_summary import RegistrySummary
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    x_admin_token: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_admin_token, Unset):
        headers["x-admin-token"] = x_admin_token

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/registries",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | list[RegistrySummary] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = RegistrySummary.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

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
) -> Response[ErrorBody | list[RegistrySummary]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> Response[ErrorBody | list[RegistrySummary]]:
    """Registries and their record counts

     Names and record counts.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[RegistrySummary]]
    """

    kwargs = _get_kwargs(
        x_admin_token=x_admin_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> ErrorBody | list[RegistrySummary] | None:
    """Registries and their record counts

     Names and record counts.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[RegistrySummary]
    """

    return sync_detailed(
        client=client,
        x_admin_token=x_admin_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> Response[ErrorBody | list[RegistrySummary]]:
    """Registries and their record counts

     Names and record counts.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[RegistrySummary]]
    """

    kwargs = _get_kwargs(
        x_admin_token=x_admin_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    x_admin_token: None | str | Unset = UNSET,
) -> ErrorBody | list[RegistrySummary] | None:
    """Registries and their record counts

     Names and record counts.

    Needs the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records
    served.

    Args:
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[RegistrySummary]
    """

    return (
        await asyncio_detailed(
            client=client,
            x_admin_token=x_admin_token,
        )
    ).parsed
