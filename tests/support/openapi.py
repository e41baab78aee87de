"""Test helpers over the bundled OpenAPI documents: loading, JSON Schema, operations."""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from openapi_python_client.strings import snake_case

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
PROVIDERS = sorted(p.name for p in SPECS.iterdir() if p.is_dir() and not p.name.startswith("_"))
METHODS = ("get", "put", "post", "delete", "patch")
OPENAPI_ONLY = {
    "example",
    "examples",
    "discriminator",
    "xml",
    "externalDocs",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
}


@cache
def bundled(provider: str) -> dict[str, Any]:
    """The bundled document as the generated package ships it."""
    package = importlib.import_module(f"{provider}_client")
    spec: dict[str, Any] = json.loads(
        (Path(str(package.__file__)).parent / "openapi.json").read_text()
    )
    return spec


def operations(provider: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in bundled(provider)["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (once)."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def to_json_schema(spec: dict[str, Any], schema: Any) -> Any:
    """OpenAPI 3.0 schema -> JSON Schema (refs inlined, ``nullable`` made a type)."""

    def convert(node: Any) -> Any:
        if isinstance(node, list):
            return [convert(n) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return convert(resolve(spec, node))
        out = {
            k: convert(v)
            for k, v in node.items()
            if k not in OPENAPI_ONLY and not k.startswith("x-")
        }
        if node.get("format") == "binary":
            out.pop("format")
        if "properties" in node:
            out["properties"] = {k: convert(v) for k, v in node["properties"].items()}
        if node.get("nullable"):
            return {"anyOf": [out, {"type": "null"}]}
        return out

    return convert(copy.deepcopy(schema))


def json_content_schema(container: dict[str, Any]) -> Any | None:
    content = container.get("content", {})
    media = content.get("application/json")
    return None if media is None else media.get("schema")


def api_module(provider: str, operation: dict[str, Any]) -> ModuleType:
    """The generated module of an operation."""
    tag = snake_case(operation["tags"][0]) if operation.get("tags") else "default"
    return importlib.import_module(
        f"{provider}_client.api.{tag}.{snake_case(operation['operationId'])}"
    )


def model_class(provider: str, component: str) -> Any:
    """The generated class of a ``components/schemas`` entry."""
    from openapi_python_client.strings import pascal_case

    models = importlib.import_module(f"{provider}_client.models")
    return getattr(models, pascal_case(component))


class AnyBody:
    """A request body for a generated operation whose content does not matter here (the
    generated functions only call ``to_dict``/``to_multipart`` on it)."""

    def __init__(self, content: Any = None) -> None:
        self.content = {} if content is None else content

    def to_dict(self) -> Any:
        return self.content

    def to_multipart(self) -> list[Any]:
        return []


def answer_through(provider: str, module: Any, status: int, content: bytes) -> Any:
    """What the generated operation's public ``sync_detailed`` makes of an answer (``status``,
    ``content``), through a mock transport: a ``Response`` with ``.parsed``."""
    import inspect

    client, answers = _mock_client(provider)
    answers[:] = [(status, content)]
    kwargs = {
        name: AnyBody() if name == "body" else "x"
        for name, parameter in inspect.signature(module.sync_detailed).parameters.items()
        if name != "client" and parameter.default is inspect.Parameter.empty
    }
    return module.sync_detailed(client=client, **kwargs)


_MOCKS: dict[str, tuple[Any, list[tuple[int, bytes]]]] = {}


def _mock_client(provider: str) -> tuple[Any, list[tuple[int, bytes]]]:
    """One generated client per provider over a mock transport that gives the answer set
    in the returned list (made once: a TLS context per example would dominate the run)."""
    import httpx

    if provider not in _MOCKS:
        answers: list[tuple[int, bytes]] = []

        def reply(request: httpx.Request) -> httpx.Response:
            status, content = answers[0]
            return httpx.Response(status, content=content)

        http = httpx.Client(base_url="http://127.0.0.1:1", transport=httpx.MockTransport(reply))
        package = importlib.import_module(f"{provider}_client")
        client = package.Client(
            base_url="http://127.0.0.1:1", raise_on_unexpected_status=True
        ).set_httpx_client(http)
        _MOCKS[provider] = (client, answers)
    return _MOCKS[provider]
