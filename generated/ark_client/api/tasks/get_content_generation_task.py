from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ark_error import ArkError
from ...models.content_generation_task import ContentGenerationTask
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/contents/generations/tasks/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArkError | ContentGenerationTask | None:
    if response.status_code == 200:
        response_200 = ContentGenerationTask.from_dict(response.json())

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
) -> Response[ArkError | ContentGenerationTask]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ArkError | ContentGenerationTask]:
    """Retrieve a video generation task

     The task's status and, once it succeeded, the video URL (valid 24 hours). Fields other
    than `id` and `status` may be missing while the task is queued or running, and newer
    fields may appear.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkError | ContentGenerationTask]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ArkError | ContentGenerationTask | None:
    """Retrieve a video generation task

     The task's status and, once it succeeded, the video URL (valid 24 hours). Fields other
    than `id` and `status` may be missing while the task is queued or running, and newer
    fields may appear.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkError | ContentGenerationTask
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ArkError | ContentGenerationTask]:
    """Retrieve a video generation task

     The task's status and, once it succeeded, the video URL (valid 24 hours). Fields other
    than `id` and `status` may be missing while the task is queued or running, and newer
    fields may appear.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkError | ContentGenerationTask]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ArkError | ContentGenerationTask | None:
    """Retrieve a video generation task

     The task's status and, once it succeeded, the video URL (valid 24 hours). Fields other
    than `id` and `status` may be missing while the task is queued or running, and newer
    fields may appear.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkError | ContentGenerationTask
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
