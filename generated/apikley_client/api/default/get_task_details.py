from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apikley_error import ApikleyError
from ...models.task_details_response import TaskDetailsResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    task_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["taskId"] = task_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs/recordInfo",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApikleyError | TaskDetailsResponse | None:
    if response.status_code == 200:
        response_200 = TaskDetailsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ApikleyError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ApikleyError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ApikleyError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ApikleyError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ApikleyError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApikleyError | TaskDetailsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    task_id: str,
) -> Response[ApikleyError | TaskDetailsResponse]:
    """Get Task Details

     The unified query endpoint: status and results of a task created with createTask. The HTTP status
    can be 200 while the body code is an error: always read the body code. Right after creation the
    service may answer code 422 with msg "recordInfo is null": the task is not visible yet, keep
    polling.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApikleyError | TaskDetailsResponse]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    task_id: str,
) -> ApikleyError | TaskDetailsResponse | None:
    """Get Task Details

     The unified query endpoint: status and results of a task created with createTask. The HTTP status
    can be 200 while the body code is an error: always read the body code. Right after creation the
    service may answer code 422 with msg "recordInfo is null": the task is not visible yet, keep
    polling.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApikleyError | TaskDetailsResponse
    """

    return sync_detailed(
        client=client,
        task_id=task_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    task_id: str,
) -> Response[ApikleyError | TaskDetailsResponse]:
    """Get Task Details

     The unified query endpoint: status and results of a task created with createTask. The HTTP status
    can be 200 while the body code is an error: always read the body code. Right after creation the
    service may answer code 422 with msg "recordInfo is null": the task is not visible yet, keep
    polling.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApikleyError | TaskDetailsResponse]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    task_id: str,
) -> ApikleyError | TaskDetailsResponse | None:
    """Get Task Details

     The unified query endpoint: status and results of a task created with createTask. The HTTP status
    can be 200 while the body code is an error: always read the body code. Right after creation the
    service may answer code 422 with msg "recordInfo is null": the task is not visible yet, keep
    polling.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApikleyError | TaskDetailsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            task_id=task_id,
        )
    ).parsed
