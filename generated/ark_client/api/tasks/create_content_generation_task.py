from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ark_error import ArkError
from ...models.create_content_generation_task_request import (
    CreateContentGenerationTaskRequest,
)
from ...models.create_content_generation_task_response import (
    CreateContentGenerationTaskResponse,
)
from ...types import Response


def _get_kwargs(
    *,
    body: CreateContentGenerationTaskRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/contents/generations/tasks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArkError | CreateContentGenerationTaskResponse | None:
    if response.status_code == 200:
        response_200 = CreateContentGenerationTaskResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ArkError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ArkError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ArkError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ArkError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ArkError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ArkError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ArkError | CreateContentGenerationTaskResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateContentGenerationTaskRequest,
) -> Response[ArkError | CreateContentGenerationTaskResponse]:
    """Create a video generation task

     Starts an asynchronous task and answers its id at once. Poll
    `GET /contents/generations/tasks/{id}` (or list with `filter.task_ids`) or pass
    `callback_url` to be told of each status change. At most 120 tasks may be queued per
    account (running and finished tasks do not count).

    Args:
        body (CreateContentGenerationTaskRequest): Body of `createContentGenerationTask`. Defaults
            named below are the server's; omit a
            field (or send null) to get them. Every optional field is nullable because the official
            SDK (`byteplussdkarkruntime` `content_generation.tasks.create`) sends null for each one it
            is not given, so Ark must read null as absent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkError | CreateContentGenerationTaskResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateContentGenerationTaskRequest,
) -> ArkError | CreateContentGenerationTaskResponse | None:
    """Create a video generation task

     Starts an asynchronous task and answers its id at once. Poll
    `GET /contents/generations/tasks/{id}` (or list with `filter.task_ids`) or pass
    `callback_url` to be told of each status change. At most 120 tasks may be queued per
    account (running and finished tasks do not count).

    Args:
        body (CreateContentGenerationTaskRequest): Body of `createContentGenerationTask`. Defaults
            named below are the server's; omit a
            field (or send null) to get them. Every optional field is nullable because the official
            SDK (`byteplussdkarkruntime` `content_generation.tasks.create`) sends null for each one it
            is not given, so Ark must read null as absent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkError | CreateContentGenerationTaskResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateContentGenerationTaskRequest,
) -> Response[ArkError | CreateContentGenerationTaskResponse]:
    """Create a video generation task

     Starts an asynchronous task and answers its id at once. Poll
    `GET /contents/generations/tasks/{id}` (or list with `filter.task_ids`) or pass
    `callback_url` to be told of each status change. At most 120 tasks may be queued per
    account (running and finished tasks do not count).

    Args:
        body (CreateContentGenerationTaskRequest): Body of `createContentGenerationTask`. Defaults
            named below are the server's; omit a
            field (or send null) to get them. Every optional field is nullable because the official
            SDK (`byteplussdkarkruntime` `content_generation.tasks.create`) sends null for each one it
            is not given, so Ark must read null as absent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkError | CreateContentGenerationTaskResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateContentGenerationTaskRequest,
) -> ArkError | CreateContentGenerationTaskResponse | None:
    """Create a video generation task

     Starts an asynchronous task and answers its id at once. Poll
    `GET /contents/generations/tasks/{id}` (or list with `filter.task_ids`) or pass
    `callback_url` to be told of each status change. At most 120 tasks may be queued per
    account (running and finished tasks do not count).

    Args:
        body (CreateContentGenerationTaskRequest): Body of `createContentGenerationTask`. Defaults
            named below are the server's; omit a
            field (or send null) to get them. Every optional field is nullable because the official
            SDK (`byteplussdkarkruntime` `content_generation.tasks.create`) sends null for each one it
            is not given, so Ark must read null as absent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkError | CreateContentGenerationTaskResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
