"""`make generate`: deterministic, extensible by dropping in a model document, safe on bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.openapi import ROOT

GENERATE = [sys.executable, str(ROOT / "tools" / "generate.py")]
FIXTURES = Path(__file__).parent / "fixtures" / "specs"


def run_generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GENERATE, *args], capture_output=True, text=True, timeout=120, check=False
    )


def tree_snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_regenerating_changes_nothing_in_generated() -> None:
    result = run_generate("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


@pytest.fixture
def specs_copy(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs, ignore=shutil.ignore_patterns("_bundled"))
    return specs


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    out = tmp_path / "generated"
    out.mkdir()
    (out / "sentinel.txt").write_text("left as it was")
    return out


def test_a_new_model_document_adds_the_model_with_no_other_edit(
    specs_copy: Path, out_dir: Path
) -> None:
    shutil.copy(FIXTURES / "bytedance-seedance-fixture-2x.yaml", specs_copy / "apikley" / "vendor")
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir), "--only", "apikley")
    assert result.returncode == 0, result.stderr
    probe = """
import json
from apikley_client.api.default import create_task
from apikley_client.models import (
    BytedanceSeedanceFixture2XRequest as Fixture,
    BytedanceSeedance2Request as Real,
    BytedanceSeedanceFixture2XInputResolution as FixtureResolution,
)
body = {"model": "bytedance/seedance-fixture-2x",
        "input": {"prompt": "a fox", "resolution": "480p", "duration": 5,
                  "reference_image_urls": ["https://x/1.png"]}}
fixture = Fixture.from_dict(body)
try:
    Real.from_dict(body)
    real_rejects = False
except ValueError:
    real_rejects = True
import httpx
from apikley_client import Client
sent = []
def reply(request):
    sent.append(json.loads(request.content))
    return httpx.Response(200, json={"code": 200, "msg": "success", "data": {"taskId": "t"}})
http = httpx.Client(base_url="http://127.0.0.1:1", transport=httpx.MockTransport(reply))
create_task.sync_detailed(client=Client(base_url="http://127.0.0.1:1").set_httpx_client(http),
                          body=fixture)
print(json.dumps({
    "roundtrip": fixture.to_dict() == body,
    "real_rejects": real_rejects,
    "resolutions": [m.value for m in FixtureResolution],
    "sent": sent[0],
}))
"""
    env = {**os.environ, "PYTHONPATH": str(out_dir)}
    checked = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert checked.returncode == 0, checked.stderr
    facts = json.loads(checked.stdout)
    assert facts["roundtrip"] is True
    assert facts["real_rejects"] is True, "the one-value model enum must tell the variants apart"
    assert facts["resolutions"] == ["480p", "720p"], "the new model keeps its own constraints"
    assert facts["sent"]["model"] == "bytedance/seedance-fixture-2x"
    bundle = yaml.safe_load((specs_copy / "_bundled" / "apikley.yaml").read_text())
    inputs = bundle["components"]["schemas"]["BytedanceSeedanceFixture2xInput"]
    media = inputs["properties"]["reference_image_urls"]["x-seedance-media"]
    assert (media["kind"], media["role"], media["many"]) == ("image", "reference", True)
    assert [m["name"] for m in inputs["x-seedance-modes"]][-1] == "multimodal_reference"


def test_a_model_document_without_field_roles_is_refused_naming_the_field(
    specs_copy: Path, out_dir: Path
) -> None:
    """A vendor document whose fields say nothing of what they carry would make a model
    the adapter cannot map; the bundler names the field and where to state its role."""
    text = (FIXTURES / "bytedance-seedance-fixture-2x.yaml").read_text()
    text = text.replace("                      x-seedance-option: web_search\n", "")
    (specs_copy / "apikley" / "vendor" / "bytedance-seedance-fixture-2x.yaml").write_text(text)
    before = tree_snapshot(out_dir)
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir), "--only", "apikley")
    assert result.returncode == 1
    assert "BytedanceSeedanceFixture2xInput.properties.web_search" in result.stderr
    assert "x-seedance-overlay" in result.stderr
    assert tree_snapshot(out_dir) == before


def test_invalid_yaml_names_the_file_and_line_and_leaves_generated_alone(
    specs_copy: Path, out_dir: Path
) -> None:
    broken = specs_copy / "pixazo" / "pixazo.yaml"
    lines = broken.read_text().splitlines()
    lines.insert(5, "  bad: [unclosed")
    broken.write_text("\n".join(lines))
    before = tree_snapshot(out_dir)
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir))
    assert result.returncode == 1
    assert "pixazo/pixazo.yaml" in result.stderr
    assert "line " in result.stderr and "column " in result.stderr
    assert "left as it was" in result.stderr
    assert tree_snapshot(out_dir) == before


def test_invalid_openapi_names_the_location(specs_copy: Path, out_dir: Path) -> None:
    target = specs_copy / "gptproto" / "gptproto.yaml"
    text = target.read_text().replace("responses:", "responsez:", 1)
    target.write_text(text)
    before = tree_snapshot(out_dir)
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir))
    assert result.returncode == 1
    assert "gptproto/gptproto.yaml: at paths." in result.stderr, result.stderr
    assert tree_snapshot(out_dir) == before


def test_unsupported_openapi_version_is_refused(specs_copy: Path, out_dir: Path) -> None:
    target = specs_copy / "ark" / "ark.yaml"
    target.write_text(target.read_text().replace("openapi: 3.0.3", "openapi: 3.1.0", 1))
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir))
    assert result.returncode == 1
    assert "ark/ark.yaml: at openapi: unsupported version '3.1.0'" in result.stderr


def test_a_model_document_without_a_one_value_model_enum_is_refused(
    specs_copy: Path, out_dir: Path
) -> None:
    doc = (FIXTURES / "bytedance-seedance-fixture-2x.yaml").read_text()
    doc = doc.replace(
        "- bytedance/seedance-fixture-2x\n                  default",
        "- bytedance/seedance-fixture-2x\n                    - bytedance/other\n"
        "                  default",
    )
    (specs_copy / "apikley" / "vendor" / "two-models.yaml").write_text(doc)
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir))
    assert result.returncode == 1
    assert "apikley/vendor/two-models.yaml" in result.stderr
    assert "properties.model" in result.stderr and "one-value" in result.stderr


def test_a_spec_the_generator_cannot_express_is_refused(specs_copy: Path, out_dir: Path) -> None:
    """--fail-on-warning: a construct openapi-python-client would skip stops the build."""
    target = specs_copy / "pixazo" / "pixazo.yaml"
    text = target.read_text()
    # A parameter in a location the generator does not support ('cookie' with a ref to nowhere
    # would be invalid; an unsupported body content type is valid OpenAPI but skipped).
    text = text.replace("application/json", "application/x-seedance-unknown", 1)
    target.write_text(text)
    before = tree_snapshot(out_dir)
    result = run_generate("--specs", str(specs_copy), "--out", str(out_dir), "--only", "pixazo")
    assert result.returncode == 1, result.stdout
    assert "_bundled/pixazo.yaml" in result.stderr
    assert tree_snapshot(out_dir) == before
