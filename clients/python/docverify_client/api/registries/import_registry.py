from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.import_registry_body import ImportRegistryBody
from ...models.import_result import ImportResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    body: ImportRegistryBody,
    skip_invalid: bool | Unset = False,
    x_admin_token: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_admin_token, Unset):
        headers["x-admin-token"] = x_admin_token

    params: dict[str, Any] = {}

    params["skip_invalid"] = skip_invalid

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/registries/{name}/imports".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | ImportResult | None:
    if response.status_code == 201:
        response_201 = ImportResult.from_dict(response.json())

        return response_201

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
) -> Response[ErrorBody | ImportResult]:
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
    body: ImportRegistryBody,
    skip_invalid: bool | Unset = False,
    x_admin_token: None | str | Unset = UNSET,
) -> Response[ErrorBody | ImportResult]:
    """Load a registry CSV (contract columns); records are replaced by NIK, all or nothing

     Records are replaced by NIK; the whole file or nothing.

    **Operator only**: needs an API key with the `operator` scope (granted only by the operator's CLI:
    `docverify client create NAME --operator`) or the operator's `X-Admin-Token`. A client's `admin` key
    gets 403: registries and programs decide every client's verifications.

    Args:
        name (str):
        skip_invalid (bool | Unset): Skip invalid rows instead of refusing the file Default:
            False.
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.
        body (ImportRegistryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ImportResult]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
        skip_invalid=skip_invalid,
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
    body: ImportRegistryBody,
    skip_invalid: bool | Unset = False,
    x_admin_token: None | str | Unset = UNSET,
) -> ErrorBody | ImportResult | None:
    """Load a registry CSV (contract columns); records are replaced by NIK, all or nothing

     Records are replaced by NIK; the whole file or nothing.

    **Operator only**: needs an API key with the `operator` scope (granted only by the operator's CLI:
    `docverify client create NAME --operator`) or the operator's `X-Admin-Token`. A client's `admin` key
    gets 403: registries and programs decide every client's verifications.

    Args:
        name (str):
        skip_invalid (bool | Unset): Skip invalid rows instead of refusing the file Default:
            False.
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.
        body (ImportRegistryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ImportResult
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
        skip_invalid=skip_invalid,
        x_admin_token=x_admin_token,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: ImportRegistryBody,
    skip_invalid: bool | Unset = False,
    x_admin_token: None | str | Unset = UNSET,
) -> Response[ErrorBody | ImportResult]:
    """Load a registry CSV (contract columns); records are replaced by NIK, all or nothing

     Records are replaced by NIK; the whole file or nothing.

    **Operator only**: needs an API key with the `operator` scope (granted only by the operator's CLI:
    `docverify client create NAME --operator`) or the operator's `X-Admin-Token`. A client's `admin` key
    gets 403: registries and programs decide every client's verifications.

    Args:
        name (str):
        skip_invalid (bool | Unset): Skip invalid rows instead of refusing the file Default:
            False.
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.
        body (ImportRegistryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ImportResult]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
        skip_invalid=skip_invalid,
        x_admin_token=x_admin_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    body: ImportRegistryBody,
    skip_invalid: bool | Unset = False,
    x_admin_token: None | str | Unset = UNSET,
) -> ErrorBody | ImportResult | None:
    """Load a registry CSV (contract columns); records are replaced by NIK, all or nothing

     Records are replaced by NIK; the whole file or nothing.

    **Operator only**: needs an API key with the `operator` scope (granted only by the operator's CLI:
    `docverify client create NAME --operator`) or the operator's `X-Admin-Token`. A client's `admin` key
    gets 403: registries and programs decide every client's verifications.

    Args:
        name (str):
        skip_invalid (bool | Unset): Skip invalid rows instead of refusing the file Default:
            False.
        x_admin_token (None | str | Unset): Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN),
            instead of an API key with the operator scope.
        body (ImportRegistryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ImportResult
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
            skip_invalid=skip_invalid,
            x_admin_token=x_admin_token,
        )
    ).parsed
