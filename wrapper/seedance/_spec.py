"""Reading the bundled specs (each generated package's ``openapi.json``), the one place
constraints come from: the adapters and the fakes both read them here, so they cannot drift.
Parsed on first use, so ``import seedance`` stays cheap."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from attrs import define
from attrs import field as attr_field

Schema = dict[str, Any]


@cache
def load_spec(package: str) -> dict[str, Any]:
    """The bundled spec shipped in a generated package (read once per process)."""
    text = files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s until a schema."""
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operation(spec: Mapping[str, Any], path: str, method: str) -> Mapping[str, Any]:
    """The operation object at ``path``/``method`` (empty when the spec has none)."""
    found: Mapping[str, Any] = spec.get("paths", {}).get(path, {}).get(method, {})
    return found


@define(frozen=True)
class MediaLimits:
    """How many inputs of one kind a model takes, and in which roles."""

    min: int = 0
    max: int = 0
    roles: tuple[str, ...] = ()


@define(frozen=True)
class SpecModel:
    """One model of ``x-seedance-models``: limits and the options it takes, each already
    narrowed (the ``options_from`` property with the model's fragment applied)."""

    model: str
    source: str
    images: MediaLimits
    videos: MediaLimits
    audios: MediaLimits
    options: Mapping[str, Schema] = attr_field(repr=False)
    unsupported: frozenset[str] = frozenset()
    modes: tuple[Mapping[str, Any], ...] = attr_field(default=(), repr=False)
    """The media combinations the model takes (specs/CONVENTIONS.md, "Modes")."""


@define(frozen=True)
class Alias:
    """Another name for every model: ``add_prefix`` + the id without ``remove_prefix``
    (Volcengine: ``doubao-seedance-1-5-pro-251215``, ``doubao-seedance-2-0-260128``)."""

    add_prefix: str
    remove_prefix: str = ""

    def apply(self, model: str) -> str:
        return self.add_prefix + model.removeprefix(self.remove_prefix)


class ModelTable:
    """The spec's ``x-seedance-models`` (specs/CONVENTIONS.md, "Per-model constraints"):
    a model's option schema is the ``options_from`` property with its fragment laid over
    (fragments only narrow: a test checks it). A mistake in the table raises at first use."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        extension = spec.get("x-seedance-models")
        if not isinstance(extension, Mapping):
            raise ValueError("the spec has no x-seedance-models")
        base = resolve(spec, extension["options_from"])
        self.base: dict[str, Schema] = {
            name: non_null(spec, schema) for name, schema in base["properties"].items()
        }
        self.default: str = extension["default"]
        self.endpoint_pattern: str | None = extension.get("endpoint_pattern")
        self.task_type_rules: Mapping[str, Mapping[str, Schema]] = extension.get(
            "task_type_rules", {}
        )
        self.aliases = tuple(
            Alias(rule["add_prefix"], rule.get("remove_prefix", ""))
            for rule in extension.get("aliases", [])
        )
        self.models: dict[str, SpecModel] = {
            name: self._model(name, entry) for name, entry in extension["models"].items()
        }
        if self.default not in self.models:
            raise ValueError(f"x-seedance-models.default {self.default!r} is not a model")
        self._names = {name: name for name in self.models}
        for alias in self.aliases:
            self._names.update({alias.apply(name): name for name in self.models})

    def _model(self, name: str, entry: Mapping[str, Any]) -> SpecModel:
        fragments = entry.get("options", {})
        unsupported = frozenset(entry.get("unsupported", []))
        if unknown := (set(fragments) | unsupported) - set(self.base):
            raise ValueError(f"x-seedance-models.models.{name}: no such option {sorted(unknown)}")
        return SpecModel(
            model=name,
            source=str(entry.get("source", "")),
            images=_limits(entry.get("images")),
            videos=_limits(entry.get("videos")),
            audios=_limits(entry.get("audios")),
            options={
                prop: {**schema, **fragments.get(prop, {})}
                for prop, schema in self.base.items()
                if prop not in unsupported
            },
            unsupported=unsupported,
            modes=tuple(entry.get("modes", ())),
        )

    def canonical(self, model: str) -> str | None:
        """The table's id for ``model`` (itself or an alias), or None if unknown."""
        return self._names.get(model)

    def find(self, model: str) -> SpecModel | None:
        return self.models.get(self._names.get(model, ""))


def non_null(spec: Mapping[str, Any], schema: Any) -> Schema:
    """A property as one plain schema: ``$ref`` followed, and the nullable-enum form
    ``anyOf: [<enum>, {nullable: true, enum: [null]}]`` (specs/CONVENTIONS.md) read as the
    enum plus ``nullable: true``, which is what the wrapper and the fakes check against."""
    schema = resolve(spec, schema)
    branches = schema.get("anyOf", [])
    real = [b for b in branches if resolve(spec, b).get("enum") != [None]]
    if not branches or len(real) != 1 or len(real) == len(branches):
        return dict(schema)
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**resolve(spec, real[0]), **rest, "nullable": True}


def _limits(raw: Mapping[str, Any] | None) -> MediaLimits:
    if not raw:
        return MediaLimits()
    return MediaLimits(int(raw.get("min", 0)), int(raw.get("max", 0)), tuple(raw.get("roles", ())))
