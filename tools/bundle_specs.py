"""Bundle each provider's OpenAPI documents into one document the generator can read.

Why a bundling step at all:
- Apikley publishes one document per model, all on the same ``createTask`` path. The
  bundle merges them: each model's body becomes a named schema and the path takes a
  ``oneOf`` of them, told apart by each variant's one-value ``model`` enum.
- What we add to a vendor document lives in ``extras.yaml`` and is merged here, so a
  newer vendor file can replace the old one and its diff shows only the vendor's changes.
  The merge only adds: changing a value the vendor wrote is an error.
- "Lenient in": enums in response and callback payloads are opened
  (``anyOf: [<named enum>, <plain type>]``) so a provider's new state or code parses.
- Enum values like ``'16:9'`` get stable names (``VALUE_16_9``) instead of positional ones.
- Our ``x-seedance-*`` extensions are laid over the vendor's model documents
  (``x-seedance-overlay`` in extras.yaml) and checked (tools/spec_extensions.py).

Every failure raises :class:`SpecError` naming the file and the location inside it.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spec_extensions

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
BUNDLED = SPECS / "_bundled"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

Json = Any


class SpecError(Exception):
    """A spec cannot be bundled; the message names the file and the location."""

    def __init__(self, file: Path | str, location: str, problem: str) -> None:
        self.file = str(file)
        self.location = location
        self.problem = problem
        super().__init__(f"{_rel(file)}: at {location or '<document>'}: {problem}")


def _rel(file: Path | str) -> str:
    path = Path(file)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- loading


def load_yaml(file: Path) -> Json:
    """Parse one YAML file; a syntax error names the line and column."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(file, "", f"cannot read: {exc.strerror}") from exc
    try:
        doc = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(file, where, f"invalid YAML: {exc.problem or exc.context}") from exc
    if not isinstance(doc, dict) or "openapi" not in doc:
        raise SpecError(file, "", "not an OpenAPI document (no top-level 'openapi' key)")
    if not str(doc["openapi"]).startswith("3.0"):
        raise SpecError(file, "openapi", f"unsupported version {doc['openapi']!r}; use 3.0.x")
    return doc


def validate(doc: Json, file: Path | str) -> None:
    """Validate against the OpenAPI 3.0 schema; the first error names its location."""
    from openapi_spec_validator import OpenAPIV30SpecValidator

    errors = sorted(
        OpenAPIV30SpecValidator(doc).iter_errors(), key=lambda e: [str(p) for p in e.path]
    )
    if errors:
        first = errors[0]
        location = ".".join(str(p) for p in first.path)
        raise SpecError(file, location, first.message)


# --------------------------------------------------------------------------- merging


def deep_merge_add_only(base: Json, extra: Json, file: Path, path: str = "") -> Json:
    """Add ``extra``'s keys to ``base``; a differing value at the same place is an error."""
    if isinstance(base, dict) and isinstance(extra, dict):
        for key, value in extra.items():
            where = f"{path}.{key}" if path else str(key)
            if key in base:
                base[key] = deep_merge_add_only(base[key], value, file, where)
            else:
                base[key] = copy.deepcopy(value)
        return base
    if base != extra:
        raise SpecError(
            file,
            path,
            f"would change the vendor's value {base!r} to {extra!r} (extras may only add keys)",
        )
    return base


def pascal(text: str) -> str:
    """``bytedance/seedance-1.5-pro`` -> ``BytedanceSeedance15Pro``."""
    words = re.split(r"[^0-9A-Za-z]+", text)
    return "".join(w[:1].upper() + w[1:] for w in words if w)


def merge_vendor_documents(files: list[Path]) -> Json:
    """Merge per-model vendor documents into one; shared operations take a ``oneOf`` body."""
    merged: Json = None
    bodies: dict[tuple[str, str], list[Json]] = {}
    for file in files:
        doc = load_yaml(file)
        validate(doc, file)
        for path, method, operation in _operations(doc):
            schema = operation.get("requestBody", {}).get("content", {})
            schema = schema.get("application/json", {}).get("schema")
            if schema is None:
                continue
            name = pascal(_model_name(schema, file, f"paths.{path}.{method}")) + "Request"
            hoisted = _hoist_request_schema(schema, name)
            bodies.setdefault((path, method), []).append((name, hoisted, operation, file))
        if merged is None:
            merged = copy.deepcopy(doc)
            continue
        stripped = copy.deepcopy(doc)
        for path, method, _ in _operations(stripped):
            del stripped["paths"][path][method]
        for key in ("info",):
            stripped.pop(key, None)
        merged = deep_merge_add_only(merged, stripped, file)

    schemas = merged.setdefault("components", {}).setdefault("schemas", {})
    for (path, method), variants in sorted(bodies.items()):
        names = []
        for name, hoisted, _operation, file in variants:
            for schema_name, schema in hoisted.items():
                if schema_name in schemas and schemas[schema_name] != schema:
                    raise SpecError(file, f"components.schemas.{schema_name}", "defined twice")
                schemas[schema_name] = schema
            names.append(name)
        first = copy.deepcopy(variants[0][2])
        operation = merged["paths"].setdefault(path, {}).setdefault(method, first)
        for key, value in first.items():
            operation.setdefault(key, value)
        # One operation id whatever the number of models, so adding a model document
        # never renames the generated module the wrapper imports.
        operation["operationId"] = _shared_operation_id(path)
        models = ", ".join(_model_name(v[1][v[0]], v[3], "") for v in variants)
        operation["summary"] = f"Create a generation task ({models})"
        body = operation["requestBody"]["content"]["application/json"]
        body.pop("example", None)
        body["schema"] = (
            {"oneOf": [{"$ref": f"#/components/schemas/{n}"} for n in names]}
            if len(names) > 1
            else {"$ref": f"#/components/schemas/{names[0]}"}
        )
        examples = {
            pascal(_model_name(v[1][v[0]], v[3], "")): {
                "value": v[2]["requestBody"]["content"]["application/json"]["example"]
            }
            for v in variants
            if "example" in v[2]["requestBody"]["content"]["application/json"]
        }
        if examples:
            body["examples"] = examples
    return merged


def _shared_operation_id(path: str) -> str:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last[:1].lower() + last[1:]


def _model_name(schema: Json, file: Path, where: str) -> str:
    model = schema.get("properties", {}).get("model", {})
    values = model.get("enum")
    if not isinstance(values, list) or len(values) != 1:
        raise SpecError(
            file,
            f"{where}.requestBody.content.application/json.schema.properties.model",
            "a per-model document needs a one-value 'model' enum to tell its body apart",
        )
    return str(values[0])


def _hoist_request_schema(schema: Json, name: str) -> dict[str, Json]:
    """Name the body and its ``input`` object so generated classes read well."""
    body = copy.deepcopy(schema)
    out: dict[str, Json] = {name: body}
    input_schema = body.get("properties", {}).get("input")
    if isinstance(input_schema, dict) and "$ref" not in input_schema:
        input_name = name.removesuffix("Request") + "Input"
        out[input_name] = input_schema
        body["properties"]["input"] = {"$ref": f"#/components/schemas/{input_name}"}
    return out


def _operations(doc: Json) -> Iterator[tuple[str, str, Json]]:
    for path, item in list(doc.get("paths", {}).items()):
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


# --------------------------------------------------------------------------- transforms


def _walk_refs(node: Json) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _walk_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_refs(value)


def _resolve(doc: Json, ref: str) -> Json:
    node = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _closure(doc: Json, roots: list[Json]) -> set[str]:
    """Every ``$ref`` reachable from ``roots``."""
    seen: set[str] = set()
    stack = [ref for root in roots for ref in _walk_refs(root)]
    while stack:
        ref = stack.pop()
        if ref in seen or not ref.startswith("#/"):
            continue
        seen.add(ref)
        stack.extend(_walk_refs(_resolve(doc, ref)))
    return seen


def open_response_enums(doc: Json) -> None:
    """Make enums in response and callback payloads accept values they don't list."""
    request_roots: list[Json] = []
    response_roots: list[tuple[str, Json]] = []
    for _path, _method, operation in _operations(doc):
        request_roots.append(operation.get("requestBody", {}))
        request_roots.append(operation.get("parameters", []))
        op_name = pascal(operation.get("operationId", "operation"))
        for status, response in operation.get("responses", {}).items():
            response_roots.append((f"{op_name}Response{pascal(str(status))}", response))
        for cb_name, callback in operation.get("callbacks", {}).items():
            for _expr, item in callback.items():
                for method in HTTP_METHODS:
                    if method in item:
                        response_roots.append(
                            (
                                f"{op_name}{pascal(cb_name)}Payload",
                                item[method].get("requestBody", {}),
                            )
                        )
    strict = _closure(doc, request_roots)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    new_components: dict[str, Json] = {}
    done: set[str] = set()

    def visit(node: Json, name: str) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item, name)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in strict or ref in done or not ref.startswith("#/components/schemas/"):
                return
            done.add(ref)
            target_name = ref.rsplit("/", 1)[-1]
            visit(schemas[target_name], target_name)
            return
        for prop, sub in node.get("properties", {}).items():
            node["properties"][prop] = open_or_visit(sub, name + pascal(prop))
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                node[key] = open_or_visit(node[key], name + "Item")
        for key in ("allOf", "oneOf", "anyOf"):
            for sub in node.get(key, []):
                visit(sub, name)
        for key in ("content", "schema", "headers"):
            if key in node:
                visit(node[key], name)
        for media in ("application/json", "multipart/form-data"):
            if media in node:
                visit(node[media], name)

    def open_or_visit(sub: Json, name: str) -> Json:
        """An enum in a property or item becomes open; anything else is walked."""
        if not isinstance(sub, dict):
            return sub
        if "enum" in sub and "$ref" not in sub and sub["enum"] != [None]:
            return _open_enum(sub, name, new_components)
        ref = sub.get("$ref")
        if isinstance(ref, str) and ref not in strict and ref.startswith("#/components/schemas/"):
            target = schemas[ref.rsplit("/", 1)[-1]]
            if "enum" in target:
                return {"anyOf": [{"$ref": ref}, {"type": target.get("type", "string")}]}
        visit(sub, name)
        return sub

    for name, root in response_roots:
        visit(root, name)
    for comp_name, comp in new_components.items():
        if comp_name in schemas and schemas[comp_name] != comp:
            raise SpecError(BUNDLED, f"components.schemas.{comp_name}", "name clash")
        schemas[comp_name] = comp


def _open_enum(schema: Json, name: str, new_components: dict[str, Json]) -> Json:
    json_type = schema.get("type", "string")
    new_components[name] = {"type": json_type, "enum": schema["enum"]}
    opened: Json = {
        "anyOf": [{"$ref": f"#/components/schemas/{name}"}, {"type": json_type}],
    }
    for key in ("description", "default", "example", "nullable"):
        if key in schema:
            opened[key] = schema[key]
    return opened


def name_enum_values(doc: Json) -> None:
    """Give string enums stable names from their values (``'16:9'`` -> ``VALUE_16_9``)."""

    def visit(node: Json, where: str) -> None:
        if isinstance(node, dict):
            values = node.get("enum")
            if (
                isinstance(values, list)
                and node.get("type", "string") == "string"
                and "x-enum-varnames" not in node
                and any(not (isinstance(v, str) and v[:1].isalpha()) for v in values)
            ):
                names = [_enum_var_name(v) for v in values]
                if len(set(names)) != len(names):
                    raise SpecError(BUNDLED, where, f"enum values {values!r} give clashing names")
                node["x-enum-varnames"] = names
            for key, value in node.items():
                visit(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, f"{where}[{index}]")

    visit(doc, "")


def _enum_var_name(value: Any) -> str:
    text = re.sub(r"[^0-9A-Za-z]+", "_", str(value)).strip("_").upper()
    if not text or not text[0].isalpha():
        text = f"VALUE_{text}" if text else "EMPTY"
    return text


# --------------------------------------------------------------------------- providers


def bundle_provider(provider_dir: Path) -> Json:
    """Return the bundled document of one provider folder."""
    vendor = sorted((provider_dir / "vendor").glob("*.yaml"))
    extras = provider_dir / "extras.yaml"
    own = provider_dir / f"{provider_dir.name}.yaml"
    if vendor:
        doc = merge_vendor_documents(vendor)
        if extras.exists():
            extra_doc = load_yaml(extras)
            validate(extra_doc, extras)
            extra_doc.pop("info", None)
            overlay = extra_doc.pop("x-seedance-overlay", None)
            deep_merge_add_only(doc, extra_doc, extras)
            if overlay is not None:
                spec_extensions.apply_overlay(
                    doc, overlay, lambda at, why: SpecError(extras, at, why), pascal
                )
        spec_extensions.check_model_inputs(
            doc, _model_input_names(doc), lambda at, why: SpecError(provider_dir, at, why)
        )
    elif own.exists():
        doc = load_yaml(own)
        validate(doc, own)
    else:
        raise SpecError(provider_dir, "", f"no vendor/*.yaml and no {own.name}")
    target = BUNDLED / f"{provider_dir.name}.yaml"
    spec_extensions.check_document(doc, lambda at, why: SpecError(target, at, why))
    open_response_enums(doc)
    name_enum_values(doc)
    validate(doc, target)
    return doc


def _model_input_names(doc: Json) -> list[str]:
    """The ``<Model>Input`` components of every createTask variant."""
    names = []
    for _path, _method, operation in _operations(doc):
        schema = operation.get("requestBody", {}).get("content", {})
        schema = schema.get("application/json", {}).get("schema", {})
        for ref in schema.get("oneOf", [schema]):
            if not isinstance(ref, dict) or "$ref" not in ref:
                continue
            body = _resolve(doc, ref["$ref"])
            inputs = body.get("properties", {}).get("input", {})
            if isinstance(inputs, dict) and "$ref" in inputs:
                names.append(inputs["$ref"].rsplit("/", 1)[-1])
    return names


def provider_dirs(specs: Path = SPECS) -> list[Path]:
    return sorted(p for p in specs.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def dump(doc: Json) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def bundle_all(specs: Path, out_dir: Path) -> list[Path]:
    """Bundle every provider; nothing is written unless all of them bundle."""
    rendered = {p.name: dump(bundle_provider(p)) for p in provider_dirs(specs)}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered.items():
        target = out_dir / f"{name}.yaml"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    specs = Path(argv[1]) if len(argv) > 1 else SPECS
    out_dir = Path(argv[2]) if len(argv) > 2 else BUNDLED
    try:
        for target in bundle_all(specs, out_dir):
            print(f"bundled {_rel(target)}")
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
