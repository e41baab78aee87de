from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ark_error import ArkError
from ...models.list_content_generation_tasks_filter_service_tier import (
    ListContentGenerationTasksFilterServiceTier,
)
from ...models.list_content_generation_tasks_filter_status import (
    ListContentGenerationTasksFilterStatus,
)
from ...models.list_content_generation_tasks_response import (
    ListContentGenerationTasksResponse,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_num: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    filter_status: ListContentGenerationTasksFilterStatus | Unset = UNSET,
    filter_task_ids: list[str] | Unset = UNSET,
    filter_model: str | Unset = UNSET,
    filter_service_tier: ListContentGenerationTasksFilterServiceTier | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_num"] = page_num

    params["page_size"] = page_size

    json_filter_status: str | Unset = UNSET
    if not isinstance(filter_status, Unset):
        json_filter_status = filter_status.value

    params["filter.status"] = json_filter_status

    json_filter_task_ids: list[str] | Unset = UNSET
    if not isinstance(filter_task_ids, Unset):
        json_filter_task_ids = filter_task_ids

    params["filter.task_ids"] = json_filter_task_ids

    params["filter.model"] = filter_model

    json_filter_service_tier: str | Unset = UNSET
    if not isinstance(filter_service_tier, Unset):
        json_filter_service_tier = filter_service_tier.value

    params["filter.service_tier"] = json_filter_service_tier

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/contents/generations/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArkError | ListContentGenerationTasksResponse | None:
    if response.status_code == 200:
        response_200 = ListContentGenerationTasksResponse.from_dict(response.json())

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
) -> Response[ArkError | ListContentGenerationTasksResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_num: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    filter_status: ListContentGenerationTasksFilterStatus | Unset = UNSET,
    filter_task_ids: list[str] | Unset = UNSET,
    filter_model: str | Unset = UNSET,
    filter_service_tier: ListContentGenerationTasksFilterServiceTier | Unset = UNSET,
) -> Response[ArkError | ListContentGenerationTasksResponse]:
    """List video generation tasks

     Tasks of the last 7 days (UTC, `[now - 7 days, now)`) matching the filters.
    Repeating `filter.task_ids` reads many tasks in one request.

    Args:
        page_num (int | Unset):
        page_size (int | Unset):
        filter_status (ListContentGenerationTasksFilterStatus | Unset):
        filter_task_ids (list[str] | Unset):
        filter_model (str | Unset):
        filter_service_tier (ListContentGenerationTasksFilterServiceTier | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkError | ListContentGenerationTasksResponse]
    """

    kwargs = _get_kwargs(
        page_num=page_num,
        page_size=page_size,
        filter_status=filter_status,
        filter_task_ids=filter_task_ids,
        filter_model=filter_model,
        filter_service_tier=filter_service_tier,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page_num: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    filter_status: ListContentGenerationTasksFilterStatus | Unset = UNSET,
    filter_task_ids: list[str] | Unset = UNSET,
    filter_model: str | Unset = UNSET,
    filter_service_tier: ListContentGenerationTasksFilterServiceTier | Unset = UNSET,
) -> ArkError | ListContentGenerationTasksResponse | None:
    """List video generation tasks

     Tasks of the last 7 days (UTC, `[now - 7 days, now)`) matching the filters.
    Repeating `filter.task_ids` reads many tasks in one request.

    Args:
        page_num (int | Unset):
        page_size (int | Unset):
        filter_status (ListContentGenerationTasksFilterStatus | Unset):
        filter_task_ids (list[str] | Unset):
        filter_model (str | Unset):
        filter_service_tier (ListContentGenerationTasksFilterServiceTier | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkError | ListContentGenerationTasksResponse
    """

    return sync_detailed(
        client=client,
        page_num=page_num,
        page_size=page_size,
        filter_status=filter_status,
        filter_task_ids=filter_task_ids,
        filter_model=filter_model,
        filter_service_tier=filter_service_tier,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_num: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    filter_status: ListContentGenerationTasksFilterStatus | Unset = UNSET,
    filter_task_ids: list[str] | Unset = UNSET,
    filter_model: str | Unset = UNSET,
    filter_service_tier: ListContentGenerationTasksFilterServiceTier | Unset = UNSET,
) -> Response[ArkError | ListContentGenerationTasksResponse]:
    """List video generation tasks

     Tasks of the last 7 days (UTC, `[now - 7 days, now)`) matching the filters.
    Repeating `filter.task_ids` reads many tasks in one request.

    Args:
        page_num (int | Unset):
        page_size (int | Unset):
        filter_status (ListContentGenerationTasksFilterStatus | Unset):
        filter_task_ids (list[str] | Unset):
        filter_model (str | Unset):
        filter_service_tier (ListContentGenerationTasksFilterServiceTier | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkError | ListContentGenerationTasksResponse]
    """

    kwargs = _get_kwargs(
        page_num=page_num,
        page_size=page_size,
        filter_status=filter_status,
        filter_task_ids=filter_task_ids,
        filter_model=filter_model,
        filter_service_tier=filter_service_tier,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page_num: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    filter_status: ListContentGenerationTasksFilterStatus | Unset = UNSET,
    filter_task_ids: list[str] | Unset = UNSET,
    filter_model: str | Unset = UNSET,
    filter_service_tier: ListContentGenerationTasksFilterServiceTier | Unset = UNSET,
) -> ArkError | ListContentGenerationTasksResponse | None:
    """List video generation tasks

     Tasks of the last 7 days (UTC, `[now - 7 days, now)`) matching the filters.
    Repeating `filter.task_ids` reads many tasks in one request.

    Args:
        page_num (int | Unset):
        page_size (int | Unset):
        filter_status (ListContentGenerationTasksFilterStatus | Unset):
        filter_task_ids (list[str] | Unset):
        filter_model (str | Unset):
        filter_service_tier (ListContentGenerationTasksFilterServiceTier | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkError | ListContentGenerationTasksResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page_num=page_num,
            page_size=page_size,
            filter_status=filter_status,
            filter_task_ids=filter_task_ids,
            filter_model=filter_model,
            filter_service_tier=filter_service_tier,
        )
    ).parsed
