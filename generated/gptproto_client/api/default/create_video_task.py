from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ark_task_created import ArkTaskCreated
from ...models.ark_video_task_request import ArkVideoTaskRequest
from ...models.created_task_envelope import CreatedTaskEnvelope
from ...models.gptproto_error import GptprotoError
from ...models.prompt_video_task_request import PromptVideoTaskRequest
from ...types import Response


def _get_kwargs(
    *,
    body: ArkVideoTaskRequest | PromptVideoTaskRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v3/contents/generations/tasks",
    }

    if isinstance(body, PromptVideoTaskRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArkTaskCreated | CreatedTaskEnvelope | GptprotoError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ArkTaskCreated | CreatedTaskEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_create_video_task_response_type_0 = (
                    CreatedTaskEnvelope.from_dict(data)
                )

                return componentsschemas_create_video_task_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_create_video_task_response_type_1 = (
                ArkTaskCreated.from_dict(data)
            )

            return componentsschemas_create_video_task_response_type_1

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
) -> Response[ArkTaskCreated | CreatedTaskEnvelope | GptprotoError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ArkVideoTaskRequest | PromptVideoTaskRequest,
) -> Response[ArkTaskCreated | CreatedTaskEnvelope | GptprotoError]:
    """Create a video generation task

     Takes either body shape. The answer is wrapped (`data.task_id`) for the prompt shape
    and raw (`id`) for the Ark shape, as the pages show; the client accepts both for either.

    Args:
        body (ArkVideoTaskRequest | PromptVideoTaskRequest): One of the two documented bodies.
            `prompt` is required in one and `content` in the
            other, and the prompt shape takes no other fields, so a body matches exactly one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkTaskCreated | CreatedTaskEnvelope | GptprotoError]
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
    body: ArkVideoTaskRequest | PromptVideoTaskRequest,
) -> ArkTaskCreated | CreatedTaskEnvelope | GptprotoError | None:
    """Create a video generation task

     Takes either body shape. The answer is wrapped (`data.task_id`) for the prompt shape
    and raw (`id`) for the Ark shape, as the pages show; the client accepts both for either.

    Args:
        body (ArkVideoTaskRequest | PromptVideoTaskRequest): One of the two documented bodies.
            `prompt` is required in one and `content` in the
            other, and the prompt shape takes no other fields, so a body matches exactly one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkTaskCreated | CreatedTaskEnvelope | GptprotoError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ArkVideoTaskRequest | PromptVideoTaskRequest,
) -> Response[ArkTaskCreated | CreatedTaskEnvelope | GptprotoError]:
    """Create a video generation task

     Takes either body shape. The answer is wrapped (`data.task_id`) for the prompt shape
    and raw (`id`) for the Ark shape, as the pages show; the client accepts both for either.

    Args:
        body (ArkVideoTaskRequest | PromptVideoTaskRequest): One of the two documented bodies.
            `prompt` is required in one and `content` in the
            other, and the prompt shape takes no other fields, so a body matches exactly one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkTaskCreated | CreatedTaskEnvelope | GptprotoError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ArkVideoTaskRequest | PromptVideoTaskRequest,
) -> ArkTaskCreated | CreatedTaskEnvelope | GptprotoError | None:
    """Create a video generation task

     Takes either body shape. The answer is wrapped (`data.task_id`) for the prompt shape
    and raw (`id`) for the Ark shape, as the pages show; the client accepts both for either.

    Args:
        body (ArkVideoTaskRequest | PromptVideoTaskRequest): One of the two documented bodies.
            `prompt` is required in one and `content` in the
            other, and the prompt shape takes no other fields, so a body matches exactly one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkTaskCreated | CreatedTaskEnvelope | GptprotoError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
