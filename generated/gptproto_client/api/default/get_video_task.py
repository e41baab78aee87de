from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ark_task import ArkTask
from ...models.gptproto_error import GptprotoError
from ...models.task_envelope import TaskEnvelope
from ...types import Response


def _get_kwargs(
    task_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v3/contents/generations/tasks/{task_id}".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArkTask | TaskEnvelope | GptprotoError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ArkTask | TaskEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_get_video_task_response_type_0 = (
                    TaskEnvelope.from_dict(data)
                )

                return componentsschemas_get_video_task_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_get_video_task_response_type_1 = ArkTask.from_dict(data)

            return componentsschemas_get_video_task_response_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GptprotoError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GptprotoError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GptprotoError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GptprotoError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GptprotoError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = GptprotoError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ArkTask | TaskEnvelope | GptprotoError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ArkTask | TaskEnvelope | GptprotoError]:
    """Get a task's status and result

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkTask | TaskEnvelope | GptprotoError]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ArkTask | TaskEnvelope | GptprotoError | None:
    """Get a task's status and result

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkTask | TaskEnvelope | GptprotoError
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ArkTask | TaskEnvelope | GptprotoError]:
    """Get a task's status and result

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkTask | TaskEnvelope | GptprotoError]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ArkTask | TaskEnvelope | GptprotoError | None:
    """Get a task's status and result

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkTask | TaskEnvelope | GptprotoError
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
        )
    ).parsed
