from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cache_control import CacheControl
from ...models.content_video_task_request import ContentVideoTaskRequest
from ...models.pixazo_error import PixazoError
from ...models.task_created import TaskCreated
from ...models.text_prompt_video_task_request import TextPromptVideoTaskRequest
from ...types import Response, Unset


def _get_kwargs(
    *,
    body: ContentVideoTaskRequest | TextPromptVideoTaskRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(cache_control, Unset):
        headers["Cache-Control"] = str(cache_control)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/byteplus/v1/generateVideoTask",
    }

    if isinstance(body, TextPromptVideoTaskRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PixazoError | TaskCreated | None:
    if response.status_code == 200:
        response_200 = TaskCreated.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = PixazoError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = PixazoError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = PixazoError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = PixazoError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = PixazoError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = PixazoError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PixazoError | TaskCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContentVideoTaskRequest | TextPromptVideoTaskRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> Response[PixazoError | TaskCreated]:
    """Create a text to video task

     Returns the Ark task id; poll it with getVideoResult, or pass `callback_url`.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (ContentVideoTaskRequest | TextPromptVideoTaskRequest): The page's example sends the
            prompt as `text`; its parameter table instead requires an
            Ark-style `content` array. A body must carry at least one of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PixazoError | TaskCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        cache_control=cache_control,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ContentVideoTaskRequest | TextPromptVideoTaskRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> PixazoError | TaskCreated | None:
    """Create a text to video task

     Returns the Ark task id; poll it with getVideoResult, or pass `callback_url`.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (ContentVideoTaskRequest | TextPromptVideoTaskRequest): The page's example sends the
            prompt as `text`; its parameter table instead requires an
            Ark-style `content` array. A body must carry at least one of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PixazoError | TaskCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        cache_control=cache_control,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContentVideoTaskRequest | TextPromptVideoTaskRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> Response[PixazoError | TaskCreated]:
    """Create a text to video task

     Returns the Ark task id; poll it with getVideoResult, or pass `callback_url`.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (ContentVideoTaskRequest | TextPromptVideoTaskRequest): The page's example sends the
            prompt as `text`; its parameter table instead requires an
            Ark-style `content` array. A body must carry at least one of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PixazoError | TaskCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        cache_control=cache_control,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ContentVideoTaskRequest | TextPromptVideoTaskRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> PixazoError | TaskCreated | None:
    """Create a text to video task

     Returns the Ark task id; poll it with getVideoResult, or pass `callback_url`.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (ContentVideoTaskRequest | TextPromptVideoTaskRequest): The page's example sends the
            prompt as `text`; its parameter table instead requires an
            Ark-style `content` array. A body must carry at least one of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PixazoError | TaskCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            cache_control=cache_control,
        )
    ).parsed
