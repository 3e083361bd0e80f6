#!/usr/bin/env python3
"""Regenerate the low-level client ``azure_openai_rest`` from the Azure OpenAI inference spec.

    python scripts/regenerate.py                      # from ./inference.json into generated/azure_openai_rest
    python scripts/regenerate.py --api-version 2024-10-21   # fetch that published spec, save it, regenerate
    python scripts/regenerate.py --api-version 2025-03-01-preview --output /tmp/x/azure_openai_rest   # a preview
    python scripts/regenerate.py --spec PATH_OR_URL   # regenerate from any spec (saved as ./inference.json)
    python scripts/regenerate.py --spec PATH_OR_URL --output /tmp/try   # try a spec without touching the repo
    python scripts/regenerate.py --check              # fail (and name the files) if generated/ is stale

Pipeline: spec -> fixups (scripts/spec_fixups.py) -> openapi-python-client (pinned) with the custom templates
in scripts/templates/ -> ruff format -> package data (py.typed, the source spec) -> generated/.
Nothing is dropped silently: any generator warning, skipped endpoint or schema without a model fails the run, as
does a build this repository's wrapper cannot use (scripts/wrapper_smoke.py).
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spec_fixups import Spec, apply_fixups

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "azure_openai_rest"
DEFAULT_TARGET = REPO / "generated" / PACKAGE
WRAPPER = REPO / "wrapper"  # the wrapper a build must work with (check_wrapper)
TEMPLATES = Path(__file__).resolve().parent / "templates"
GENERATOR_VERSION = "0.29.1"
RUFF_VERSION = "0.17.6"  # ruff formats the output, so its version is part of what the output is
# Stable api-versions are published under stable/, previews (``...-preview``) under preview/.
PUBLISHED_SPEC_URL = (
    "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/specification/cognitiveservices/"
    "data-plane/AzureOpenAI/inference/{kind}/{version}/inference.json"
)
# The folders of one kind, as GitHub's contents API lists them (JSON: [{"name": ..., "type": "dir"}, ...]).
PUBLISHED_LISTING_URL = (
    "https://api.github.com/repos/Azure/azure-rest-api-specs/contents/specification/cognitiveservices/"
    "data-plane/AzureOpenAI/inference/{kind}?ref=main"
)
KINDS = ("stable", "preview")


class RegenerationError(Exception):
    """The spec could not be turned into a complete client; the message says what was dropped or failed."""


def load_spec_text(source: str) -> str:
    """Read a spec from a local path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        import httpx

        try:
            response = httpx.get(source, timeout=60, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise RegenerationError(f"fetching {source} failed: {exc}") from None
        if response.status_code != 200:
            raise RegenerationError(f"fetching {source} answered HTTP {response.status_code}")
        return response.text
    return Path(source).read_text(encoding="utf-8")


def published_kind(api_version: str) -> str:
    """The folder of the published tree an api-version lives in: ``preview`` for ``...-preview``, else ``stable``."""
    return "preview" if api_version.endswith("-preview") else "stable"


def published_versions() -> dict[str, list[str]]:
    """The api-versions published under each kind, newest last; a kind that cannot be listed is left out."""
    import httpx

    found: dict[str, list[str]] = {}
    for kind in KINDS:
        try:
            response = httpx.get(PUBLISHED_LISTING_URL.format(kind=kind), timeout=30, follow_redirects=True)
            entries = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            entries = None
        if isinstance(entries, list):
            found[kind] = sorted(
                str(e["name"]) for e in entries if isinstance(e, dict) and e.get("type", "dir") == "dir" and "name" in e
            )
    return found


def load_published_spec(api_version: str) -> str:
    """The published spec of an api-version, stable or preview; if there is none, name those that exist."""
    kind = published_kind(api_version)
    try:
        return load_spec_text(PUBLISHED_SPEC_URL.format(kind=kind, version=api_version))
    except RegenerationError as exc:
        if "HTTP 404" not in str(exc):
            raise
        listing = published_versions()
        if not listing:
            known = "the published api-versions could not be listed either (no network?)"
        else:
            known = "published api-versions: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in listing.items())
        raise RegenerationError(
            f"api-version {api_version} is not published (no {kind}/{api_version}/inference.json; {exc}). {known}"
        ) from None


def _check_generator_version() -> None:
    from importlib.metadata import version

    installed = version("openapi-python-client")
    if installed != GENERATOR_VERSION:
        raise RegenerationError(
            f"openapi-python-client {installed} is installed; this script is pinned to {GENERATOR_VERSION} "
            f"so that output is reproducible. Run: pip install 'openapi-python-client=={GENERATOR_VERSION}'"
        )


def _ruff() -> str:
    # The ruff executable itself: "python -m ruff" would run with the generated package as cwd, where its
    # types.py shadows the standard library's.
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        raise RegenerationError(f"ruff is not installed; run: pip install 'ruff=={RUFF_VERSION}'")
    found = subprocess.run([ruff, "--version"], capture_output=True, text=True).stdout.split()
    if found[-1:] != [RUFF_VERSION]:
        raise RegenerationError(
            f"{ruff} is {' '.join(found) or 'unreadable'}; this script is pinned to ruff {RUFF_VERSION} so that "
            f"output is reproducible. Run: pip install 'ruff=={RUFF_VERSION}'"
        )
    return ruff


def _generator_config(workdir: Path, formatted: bool) -> Path:
    ruff = _ruff() if formatted else ""
    config = {
        "project_name_override": PACKAGE,
        "package_name_override": PACKAGE,
        "post_hooks": []
        if not formatted
        else [
            # Pinned rule set and target so the output does not depend on ruff's defaults of the day: PYI019
            # would rewrite the generator's TypeVars to typing_extensions.Self, a dependency we do not have.
            f"{ruff} check --isolated --no-cache --target-version py310 --fix-only --extend-select I "
            "--ignore PYI019 --line-length 120 --quiet .",
            f"{ruff} format --isolated --no-cache --target-version py310 --line-length 120 --quiet .",
        ],
    }
    path = workdir / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def run_generator(
    fixed_spec: dict[str, Any], workdir: Path, templates: Path = TEMPLATES, *, formatted: bool = True
) -> Path:
    """Run openapi-python-client on the fixed spec; return the generated package directory."""
    spec_path = workdir / "fixed-inference.json"
    spec_path.write_text(json.dumps(fixed_spec, indent=1), encoding="utf-8")
    out = workdir / PACKAGE
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec_path),
        "--config",
        str(_generator_config(workdir, formatted)),
        "--custom-template-path",
        str(templates),
        "--meta",
        "none",
        "--output-path",
        str(out),
        "--overwrite",
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=workdir)
    output = (result.stdout + result.stderr).strip()
    noisy = [line for line in output.splitlines() if line.strip() and not line.startswith("Generating ")]
    if result.returncode != 0 or noisy:
        raise RegenerationError("openapi-python-client reported problems; nothing was written:\n" + output)
    return out


def _snake(name: str) -> str:
    """The module name the generator gives a model or operation of this name (``Type`` -> ``type_``)."""
    from openapi_python_client.strings import PythonIdentifier

    return str(PythonIdentifier(name, "field_"))


# Calls every operation's _get_kwargs with its defaults (and placeholders for what it requires) and prints, per
# module, the api-version query parameter it would send: reading the source for "api-version" would pass a
# parameter sent as a header, or one whose default the generator never saw.
_API_VERSION_PROBE = """
import importlib, inspect, json, pathlib, sys
sys.path.insert(0, sys.argv[1])
api = pathlib.Path(sys.argv[1]) / "azure_openai_rest" / "api"
class Body:
    def to_dict(self): return {}
    def to_multipart(self): return []
sent = {}
for path in sorted(api.glob("*/*.py")):
    if path.name == "__init__.py":
        continue
    key = f"{path.parent.name}/{path.stem}"
    try:
        module = importlib.import_module(f"azure_openai_rest.api.{path.parent.name}.{path.stem}")
        parameters = inspect.signature(module._get_kwargs).parameters.items()
        required = {n: Body() if n == "body" else "x" for n, p in parameters if p.default is inspect.Parameter.empty}
        sent[key] = module._get_kwargs(**required).get("params", {}).get("api-version")
    except Exception as exc:  # reported as what the module sends
        sent[key] = f"nothing: {type(exc).__name__}: {exc}"
print(json.dumps(sent))
"""


def _api_key(module: Path) -> str:
    return f"{module.parent.name}/{module.stem}"


def _api_versions_sent(package_dir: Path) -> dict[str, Any]:
    """``{"<tag>/<module>": the api-version its _get_kwargs sends with its defaults}`` for every api module."""
    with tempfile.TemporaryDirectory() as cwd:  # not the package folder: its types.py would shadow the stdlib's
        probe = subprocess.run(
            [sys.executable, "-c", _API_VERSION_PROBE, str(package_dir.parent)],
            capture_output=True,
            text=True,
            cwd=cwd,
        )
    if probe.returncode != 0:
        raise RegenerationError("the generated package does not import:\n" + probe.stderr[-2000:])
    sent: dict[str, Any] = json.loads(probe.stdout)
    return sent


def check_nothing_dropped(
    fixed_spec: dict[str, Any], package_dir: Path, source_spec: dict[str, Any] | None = None
) -> None:
    """Every path and method has an api module of its own that sends ``api-version`` (the spec's version, in the
    query, when called with its defaults); every object or enum schema has a model module.

    Counted per path and method, not per operationId: two operations under one id would share a module, the
    second overwriting the first, and a check by name would pass. The paths and methods counted are the source
    spec's (``source_spec``), so an operation a fixup lost is missed too.
    """
    from spec_fixups import HTTP_METHODS

    missing: list[str] = []
    version = str(fixed_spec.get("info", {}).get("version", ""))
    sent = _api_versions_sent(package_dir) if version else {}
    api_modules: dict[str, list[Path]] = {}
    for module in (package_dir / "api").rglob("*.py"):
        if module.name != "__init__.py":
            api_modules.setdefault(module.stem, []).append(module)
    owners: dict[str, list[str]] = {}
    for path, item in fixed_spec.get("paths", {}).items():
        for method, operation in item.items():
            if method not in HTTP_METHODS or not isinstance(operation, dict):
                continue
            endpoint = f"endpoint {method.upper()} {path} ({operation.get('operationId', 'no operationId')})"
            name = _snake(str(operation.get("operationId", "")))
            owners.setdefault(name, []).append(endpoint)
            modules = api_modules.get(name, [])
            if not modules:
                missing.append(endpoint)
            elif version and any(sent.get(_api_key(m)) != version for m in modules):
                got = [sent.get(_api_key(m)) for m in modules]
                missing.append(f"{endpoint}: the api-version parameter (sends {' / '.join(map(str, got))})")
    fixed_paths = fixed_spec.get("paths", {})
    for path, item in (source_spec or {}).get("paths", {}).items():
        for method, operation in item.items() if isinstance(item, dict) else ():
            if method in HTTP_METHODS and isinstance(operation, dict) and method not in fixed_paths.get(path, {}):
                missing.append(f"endpoint {method.upper()} {path} ({operation.get('operationId', 'no operationId')})")
    for name, endpoints in owners.items():
        if len(endpoints) > 1 or len(api_modules.get(name, [])) > 1:
            missing.append(f"{' and '.join(endpoints)} share the module {name}.py (one overwrote the other)")
    model_modules = {p.stem for p in (package_dir / "models").glob("*.py")}
    for name, schema in fixed_spec.get("components", {}).get("schemas", {}).items():
        wants_model = any(key in schema for key in ("enum", "properties", "allOf"))
        if wants_model and _snake(name) not in model_modules:
            missing.append(f"schema {name}")
    if missing:
        raise RegenerationError("the generator dropped without a warning:\n  " + "\n  ".join(missing))


def _wrapper_free_environ() -> dict[str, str]:
    """This process's environment without what the wrapper reads (its settings, telemetry switches, proxies): the
    smoke check judges the build, not the caller's ``OPENAI_API_VERSION`` or ``HTTPS_PROXY``."""
    read = ("AZURE_OPENAI_", "OPENAI_", "OTEL_")
    return {k: v for k, v in os.environ.items() if not k.upper().startswith(read) and not k.lower().endswith("_proxy")}


def check_wrapper(package_dir: Path) -> None:
    """This repository's wrapper works on the build: each of its calls of an operation the build has, made against
    a minimal answer, returns a result whose properties all read (``scripts/wrapper_smoke.py``)."""
    with tempfile.TemporaryDirectory() as cwd:  # not the package folder: its types.py would shadow the stdlib's
        smoke = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("wrapper_smoke.py")), str(package_dir.parent), str(WRAPPER)],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=_wrapper_free_environ(),
        )
    if smoke.returncode != 0:
        failures = smoke.stdout.strip() or smoke.stderr.strip()[-2000:]
        raise RegenerationError(
            "the wrapper (wrapper/azure_openai) cannot use this build; nothing was written:\n  "
            + failures.replace("\n", "\n  ")
            + "\nMake the wrapper read what this api-version lacks, or add a fixup (scripts/spec_fixups.py)."
        )


def add_package_data(package_dir: Path, spec_text: str) -> None:
    """py.typed (PEP 561) and the source spec, which the wrapper and the emulator validate against."""
    (package_dir / "py.typed").write_text("", encoding="utf-8")
    (package_dir / "inference.json").write_text(spec_text, encoding="utf-8")


def build(
    spec_text: str,
    workdir: Path,
    *,
    fixups: list[Callable[[Spec], None]] | None = None,
    templates: Path = TEMPLATES,
    formatted: bool = True,
) -> Path:
    """The whole pipeline into ``workdir``; returns the finished package directory.

    ``fixups`` and ``templates`` default to all of them; the tests pass fewer to show what each one fixes
    (and skip ruff, ``formatted=False``, where only behaviour matters).
    """
    _check_generator_version()
    spec = json.loads(spec_text)
    fixed = apply_fixups(spec, fixups)
    package_dir = run_generator(fixed, workdir, templates, formatted=formatted)
    check_nothing_dropped(fixed, package_dir, spec)
    add_package_data(package_dir, spec_text)
    return package_dir


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side or with other content)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    if not actual.exists():
        return ["(the whole package is missing)"]
    walk(filecmp.dircmp(str(expected), str(actual), ignore=["__pycache__"]), "")
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--api-version", help="fetch the published spec of this api-version (stable, or preview: 2025-03-01-preview)"
    )
    source.add_argument("--spec", help="path or URL of the spec to generate from (default: ./inference.json)")
    parser.add_argument("--output", type=Path, help="write the package here instead; change nothing in the repo")
    parser.add_argument("--check", action="store_true", help="fail if generated/ (or --output) differs from a run")
    args = parser.parse_args(argv)
    target = args.output.resolve() if args.output else DEFAULT_TARGET
    shown = str(target) if args.output else f"generated/{PACKAGE}"

    try:
        if args.api_version:
            spec_text = load_published_spec(args.api_version)
        else:
            spec_text = load_spec_text(args.spec or str(REPO / "inference.json"))
        with tempfile.TemporaryDirectory(prefix="regenerate-") as tmp:
            package_dir = build(spec_text, Path(tmp))
            check_wrapper(package_dir)
            if args.check:
                changed = differences(package_dir, target)
                if changed:
                    print(f"{shown} is stale; these files differ from what the script writes:")
                    for name in changed:
                        print(f"  {name}")
                    _print_sample_diff(package_dir, target, changed)
                    rerun = ["python", "scripts/regenerate.py"]  # the run this check compared with
                    for option in ("api_version", "spec", "output"):
                        if getattr(args, option):
                            rerun += ["--" + option.replace("_", "-"), str(getattr(args, option))]
                    print("Run:", shlex.join(rerun))
                    return 1
                print(f"{shown} is up to date")
                return 0
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(package_dir, target)
            if not args.output:  # the spec generated/ comes from, so that the default run and --check agree
                (REPO / "inference.json").write_text(spec_text, encoding="utf-8")
    except RegenerationError as exc:
        print(f"regenerate: {exc}", file=sys.stderr)
        return 1
    api_version = json.loads(spec_text).get("info", {}).get("version", "?")
    print(f"wrote {target} (api-version {api_version})")
    return 0


def _print_sample_diff(expected: Path, actual: Path, changed: list[str]) -> None:
    for name in changed[:3]:
        new, old = expected / name, actual / name
        if new.is_file() and old.is_file():
            diff = difflib.unified_diff(
                old.read_text().splitlines(), new.read_text().splitlines(), f"committed/{name}", f"fresh/{name}"
            )
            print("\n".join(list(diff)[:40]))


if __name__ == "__main__":
    sys.exit(main())
