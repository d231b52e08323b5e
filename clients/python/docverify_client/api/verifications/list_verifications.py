import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.list_verifications_decision_type_0 import (
    ListVerificationsDecisionType0,
)
from ...models.list_verifications_status_type_0 import (
    ListVerificationsStatusType0,
)
from ...models.verification_list import VerificationList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListVerificationsStatusType0 | None | Unset = UNSET,
    decision: ListVerificationsDecisionType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, str):
        json_status = status
    else:
        json_status = status
    params["status"] = json_status

    json_decision: None | str | Unset
    if isinstance(decision, Unset):
        json_decision = UNSET
    elif isinstance(decision, str):
        json_decision = decision
    else:
        json_decision = decision
    params["decision"] = json_decision

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/verifications",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | VerificationList | None:
    if response.status_code == 200:
        response_200 = VerificationList.from_dict(response.json())

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
) -> Response[ErrorBody | VerificationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListVerificationsStatusType0 | None | Unset = UNSET,
    decision: ListVerificationsDecisionType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ErrorBody | VerificationList]:
    """Verifications, newest first

    Args:
        status (ListVerificationsStatusType0 | None | Unset):
        decision (ListVerificationsDecisionType0 | None | Unset):
        created_after (datetime.datetime | None | Unset): ISO 8601, inclusive
        created_before (datetime.datetime | None | Unset): ISO 8601, exclusive
        cursor (None | str | Unset): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | VerificationList]
    """

    kwargs = _get_kwargs(
        status=status,
        decision=decision,
        created_after=created_after,
        created_before=created_before,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListVerificationsStatusType0 | None | Unset = UNSET,
    decision: ListVerificationsDecisionType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ErrorBody | VerificationList | None:
    """Verifications, newest first

    Args:
        status (ListVerificationsStatusType0 | None | Unset):
        decision (ListVerificationsDecisionType0 | None | Unset):
        created_after (datetime.datetime | None | Unset): ISO 8601, inclusive
        created_before (datetime.datetime | None | Unset): ISO 8601, exclusive
        cursor (None | str | Unset): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | VerificationList
    """

    return sync_detailed(
        client=client,
        status=status,
        decision=decision,
        created_after=created_after,
        created_before=created_before,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListVerificationsStatusType0 | None | Unset = UNSET,
    decision: ListVerificationsDecisionType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ErrorBody | VerificationList]:
    """Verifications, newest first

    Args:
        status (ListVerificationsStatusType0 | None | Unset):
        decision (ListVerificationsDecisionType0 | None | Unset):
        created_after (datetime.datetime | None | Unset): ISO 8601, inclusive
        created_before (datetime.datetime | None | Unset): ISO 8601, exclusive
        cursor (None | str | Unset): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | VerificationList]
    """

    kwargs = _get_kwargs(
        status=status,
        decision=decision,
        created_after=created_after,
        created_before=created_before,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListVerificationsStatusType0 | None | Unset = UNSET,
    decision: ListVerificationsDecisionType0 | None | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ErrorBody | VerificationList | None:
    """Verifications, newest first

    Args:
        status (ListVerificationsStatusType0 | None | Unset):
        decision (ListVerificationsDecisionType0 | None | Unset):
        created_after (datetime.datetime | None | Unset): ISO 8601, inclusive
        created_before (datetime.datetime | None | Unset): ISO 8601, exclusive
        cursor (None | str | Unset): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | VerificationList
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            decision=decision,
            created_after=created_after,
            created_before=created_before,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
