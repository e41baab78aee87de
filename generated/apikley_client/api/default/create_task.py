from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apikley_error import ApikleyError
from ...models.bytedance_seedance_2_fast_request import BytedanceSeedance2FastRequest
from ...models.bytedance_seedance_2_mini_request import BytedanceSeedance2MiniRequest
from ...models.bytedance_seedance_2_request import BytedanceSeedance2Request
from ...models.bytedance_seedance_15_pro_request import BytedanceSeedance15ProRequest
from ...models.bytedance_seedance_25_request import BytedanceSeedance25Request
from ...models.bytedance_v1_lite_image_to_video_request import (
    BytedanceV1LiteImageToVideoRequest,
)
from ...models.bytedance_v1_lite_text_to_video_request import (
    BytedanceV1LiteTextToVideoRequest,
)
from ...models.bytedance_v1_pro_fast_image_to_video_request import (
    BytedanceV1ProFastImageToVideoRequest,
)
from ...models.bytedance_v1_pro_image_to_video_request import (
    BytedanceV1ProImageToVideoRequest,
)
from ...models.bytedance_v1_pro_text_to_video_request import (
    BytedanceV1ProTextToVideoRequest,
)
from ...models.create_task_response_200 import CreateTaskResponse200
from ...types import Response


def _get_kwargs(
    *,
    body: BytedanceSeedance15ProRequest
    | BytedanceSeedance25Request
    | BytedanceSeedance2FastRequest
    | BytedanceSeedance2MiniRequest
    | BytedanceSeedance2Request
    | BytedanceV1LiteImageToVideoRequest
    | BytedanceV1LiteTextToVideoRequest
    | BytedanceV1ProFastImageToVideoRequest
    | BytedanceV1ProImageToVideoRequest
    | BytedanceV1ProTextToVideoRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/jobs/createTask",
    }

    if (
        isinstance(body, BytedanceSeedance15ProRequest)
        or isinstance(body, BytedanceSeedance25Request)
        or isinstance(body, BytedanceSeedance2FastRequest)
        or isinstance(body, BytedanceSeedance2MiniRequest)
        or isinstance(body, BytedanceSeedance2Request)
        or isinstance(body, BytedanceV1LiteImageToVideoRequest)
        or isinstance(body, BytedanceV1LiteTextToVideoRequest)
        or isinstance(body, BytedanceV1ProFastImageToVideoRequest)
        or isinstance(body, BytedanceV1ProImageToVideoRequest)
    ):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApikleyError | CreateTaskResponse200 | None:
    if response.status_code == 200:
        response_200 = CreateTaskResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ApikleyError.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ApikleyError.from_dict(response.json())

        return response_402

    if response.status_code == 422:
        response_422 = ApikleyError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ApikleyError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ApikleyError.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = ApikleyError.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = ApikleyError.from_dict(response.json())

        return response_503

    if response.status_code == 505:
        response_505 = ApikleyError.from_dict(response.json())

        return response_505

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApikleyError | CreateTaskResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BytedanceSeedance15ProRequest
    | BytedanceSeedance25Request
    | BytedanceSeedance2FastRequest
    | BytedanceSeedance2MiniRequest
    | BytedanceSeedance2Request
    | BytedanceV1LiteImageToVideoRequest
    | BytedanceV1LiteTextToVideoRequest
    | BytedanceV1ProFastImageToVideoRequest
    | BytedanceV1ProImageToVideoRequest
    | BytedanceV1ProTextToVideoRequest,
) -> Response[ApikleyError | CreateTaskResponse200]:
    """Create a generation task (bytedance/seedance-1.5-pro, bytedance/seedance-2-5,
    bytedance/seedance-2-fast, bytedance/seedance-2-mini, bytedance/seedance-2, bytedance/v1-lite-image-
    to-video, bytedance/v1-lite-text-to-video, bytedance/v1-pro-fast-image-to-video, bytedance/v1-pro-
    image-to-video, bytedance/v1-pro-text-to-video)

    Args:
        body (BytedanceSeedance15ProRequest | BytedanceSeedance25Request |
            BytedanceSeedance2FastRequest | BytedanceSeedance2MiniRequest | BytedanceSeedance2Request
            | BytedanceV1LiteImageToVideoRequest | BytedanceV1LiteTextToVideoRequest |
            BytedanceV1ProFastImageToVideoRequest | BytedanceV1ProImageToVideoRequest |
            BytedanceV1ProTextToVideoRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApikleyError | CreateTaskResponse200]
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
    body: BytedanceSeedance15ProRequest
    | BytedanceSeedance25Request
    | BytedanceSeedance2FastRequest
    | BytedanceSeedance2MiniRequest
    | BytedanceSeedance2Request
    | BytedanceV1LiteImageToVideoRequest
    | BytedanceV1LiteTextToVideoRequest
    | BytedanceV1ProFastImageToVideoRequest
    | BytedanceV1ProImageToVideoRequest
    | BytedanceV1ProTextToVideoRequest,
) -> ApikleyError | CreateTaskResponse200 | None:
    """Create a generation task (bytedance/seedance-1.5-pro, bytedance/seedance-2-5,
    bytedance/seedance-2-fast, bytedance/seedance-2-mini, bytedance/seedance-2, bytedance/v1-lite-image-
    to-video, bytedance/v1-lite-text-to-video, bytedance/v1-pro-fast-image-to-video, bytedance/v1-pro-
    image-to-video, bytedance/v1-pro-text-to-video)

    Args:
        body (BytedanceSeedance15ProRequest | BytedanceSeedance25Request |
            BytedanceSeedance2FastRequest | BytedanceSeedance2MiniRequest | BytedanceSeedance2Request
            | BytedanceV1LiteImageToVideoRequest | BytedanceV1LiteTextToVideoRequest |
            BytedanceV1ProFastImageToVideoRequest | BytedanceV1ProImageToVideoRequest |
            BytedanceV1ProTextToVideoRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApikleyError | CreateTaskResponse200
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BytedanceSeedance15ProRequest
    | BytedanceSeedance25Request
    | BytedanceSeedance2FastRequest
    | BytedanceSeedance2MiniRequest
    | BytedanceSeedance2Request
    | BytedanceV1LiteImageToVideoRequest
    | BytedanceV1LiteTextToVideoRequest
    | BytedanceV1ProFastImageToVideoRequest
    | BytedanceV1ProImageToVideoRequest
    | BytedanceV1ProTextToVideoRequest,
) -> Response[ApikleyError | CreateTaskResponse200]:
    """Create a generation task (bytedance/seedance-1.5-pro, bytedance/seedance-2-5,
    bytedance/seedance-2-fast, bytedance/seedance-2-mini, bytedance/seedance-2, bytedance/v1-lite-image-
    to-video, bytedance/v1-lite-text-to-video, bytedance/v1-pro-fast-image-to-video, bytedance/v1-pro-
    image-to-video, bytedance/v1-pro-text-to-video)

    Args:
        body (BytedanceSeedance15ProRequest | BytedanceSeedance25Request |
            BytedanceSeedance2FastRequest | BytedanceSeedance2MiniRequest | BytedanceSeedance2Request
            | BytedanceV1LiteImageToVideoRequest | BytedanceV1LiteTextToVideoRequest |
            BytedanceV1ProFastImageToVideoRequest | BytedanceV1ProImageToVideoRequest |
            BytedanceV1ProTextToVideoRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApikleyError | CreateTaskResponse200]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BytedanceSeedance15ProRequest
    | BytedanceSeedance25Request
    | BytedanceSeedance2FastRequest
    | BytedanceSeedance2MiniRequest
    | BytedanceSeedance2Request
    | BytedanceV1LiteImageToVideoRequest
    | BytedanceV1LiteTextToVideoRequest
    | BytedanceV1ProFastImageToVideoRequest
    | BytedanceV1ProImageToVideoRequest
    | BytedanceV1ProTextToVideoRequest,
) -> ApikleyError | CreateTaskResponse200 | None:
    """Create a generation task (bytedance/seedance-1.5-pro, bytedance/seedance-2-5,
    bytedance/seedance-2-fast, bytedance/seedance-2-mini, bytedance/seedance-2, bytedance/v1-lite-image-
    to-video, bytedance/v1-lite-text-to-video, bytedance/v1-pro-fast-image-to-video, bytedance/v1-pro-
    image-to-video, bytedance/v1-pro-text-to-video)

    Args:
        body (BytedanceSeedance15ProRequest | BytedanceSeedance25Request |
            BytedanceSeedance2FastRequest | BytedanceSeedance2MiniRequest | BytedanceSeedance2Request
            | BytedanceV1LiteImageToVideoRequest | BytedanceV1LiteTextToVideoRequest |
            BytedanceV1ProFastImageToVideoRequest | BytedanceV1ProImageToVideoRequest |
            BytedanceV1ProTextToVideoRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApikleyError | CreateTaskResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
