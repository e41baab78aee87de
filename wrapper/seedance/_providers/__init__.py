"""Provider adapters, one module each, imported on demand (their generated clients load
only when a provider is used, which keeps ``import seedance`` fast)."""

from __future__ import annotations

import importlib

from .._errors import ConfigurationError
from ._base import Adapter

ADAPTERS: dict[str, str] = {
    "apikley": "seedance._providers.apikley:ApikleyAdapter",
    "pixazo": "seedance._providers.pixazo:PixazoAdapter",
    "gptproto": "seedance._providers.gptproto:GptprotoAdapter",
    "ark": "seedance._providers.ark:ArkAdapter",
}

_cache: dict[str, Adapter] = {}


def available() -> list[str]:
    """Providers whose adapter is installed."""
    out = []
    for name, target in ADAPTERS.items():
        try:
            importlib.import_module(target.partition(":")[0])
        except ModuleNotFoundError:
            continue
        out.append(name)
    return out


def get_adapter(provider: str) -> Adapter:
    """The adapter of ``provider``; an unknown name lists the known ones."""
    if provider not in _cache:
        target = ADAPTERS.get(provider)
        if target is None:
            raise ConfigurationError(
                f"provider={provider!r} is not supported; choose one of {sorted(ADAPTERS)}",
                provider=provider,
            )
        module_name, _, class_name = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            raise ConfigurationError(
                f"provider={provider!r} is not available in this installation ({exc})",
                provider=provider,
            ) from exc
        _cache[provider] = getattr(module, class_name)()
    return _cache[provider]
