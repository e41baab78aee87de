from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apikley_error import ApikleyError
from ...models.download_url_request import DownloadUrlRequest
from ...models.download_url_response import DownloadUrlResponse
from ...types import Response


def _get_kwargs(
    *,
    body: DownloadUrlRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/common/download-url",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApikleyError | DownloadUrlResponse | None:
    if response.status_code == 200:
        response_200 = DownloadUrlResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ApikleyError.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ApikleyError.from_dict(response.json())

        return response_402

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
) -> Response[ApikleyError | DownloadUrlResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DownloadUrlRequest,
) -> Response[ApikleyError | DownloadUrlResponse]:
    """Get Download URL for Generated Files

     Turns the URL of a file this service generated into a temporary download link, valid for 20 minutes.
    External URLs are refused with 422. A result URL that cannot be fetched directly (x-seedance-result-
    fetch-fallback lists the HTTP statuses) is passed through here once, then downloaded.

    Args:
        body (DownloadUrlRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApikleyError | DownloadUrlResponse]
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
    body: DownloadUrlRequest,
) -> ApikleyError | DownloadUrlResponse | None:
    """Get Download URL for Generated Files

     Turns the URL of a file this service generated into a temporary download link, valid for 20 minutes.
    External URLs are refused with 422. A result URL that cannot be fetched directly (x-seedance-result-
    fetch-fallback lists the HTTP statuses) is passed through here once, then downloaded.

    Args:
        body (DownloadUrlRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApikleyError | DownloadUrlResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DownloadUrlRequest,
) -> Response[ApikleyError | DownloadUrlResponse]:
    """Get Download URL for Generated Files

     Turns the URL of a file this service generated into a temporary download link, valid for 20 minutes.
    External URLs are refused with 422. A result URL that cannot be fetched directly (x-seedance-result-
    fetch-fallback lists the HTTP statuses) is passed through here once, then downloaded.

    Args:
        body (DownloadUrlRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApikleyError | DownloadUrlResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: DownloadUrlRequest,
) -> ApikleyError | DownloadUrlResponse | None:
    """Get Download URL for Generated Files

     Turns the URL of a file this service generated into a temporary download link, valid for 20 minutes.
    External URLs are refused with 422. A result URL that cannot be fetched directly (x-seedance-result-
    fetch-fallback lists the HTTP statuses) is passed through here once, then downloaded.

    Args:
        body (DownloadUrlRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApikleyError | DownloadUrlResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
