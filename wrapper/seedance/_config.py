"""Settings a client reads from its arguments and the environment, in one place:
``<PROVIDER>_API_KEY``, ``_BASE_URL``, ``_UPLOAD_URL`` (Apikley's upload host), ``_REGION``
(Ark: ``byteplus`` or ``volcengine``); ``SEEDANCE_CALLBACK_SECRET`` signs callback URLs."""

from __future__ import annotations

import os
import secrets

from attrs import define, field

from ._errors import AuthenticationError, ConfigurationError
from ._providers._base import Adapter

CALLBACK_SECRET_ENV = "SEEDANCE_CALLBACK_SECRET"


@define(frozen=True)
class Settings:
    """Where and as whom a client talks to its provider."""

    provider: str
    api_key: str = field(repr=False)
    base_url: str
    upload_base_url: str | None
    callback_url: str | None
    callback_secret: bytes | None = field(repr=False)


def settings(
    adapter: Adapter,
    *,
    api_key: str | None,
    base_url: str | None,
    upload_base_url: str | None,
    callback_url: str | None,
    callback_secret: str | bytes | None,
) -> Settings:
    """Arguments first, then the provider's environment variables, then the spec."""
    prefix = adapter.name.upper()
    key = api_key or os.environ.get(adapter.env_key)
    if not key:
        raise AuthenticationError(
            f"no API key for {adapter.name}: set the environment variable "
            f"{adapter.env_key} or pass api_key=",
            provider=adapter.name,
        )
    given = callback_secret or os.environ.get(CALLBACK_SECRET_ENV)
    secret = (given.encode() if isinstance(given, str) else given) or secrets.token_bytes(32)
    return Settings(
        provider=adapter.name,
        api_key=key,
        base_url=(base_url or os.environ.get(f"{prefix}_BASE_URL") or _region_url(adapter)),
        upload_base_url=upload_base_url or os.environ.get(f"{prefix}_UPLOAD_URL") or None,
        callback_url=callback_url,
        callback_secret=secret if callback_url else None,
    )


def _region_url(adapter: Adapter) -> str:
    """The spec's server for ``<PROVIDER>_REGION`` (Ark's BytePlus / Volcengine), else its
    first server."""
    regions = adapter.regions
    wanted = os.environ.get(f"{adapter.name.upper()}_REGION", "").strip().lower()
    if not wanted:
        return adapter.default_base_url
    if wanted not in regions:
        raise ConfigurationError(
            f"{adapter.name.upper()}_REGION={wanted!r} is not known; choose one of "
            f"{sorted(regions) or 'none'} (or set {adapter.name.upper()}_BASE_URL)",
            provider=adapter.name,
        )
    return str(regions[wanted])
