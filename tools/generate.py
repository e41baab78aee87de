"""Regenerate ``generated/<provider>_client`` from ``specs/`` (what ``make generate`` runs).

Steps: bundle every provider's documents (tools/bundle_specs.py), run the pinned
openapi-python-client on each bundle with ``--fail-on-warning``, and only when every
provider succeeded, swap the new bundles and packages into place. A bad spec therefore
stops with a message naming the file and the location, and leaves ``generated/`` as it was.

``--check`` regenerates into a temporary folder and reports what differs from the
committed output instead of writing (the determinism test and CI use it).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_specs import ROOT, SpecError, bundle_all

CONFIG = ROOT / "tools" / "generator-config.yaml"


class GenerateError(Exception):
    """The generator refused a bundled spec."""


def package_name(provider: str) -> str:
    return f"{provider}_client"


def generate_one(bundle: Path, out_dir: Path, work: Path) -> Path:
    """Run openapi-python-client on one bundled document; return the package folder."""
    provider = bundle.stem
    config = yaml.safe_load(CONFIG.read_text())
    config["project_name_override"] = package_name(provider)
    config["package_name_override"] = package_name(provider)
    config_file = work / f"{provider}-config.yaml"
    config_file.write_text(yaml.safe_dump(config))
    target = out_dir / package_name(provider)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(bundle),
            "--output-path",
            str(target),
            "--meta",
            "none",
            "--config",
            str(config_file),
            "--overwrite",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        detail = "\n".join(
            line
            for line in (result.stdout + result.stderr).splitlines()
            if line.strip() and not line.startswith("Generating")
        )
        raise GenerateError(f"{_rel(bundle)}: openapi-python-client refused it:\n{detail}")
    # The bundled document travels with its client: the fakes serve it and the wrapper
    # reads its constraints (enums, ranges, lengths) from it at run time.
    spec = yaml.safe_load(bundle.read_text())
    (target / "openapi.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n")
    return target


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def build(specs: Path, work: Path, only: list[str] | None = None) -> tuple[Path, Path]:
    """Bundle and generate everything under ``work``; return (bundles dir, packages dir).

    Every provider is bundled (and so validated); ``only`` limits which are generated.
    """
    bundles = work / "_bundled"
    packages = work / "generated"
    packages.mkdir(parents=True)
    written = bundle_all(specs, bundles)
    if only:
        written = [b for b in written if b.stem in only]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda b: generate_one(b, packages, work), written))
    return bundles, packages


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side included)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    if not right.exists():
        return [f"{right.name}/ (missing)"]
    walk(filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"]), "")
    return sorted(out)


def install(bundles: Path, packages: Path, specs: Path, generated: Path) -> None:
    """Swap the new output into place (only called once everything succeeded)."""
    target_bundles = specs / "_bundled"
    if target_bundles.exists():
        shutil.rmtree(target_bundles)
    shutil.copytree(bundles, target_bundles)
    generated.mkdir(exist_ok=True)
    for package in sorted(packages.iterdir()):
        destination = generated / package.name
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(package, destination)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=ROOT / "specs")
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    parser.add_argument(
        "--only", action="append", metavar="PROVIDER", help="generate only this provider (repeat)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="seedance-generate-") as tmp:
        try:
            bundles, packages = build(args.specs, Path(tmp), args.only)
        except (SpecError, GenerateError) as exc:
            print(f"error: {exc}\n(generated/ was left as it was)", file=sys.stderr)
            return 1
        if args.check:
            diff = differences(bundles, args.specs / "_bundled") + [
                f"{p.name}/{d}"
                for p in sorted(packages.iterdir())
                for d in differences(p, args.out / p.name)
            ]
            if diff:
                print("out of date (run `make generate`):\n  " + "\n  ".join(diff))
                return 1
            print("generated/ is up to date")
            return 0
        install(bundles, packages, args.specs, args.out)
    for package in sorted(args.out.iterdir()):
        if package.is_dir() and package.name.endswith("_client"):
            print(f"generated {_rel(package)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
