from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ark_task import ArkTask
from ...models.cache_control import CacheControl
from ...models.get_video_result_request import GetVideoResultRequest
from ...models.pixazo_error import PixazoError
from ...types import Response, Unset


def _get_kwargs(
    *,
    body: GetVideoResultRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(cache_control, Unset):
        headers["Cache-Control"] = str(cache_control)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/bytedance-polling/getVideoResult",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArkTask | PixazoError | None:
    if response.status_code == 200:
        response_200 = ArkTask.from_dict(response.json())

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
) -> Response[ArkTask | PixazoError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetVideoResultRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> Response[ArkTask | PixazoError]:
    """Get a task's status and result

     Returns Ark's task object for the id a create operation returned.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (GetVideoResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkTask | PixazoError]
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
    body: GetVideoResultRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> ArkTask | PixazoError | None:
    """Get a task's status and result

     Returns Ark's task object for the id a create operation returned.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (GetVideoResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkTask | PixazoError
    """

    return sync_detailed(
        client=client,
        body=body,
        cache_control=cache_control,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetVideoResultRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> Response[ArkTask | PixazoError]:
    """Get a task's status and result

     Returns Ark's task object for the id a create operation returned.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (GetVideoResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArkTask | PixazoError]
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
    body: GetVideoResultRequest,
    cache_control: CacheControl | Unset = CacheControl.NO_CACHE,
) -> ArkTask | PixazoError | None:
    """Get a task's status and result

     Returns Ark's task object for the id a create operation returned.

    Args:
        cache_control (CacheControl | Unset):  Default: CacheControl.NO_CACHE.
        body (GetVideoResultRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArkTask | PixazoError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            cache_control=cache_control,
        )
    ).parsed
