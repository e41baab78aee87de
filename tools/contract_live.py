"""Check a real provider against our spec with calls that cost nothing.

``make contract-live PROVIDER=ark`` (key from ``ARK_API_KEY``, ``APIKLEY_API_KEY``, ...)
sends only free calls: a wrong key, a request the provider must refuse (an unknown model,
an out-of-range value), the credit balance, an unknown task id, a list. It uses the
generated client of the provider (the request is built by the generated operation; the
answer is parsed by it too), checks each answer's status and body against the bundled
spec with jsonschema, and prints what disagrees. Exit status 1 when anything disagrees.

Why: every test runs against our fakes, which read the same spec, so a wrong guess about
a real API passes every test. This is the one place the real API is asked. It is never run
by the test suite against a real host (``--base-url`` points it at a fake there).

Nothing here creates a task: each create call is one the provider refuses before any work
(an unknown model id, or a duration far outside every model's range).
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jsonschema

WRONG_KEY = "contract-check-invalid-key"
UNKNOWN_MODEL = "seedance-contract-check-no-such-model"
UNKNOWN_TASK = "cgt-20000101000000-nokey"
OPENAPI_ONLY = {"example", "examples", "discriminator", "xml", "externalDocs", "deprecated"}
TIMEOUT = httpx.Timeout(30.0, connect=10.0)

ENV_KEYS = {
    "apikley": "APIKLEY_API_KEY",
    "ark": "ARK_API_KEY",
    "gptproto": "GPTPROTO_API_KEY",
    "pixazo": "PIXAZO_API_KEY",
}


@dataclass(frozen=True)
class Check:
    """One free call: which operation, its arguments, and the answers that agree."""

    name: str
    path: str
    method: str
    module: str  # the generated operation module, e.g. "api.default.get_credits"
    kwargs: Callable[[Any], dict[str, Any]]  # models module -> the operation's arguments
    expect: frozenset[int]  # effective codes that agree (HTTP status or body code)
    wrong_key: bool = False
    json_body: Any = None  # replaces the generated body: for requests it would refuse


@dataclass
class Result:
    check: str
    status: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.problems


# --------------------------------------------------------------------------- checks


def checks_for(provider: str) -> list[Check]:
    """The free calls for one provider."""
    if provider == "apikley":
        return [
            Check(
                "wrong key: credits",
                "/api/v1/chat/credit",
                "get",
                "api.default.get_credits",
                lambda m: {},
                frozenset({401}),
                wrong_key=True,
            ),
            Check(
                "credits",
                "/api/v1/chat/credit",
                "get",
                "api.default.get_credits",
                lambda m: {},
                frozenset({200}),
            ),
            Check(
                "unknown task id",
                "/api/v1/jobs/recordInfo",
                "get",
                "api.default.get_task_details",
                lambda m: {"task_id": UNKNOWN_TASK},
                frozenset({404, 422}),
            ),
            Check(
                "unknown model refused",
                "/api/v1/jobs/createTask",
                "post",
                "api.default.create_task",
                lambda m: {
                    "body": m.BytedanceSeedance15ProRequest.from_dict(
                        {
                            "model": "bytedance/seedance-1.5-pro",
                            "input": {"prompt": "contract check", "aspect_ratio": "1:1"},
                        }
                    )
                },
                frozenset({404, 422}),
                json_body={"model": UNKNOWN_MODEL, "input": {"prompt": "contract check"}},
            ),
            Check(
                "download link for an external URL refused",
                "/api/v1/common/download-url",
                "post",
                "api.default.get_download_url",
                lambda m: {"body": m.DownloadUrlRequest(url="https://example.com/not-ours.mp4")},
                frozenset({422}),
            ),
        ]
    if provider == "ark":
        create = "api.tasks.create_content_generation_task"
        text = [{"type": "text", "text": "contract check"}]
        return [
            Check(
                "wrong key: list",
                "/contents/generations/tasks",
                "get",
                "api.tasks.list_content_generation_tasks",
                lambda m: {"page_size": 1},
                frozenset({401}),
                wrong_key=True,
            ),
            Check(
                "list one task",
                "/contents/generations/tasks",
                "get",
                "api.tasks.list_content_generation_tasks",
                lambda m: {"page_size": 1},
                frozenset({200}),
            ),
            Check(
                "unknown task id",
                "/contents/generations/tasks/{id}",
                "get",
                "api.tasks.get_content_generation_task",
                lambda m: {"id": UNKNOWN_TASK},
                frozenset({404}),
            ),
            Check(
                "delete an unknown task id",
                "/contents/generations/tasks/{id}",
                "delete",
                "api.tasks.delete_content_generation_task",
                lambda m: {"id": UNKNOWN_TASK},
                frozenset({404}),
            ),
            Check(
                "unknown model refused",
                "/contents/generations/tasks",
                "post",
                create,
                lambda m: {
                    "body": m.CreateContentGenerationTaskRequest.from_dict(
                        {"model": UNKNOWN_MODEL, "content": text}
                    )
                },
                frozenset({400, 404}),
            ),
            Check(
                "duration 999 refused",
                "/contents/generations/tasks",
                "post",
                create,
                lambda m: {
                    "body": m.CreateContentGenerationTaskRequest.from_dict(
                        {"model": "seedance-1-5-pro-251215", "content": text}
                    )
                },
                # 403/404: the account has not opened the model (still free, still checked)
                frozenset({400, 403, 404}),
                json_body={"model": "seedance-1-5-pro-251215", "content": text, "duration": 999},
            ),
        ]
    if provider == "gptproto":
        path = "/api/v3/contents/generations/tasks"
        return [
            Check(
                "wrong key: unknown task",
                f"{path}/{{task_id}}",
                "get",
                "api.default.get_video_task",
                lambda m: {"task_id": UNKNOWN_TASK},
                frozenset({401, 403}),
                wrong_key=True,
            ),
            Check(
                "unknown task id",
                f"{path}/{{task_id}}",
                "get",
                "api.default.get_video_task",
                lambda m: {"task_id": UNKNOWN_TASK},
                frozenset({404}),
            ),
            Check(
                "a body with neither prompt nor content refused",
                path,
                "post",
                "api.default.create_video_task",
                lambda m: {
                    "body": m.ArkVideoTaskRequest.from_dict(
                        {
                            "model": "seedance-1-5-pro-251215",
                            "content": [{"type": "text", "text": "contract check"}],
                        }
                    )
                },
                frozenset({400}),
                json_body={"model": "seedance-1-5-pro-251215", "duration": 999},
            ),
        ]
    if provider == "pixazo":
        return [
            Check(
                "wrong key: unknown task",
                "/bytedance-polling/getVideoResult",
                "post",
                "api.default.get_video_result",
                lambda m: {"body": m.GetVideoResultRequest(task_id=UNKNOWN_TASK)},
                frozenset({401, 403}),
                wrong_key=True,
            ),
            Check(
                "unknown task id",
                "/bytedance-polling/getVideoResult",
                "post",
                "api.default.get_video_result",
                lambda m: {"body": m.GetVideoResultRequest(task_id=UNKNOWN_TASK)},
                frozenset({400, 404}),
            ),
        ]
    raise SystemExit(f"unknown provider {provider!r}; one of {sorted(ENV_KEYS)}")


# --------------------------------------------------------------------------- running


def load_spec(provider: str) -> dict[str, Any]:
    package = importlib.import_module(f"{provider}_client")
    spec: dict[str, Any] = json.loads(
        (Path(str(package.__file__)).parent / "openapi.json").read_text()
    )
    return spec


def make_client(provider: str, base_url: str, key: str) -> Any:
    package = importlib.import_module(f"{provider}_client")
    if provider == "pixazo":
        return package.Client(
            base_url=base_url, headers={"Ocp-Apim-Subscription-Key": key}, timeout=TIMEOUT
        )
    return package.AuthenticatedClient(base_url=base_url, token=key, timeout=TIMEOUT)


class _RawBody:
    """A body sent as given (a request the generated model would refuse to build)."""

    def __init__(self, content: Any) -> None:
        self.content = content

    def to_dict(self) -> Any:
        return self.content


def run_check(provider: str, spec: dict[str, Any], check: Check, base_url: str, key: str) -> Result:
    result = Result(check.name)
    package = f"{provider}_client"
    operation = importlib.import_module(f"{package}.{check.module}")
    models = importlib.import_module(f"{package}.models")
    client = make_client(provider, base_url, WRONG_KEY if check.wrong_key else key)
    seen: list[httpx.Response] = []
    client.get_httpx_client().event_hooks["response"].append(seen.append)
    kwargs = check.kwargs(models)
    if check.json_body is not None:
        kwargs["body"] = _RawBody(check.json_body)
    try:  # the generated operation's public function: it must understand every answer
        operation.sync_detailed(client=client, **kwargs)
        parse_error: Exception | None = None
    except httpx.HTTPError as exc:
        result.problems.append(f"no answer: {type(exc).__name__}: {exc}")
        return result
    except Exception as exc:
        parse_error = exc
    if not seen:
        result.problems.append(f"no answer: {parse_error!r}")
        return result
    response = seen[-1]
    response.read()
    result.status = response.status_code
    try:
        body: Any = response.json()
    except ValueError:
        result.problems.append(f"HTTP {response.status_code}: the body is not JSON")
        return result
    result.problems.extend(compare(provider, spec, check, response.status_code, body))
    if parse_error is not None:
        result.problems.append(f"the generated client cannot parse it: {parse_error!r}")
    return result


def effective_code(provider: str, status: int, body: Any) -> int:
    """Apikley may answer HTTP 200 with the error code in the body; read the body code."""
    if provider == "apikley" and isinstance(body, Mapping):
        code = body.get("code")
        if isinstance(code, int) and not isinstance(code, bool):
            return code
    return status


def compare(provider: str, spec: dict[str, Any], check: Check, status: int, body: Any) -> list[str]:
    """What disagrees between the answer and the spec (and the expectation)."""
    problems = []
    code = effective_code(provider, status, body)
    if code not in check.expect:
        problems.append(
            f"answered {code} (HTTP {status}); the spec says this call gets "
            f"{sorted(check.expect)}: {_short(body)}"
        )
    responses = spec["paths"][check.path][check.method]["responses"]
    response = responses.get(str(status)) or responses.get("default")
    if response is None:
        problems.append(f"HTTP {status} is not documented for {check.method.upper()} {check.path}")
        return problems
    response = _resolve(spec, response)
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return problems
    validator = jsonschema.Draft7Validator(to_json_schema(spec, schema))
    for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))[:5]:
        where = "/".join(str(p) for p in error.absolute_path) or "body"
        problems.append(f"HTTP {status} body at {where}: {error.message}")
    return problems


def _short(body: Any) -> str:
    text = json.dumps(body, ensure_ascii=False)
    return text if len(text) <= 300 else text[:300] + "..."


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def to_json_schema(spec: dict[str, Any], schema: Any) -> Any:
    """OpenAPI 3.0 schema -> JSON Schema: refs inlined, ``nullable`` made a type."""

    def convert(node: Any, seen: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [convert(n, seen) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = str(node["$ref"])
            if ref in seen:  # a recursive schema: accept anything below this point
                return {}
            return convert(_resolve(spec, node), seen | {ref})
        out = {
            k: convert(v, seen)
            for k, v in node.items()
            if k not in OPENAPI_ONLY and not str(k).startswith("x-") and k != "nullable"
        }
        if "properties" in node:
            out["properties"] = {k: convert(v, seen) for k, v in node["properties"].items()}
        if node.get("format") == "binary":
            out.pop("format", None)
        if node.get("nullable"):
            return {"anyOf": [out, {"type": "null"}]}
        return out

    return convert(copy.deepcopy(schema), frozenset())


def default_base_url(spec: dict[str, Any]) -> str:
    url: str = spec["servers"][0]["url"]
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", required=True, choices=sorted(ENV_KEYS))
    parser.add_argument("--base-url", help="override the spec's server (e.g. a local fake)")
    parser.add_argument("--key-env", help="environment variable holding the key")
    args = parser.parse_args(argv)
    env = args.key_env or ENV_KEYS[args.provider]
    key = os.environ.get(env)
    if not key:
        print(f"error: set {env} to the provider's API key", file=sys.stderr)
        return 2
    spec = load_spec(args.provider)
    base_url = args.base_url or default_base_url(spec)
    print(f"contract check: {args.provider} at {base_url} (free calls only)")
    results = [run_check(args.provider, spec, c, base_url, key) for c in checks_for(args.provider)]
    for result in results:
        mark = "agrees" if result.agrees else "DISAGREES"
        print(f"  {mark:9} {result.check} (HTTP {result.status})")
        for problem in result.problems:
            print(f"            - {problem}")
    bad = sum(not r.agrees for r in results)
    print(f"{len(results) - bad} of {len(results)} answers agree with specs/{args.provider}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
