"""scripts/regenerate.py: deterministic, refuses incomplete output, tries new api-versions without touching the repo."""

from __future__ import annotations

import hashlib
import http.server
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spec_files import REPO, SCRIPTS, SPECS, TRIM_2023_05_15, spec_path

pytestmark = pytest.mark.slow  # runs the regeneration script


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_committed_package_is_what_the_script_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "regenerate.py"), "--check"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_two_runs_write_identical_files(build_package: Callable[..., Path], package_2024_10_21: Path) -> None:
    again = build_package("2024-10-21")
    assert _tree_digest(again) == _tree_digest(package_2024_10_21)


def test_check_names_the_files_that_differ(regenerate: ModuleType, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    committed = tmp_path / "committed"
    for root in (fresh, committed):
        (root / "models").mkdir(parents=True)
        (root / "models" / "same.py").write_text("x = 1\n")
    (fresh / "models" / "changed.py").write_text("x = 2\n")
    (committed / "models" / "changed.py").write_text("x = 1\n")
    (committed / "stale.py").write_text("")
    assert regenerate.differences(fresh, committed) == ["models/changed.py", "stale.py"]


def test_package_carries_its_api_version_and_spec() -> None:
    import azure_openai_rest

    assert azure_openai_rest.API_VERSION == "2024-02-01"
    assert azure_openai_rest.load_spec() == json.loads(spec_path("2024-02-01").read_text(encoding="utf-8"))
    assert (REPO / "inference.json").read_bytes() == spec_path("2024-02-01").read_bytes()
    assert (Path(azure_openai_rest.__file__).parent / "py.typed").is_file()


def test_output_elsewhere_changes_nothing_in_the_repo(regenerate: ModuleType, tmp_path: Path) -> None:
    before = _tree_digest(REPO / "generated"), (REPO / "inference.json").read_bytes()
    target = tmp_path / "try" / "azure_openai_rest"
    assert regenerate.main(["--spec", str(spec_path("2024-10-21")), "--output", str(target)]) == 0
    assert (_tree_digest(REPO / "generated"), (REPO / "inference.json").read_bytes()) == before
    init = (target / "__init__.py").read_text()
    assert 'API_VERSION = "2024-10-21"' in init
    assert (target / "api" / "default" / "chat_completions_create.py").is_file()


@pytest.fixture
def small_spec(tmp_path: Path) -> Path:
    """A spec that regenerates in seconds: the 2023-05-15 trim without chat (which the wrapper cannot use yet)."""
    spec = json.loads(TRIM_2023_05_15.read_text(encoding="utf-8"))
    del spec["paths"]["/deployments/{deployment-id}/chat/completions"]
    path = tmp_path / "small.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def test_a_spec_regenerated_into_the_repo_is_what_check_compares_with(
    regenerate: ModuleType, small_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # --spec into generated/ saves the spec as ./inference.json, as --api-version does: --check (and the plain
    # command its advice names) then rebuild the same package instead of the previous version's.
    repo = tmp_path / "repo"
    monkeypatch.setattr(regenerate, "REPO", repo)
    monkeypatch.setattr(regenerate, "DEFAULT_TARGET", repo / "generated" / "azure_openai_rest")
    assert regenerate.main(["--spec", str(small_spec)]) == 0
    assert (repo / "inference.json").read_bytes() == small_spec.read_bytes()
    assert regenerate.main(["--check"]) == 0


def test_check_with_output_checks_that_folder_and_names_the_run_that_writes_it(
    regenerate: ModuleType, small_spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elsewhere" / "azure_openai_rest"
    check = ["--spec", str(small_spec), "--output", str(target)]
    assert regenerate.main(["--check", *check]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{target} is stale;") and "(the whole package is missing)" in out
    advice = out.splitlines()[-1]
    assert advice == f"Run: python scripts/regenerate.py --spec {small_spec} --output {target}"
    assert regenerate.main(advice.split()[3:]) == 0  # what the advice says, less "python scripts/regenerate.py"
    assert regenerate.main(["--check", *check]) == 0
    assert capsys.readouterr().out.endswith(f"{target} is up to date\n")


@pytest.fixture
def spec_server(regenerate: ModuleType, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A loopback server standing in for the published tree: the shipped specs at /<kind>/<version>/inference.json
    and a contents listing of each kind at /list/<kind>; the script is pointed at it. Records the paths asked."""
    asked: list[str] = []
    shipped = {path.parent.name: path for path in SPECS.glob("*/inference.json")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            parts = self.path.strip("/").split("/")
            if parts[0] == "list":
                names = [v for v in shipped if regenerate.published_kind(v) == parts[1]]
                body = json.dumps([{"name": n, "type": "dir"} for n in names] + [{"name": "x.md", "type": "file"}])
            elif parts[1] in shipped and parts[0] == regenerate.published_kind(parts[1]):
                body = shipped[parts[1]].read_text(encoding="utf-8")
            else:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setattr(regenerate, "PUBLISHED_SPEC_URL", base + "/{kind}/{version}/inference.json")
    monkeypatch.setattr(regenerate, "PUBLISHED_LISTING_URL", base + "/list/{kind}")
    try:
        yield asked
    finally:
        server.shutdown()
        server.server_close()


def test_published_urls_point_at_both_kinds_of_the_published_tree(regenerate: ModuleType) -> None:
    assert regenerate.PUBLISHED_SPEC_URL.startswith("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/")
    assert "/AzureOpenAI/inference/{kind}/{version}/inference.json" in regenerate.PUBLISHED_SPEC_URL
    assert "/AzureOpenAI/inference/{kind}" in regenerate.PUBLISHED_LISTING_URL
    assert regenerate.published_kind("2025-03-01-preview") == "preview"
    assert regenerate.published_kind("2024-10-21") == "stable"


def test_api_version_fetches_the_published_spec(regenerate: ModuleType, spec_server: list[str], tmp_path: Path) -> None:
    target = tmp_path / "azure_openai_rest"
    assert regenerate.main(["--api-version", "2024-10-21", "--output", str(target)]) == 0
    assert spec_server == ["/stable/2024-10-21/inference.json"]
    assert json.loads((target / "inference.json").read_text())["info"]["version"] == "2024-10-21"


@pytest.mark.slow
def test_api_version_fetches_a_preview_from_the_preview_folder(
    regenerate: ModuleType, spec_server: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "azure_openai_rest"
    assert regenerate.main(["--api-version", "2025-03-01-preview", "--output", str(target)]) == 0
    assert spec_server == ["/preview/2025-03-01-preview/inference.json"]
    assert 'API_VERSION = "2025-03-01-preview"' in (target / "__init__.py").read_text()


def test_unknown_api_version_names_those_that_exist(
    regenerate: ModuleType, spec_server: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert regenerate.main(["--api-version", "1999-01-01-preview", "--output", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("regenerate: api-version 1999-01-01-preview is not published")
    assert "preview/1999-01-01-preview/inference.json" in err and "HTTP 404" in err
    assert "stable: 2024-02-01, 2024-10-21; preview: 2025-03-01-preview" in err
    assert "Traceback" not in err and not (tmp_path / "p").exists()


def test_unknown_api_version_without_a_listing_says_so(
    regenerate: ModuleType,
    spec_server: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(regenerate, "PUBLISHED_LISTING_URL", "http://127.0.0.1:9/{kind}")  # nothing listens
    assert regenerate.main(["--api-version", "1999-01-01", "--output", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert "api-version 1999-01-01 is not published" in err and "could not be listed" in err


def test_a_generator_warning_fails_the_run_and_names_the_endpoint(regenerate: ModuleType, tmp_path: Path) -> None:
    spec = json.loads(spec_path("2024-02-01").read_text(encoding="utf-8"))
    # An answer only in XML: the generator skips the endpoint with a warning.
    embeddings = spec["paths"]["/deployments/{deployment-id}/embeddings"]["post"]
    embeddings["responses"]["200"]["content"] = {"application/xml": {"schema": {"type": "string"}}}
    with pytest.raises(regenerate.RegenerationError) as refused:
        regenerate.build(json.dumps(spec), tmp_path, formatted=False)
    assert "/deployments/{deployment-id}/embeddings" in str(refused.value)
    assert not (tmp_path / "azure_openai_rest" / "py.typed").exists()


def test_a_silently_dropped_schema_fails_the_run(regenerate: ModuleType, tmp_path: Path) -> None:
    # The stock generator, given 2024-02-01 as published, makes no model for the system-assigned managed
    # identity option and says nothing; the script notices.
    with pytest.raises(regenerate.RegenerationError) as refused:
        regenerate.build(spec_path("2024-02-01").read_text(encoding="utf-8"), tmp_path, fixups=[], formatted=False)
    assert "schema onYourDataSystemAssignedManagedIdentityAuthenticationOptions" in str(refused.value)
    assert "schema error\n" in str(refused.value)  # allOf plus sibling properties: no model of its own either


def _two_operations(operation_ids: tuple[str, str], api_version: bool) -> str:
    """A spec whose two operations answer a component (so the generator itself has nothing to warn about)."""
    answer = {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/a"}}}}
    parameters = [{"in": "query", "name": "api-version", "required": True, "schema": {"type": "string"}}]
    paths = {
        path: {"post": {"operationId": operation_id, "responses": {"200": answer}}}
        for path, operation_id in zip(("/completions", "/chat/completions"), operation_ids, strict=True)
    }
    for item in paths.values():
        item["post"]["parameters"] = parameters if api_version else []
    schemas = {"a": {"type": "object", "properties": {"b": {"type": "string"}}}}
    return json.dumps(
        {"openapi": "3.0.3", "info": {"title": "t", "version": "v"}, "paths": paths, "components": {"schemas": schemas}}
    )


def test_two_operations_under_one_id_fail_the_drop_check(regenerate: ModuleType, tmp_path: Path) -> None:
    # The generator writes completions_create.py twice, silently; a check by operationId name would pass.
    with pytest.raises(regenerate.RegenerationError) as refused:
        regenerate.build(_two_operations(("Completions_Create",) * 2, True), tmp_path, fixups=[], formatted=False)
    assert "POST /completions (Completions_Create) and endpoint POST /chat/completions (Completions_Create)" in str(
        refused.value
    )
    assert "share the module completions_create.py" in str(refused.value)


def test_an_operation_that_sends_no_api_version_fails_the_drop_check(regenerate: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(regenerate.RegenerationError) as refused:
        regenerate.build(_two_operations(("Completions_Create", "Chat_Create"), False), tmp_path, fixups=[])
    assert "endpoint POST /completions (Completions_Create): the api-version parameter" in str(refused.value)
    assert "endpoint POST /chat/completions (Chat_Create): the api-version parameter" in str(refused.value)


LAYOUT = """
import importlib, inspect, json, pathlib, sys, typing
import httpx
import azure_openai_rest
from azure_openai_rest import Client
assert azure_openai_rest.__file__.startswith(sys.argv[1])
sent = []
client = Client(base_url="http://test/openai")
answer = lambda request: (sent.append(request), httpx.Response(200, json={}))[1]
client.set_httpx_client(httpx.Client(base_url="http://test/openai", transport=httpx.MockTransport(answer)))
api = pathlib.Path(azure_openai_rest.__file__).parent / "api"
layout = {}
for module in sorted(api.glob("*/*.py")):
    if module.name == "__init__.py":
        continue
    layout.setdefault(module.parent.name, []).append(module.stem)
    code = importlib.import_module(f"azure_openai_rest.api.{module.parent.name}.{module.stem}")
    # every operation is callable with only its required arguments, sends api-version and reads its answer
    hints = typing.get_type_hints(code._get_kwargs)
    required = [n for n, p in inspect.signature(code.sync_detailed).parameters.items()
                if n != "client" and p.default is inspect.Parameter.empty]
    kwargs = {n: hints[n].from_dict({}) if n == "body" else "x" for n in required}
    code.sync_detailed(client=client, **kwargs)
    assert sent[-1].url.params["api-version"] == azure_openai_rest.API_VERSION, (module, sent[-1].url)
print(json.dumps(layout))
"""


@pytest.mark.slow
def test_every_operation_of_the_openapi_31_preview_sends_api_version_from_one_package_per_tag(
    package_2025_03_01_preview: Path,
) -> None:
    spec = json.loads(spec_path("2025-03-01-preview").read_text(encoding="utf-8"))
    operations = sum(1 for item in spec["paths"].values() for method in item if method in ("get", "post", "delete"))
    assert operations == 49
    shown = subprocess.run(
        [sys.executable, "-c", LAYOUT, str(package_2025_03_01_preview)],
        capture_output=True,
        text=True,
        cwd=package_2025_03_01_preview,
        env={"PYTHONPATH": str(package_2025_03_01_preview), "PATH": ""},
    )
    assert shown.returncode == 0, shown.stderr
    layout = json.loads(shown.stdout)
    # "Assistant" beside "Assistants" and "Vector stores" beside "Vector Stores" make no stray folders.
    assert {folder: len(modules) for folder, modules in layout.items()} == {
        "assistants": 22,
        "default": 7,
        "responses": 4,  # the untagged Responses API operations join the tagged DELETE /responses/{id}
        "vector_stores": 16,
    }
    assert sum(len(modules) for modules in layout.values()) == operations
    assert {"chat_completions_create", "completions_create", "embeddings_create"} <= set(layout["default"])
    assert {"post_responses", "get_responses_by_response_id", "delete_response"} <= set(layout["responses"])


def _declaring_api_version(parameter: dict[str, Any]) -> str:
    """A one-operation spec (GET /things) that declares api-version as given."""
    answer = {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "2099-01-01-preview"},
        "paths": {
            "/things": {"get": {"operationId": "List_Things", "parameters": [parameter], "responses": {"200": answer}}}
        },
        "components": {"schemas": {"ApiVersion": {"type": "string", "enum": ["2024-10-21", "2099-01-01-preview"]}}},
    }
    return json.dumps(spec)


API_VERSION_DECLARATIONS = {
    "header": {"in": "header", "name": "api-version", "required": True, "schema": {"type": "string"}},
    "ref-schema": {
        "in": "query",
        "name": "api-version",
        "required": True,
        "schema": {"$ref": "#/components/schemas/ApiVersion"},
    },
}


@pytest.mark.parametrize("declared", sorted(API_VERSION_DECLARATIONS))
def test_a_declared_api_version_is_sent_in_the_query_with_the_spec_version(
    regenerate: ModuleType, tmp_path: Path, declared: str
) -> None:
    spec = _declaring_api_version(API_VERSION_DECLARATIONS[declared])
    package = regenerate.build(spec, tmp_path, formatted=False)
    program = textwrap.dedent(
        """
        from azure_openai_rest.api.default import list_things
        kwargs = list_things._get_kwargs()
        assert kwargs["params"] == {"api-version": "2099-01-01-preview"}, kwargs
        assert "api-version" not in kwargs.get("headers", {}), kwargs
        """
    )
    shown = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(package.parent)},
    )
    assert shown.returncode == 0, shown.stderr


@pytest.mark.parametrize("declared", sorted(API_VERSION_DECLARATIONS))
def test_the_drop_check_calls_each_operation_for_its_api_version(
    regenerate: ModuleType, tmp_path: Path, declared: str
) -> None:
    # Without the fixup the module mentions "api-version" (as a header, or with no default): the check calls it.
    spec = _declaring_api_version(API_VERSION_DECLARATIONS[declared])
    with pytest.raises(regenerate.RegenerationError) as refused:
        regenerate.build(spec, tmp_path, fixups=[], formatted=False)
    assert "endpoint GET /things (List_Things): the api-version parameter" in str(refused.value)


def test_an_operation_a_fixup_loses_fails_the_drop_check(regenerate: ModuleType, tmp_path: Path) -> None:
    # The check counts the source spec's paths and methods, not the fixed spec's: a fixup that loses an
    # operation is caught.
    import spec_fixups

    def lose_chat(spec: dict[str, Any]) -> None:
        del spec["paths"]["/chat/completions"]

    spec = _two_operations(("Completions_Create", "Chat_Create"), True)
    with pytest.raises(regenerate.RegenerationError) as refused:
        regenerate.build(spec, tmp_path, fixups=[*spec_fixups.FIXUPS, lose_chat], formatted=False)
    assert "endpoint POST /chat/completions (Chat_Create)" in str(refused.value)
