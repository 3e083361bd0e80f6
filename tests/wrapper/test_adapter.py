"""The wrapper finds an operation's URL and models only through the constants the generated modules export.

``_adapter`` finds modules through ``azure_openai_rest.api.MODULES`` and paths through ``PATHS``, and reads
``RESPONSE_MODELS`` and ``STREAM_CHUNK_MODEL``; a package without them (an older template) fails at once, naming the
missing constant.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import azure_openai
import azure_openai_rest.api
import httpx
import pytest
from azure_openai import AzureOpenAI
from azure_openai._adapter import AdapterError, chat_chunk_model, deployment_path, operation_module, response_model
from spec_files import OPERATIONS

pytestmark = pytest.mark.usefixtures("clean_env")

CACHED = (response_model, chat_chunk_model, operation_module)


@pytest.fixture
def fresh_adapter() -> Iterator[None]:
    """The adapter's caches are empty before the test and again after it (its monkeypatches are undone)."""
    for function in CACHED:
        function.cache_clear()
    yield
    for function in CACHED:
        function.cache_clear()


def test_the_adapter_finds_every_operations_models_and_the_chunk_from_the_constants() -> None:
    for operation in OPERATIONS:
        module = operation_module(operation)
        assert response_model(operation) is module.RESPONSE_MODELS[200][0]
    chat = operation_module("chat_completions_create")
    assert chat_chunk_model() is chat.STREAM_CHUNK_MODEL
    assert chat_chunk_model() is not response_model("chat_completions_create")
    chunk = chat_chunk_model().from_dict(
        {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []}
    )
    assert chunk.id == "c"


@pytest.mark.parametrize("constant", ["RESPONSE_MODELS", "STREAM_CHUNK_MODEL"])
def test_a_module_without_a_constant_fails_at_once_naming_it(
    constant: str, fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(operation_module("chat_completions_create"), constant)
    find = {
        "RESPONSE_MODELS": lambda: response_model("chat_completions_create"),
        "STREAM_CHUNK_MODEL": chat_chunk_model,
    }[constant]
    with pytest.raises(AdapterError, match=f"chat_completions_create has no {constant}: regenerate"):
        find()


def test_operations_are_found_in_any_tag_package_through_modules(
    fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A layout like 2025-03-01-preview's, where operations live in api/<tag>/: the adapter follows MODULES.
    from azure_openai_rest.api.default import embeddings_create as default

    tagged = ModuleType("azure_openai_rest.api.vectors.embeddings_create")
    tagged.RESPONSE_MODELS = {201: (default.REQUEST_MODEL,)}
    monkeypatch.setitem(sys.modules, tagged.__name__, tagged)
    moved = {**azure_openai_rest.api.MODULES, "embeddings_create": "vectors.embeddings_create"}
    monkeypatch.setattr(azure_openai_rest.api, "MODULES", moved)
    assert operation_module("embeddings_create") is tagged
    assert response_model("embeddings_create") is default.REQUEST_MODEL
    with pytest.raises(AdapterError, match="has no operation 'make_coffee'"):
        operation_module("make_coffee")


def test_an_operation_its_api_version_lacks_is_a_configuration_error_naming_the_fix(
    fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package generated for an api-version without chat (2022-12-01): chat() raised RuntimeError, outside the tree
    (the CLI showed a traceback)."""
    api = azure_openai_rest.api
    for table in ("MODULES", "PATHS"):
        monkeypatch.setattr(api, table, {k: v for k, v in getattr(api, table).items() if "chat" not in k})
    monkeypatch.setattr(azure_openai_rest, "API_VERSION", "2022-12-01")
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment="d", api_version="2024-02-01")
    with pytest.raises(azure_openai.ConfigurationError) as raised:
        client.chat("hi")
    assert isinstance(raised.value, AdapterError) and isinstance(raised.value, azure_openai.AzureOpenAIError)
    assert str(raised.value).startswith(
        "azure_openai_rest was generated for api-version 2022-12-01, which has no operation 'chat_completions_create' "
        "(chat needs api-version 2023-05-15 or later"
    )
    assert "python scripts/regenerate.py --api-version 2024-10-21" in str(raised.value)
    with pytest.raises(AdapterError, match="generated for api-version 2022-12-01, which has no operation 'chat/com"):
        deployment_path("chat/completions", "d")


def test_each_operation_module_is_also_reached_by_its_id_below_api() -> None:
    for operation in azure_openai_rest.api.MODULES:  # imported on first use: the package alone loads no model
        assert getattr(azure_openai_rest.api, operation) is operation_module(operation), operation
    with pytest.raises(AttributeError, match="has no attribute 'make_coffee'"):
        getattr(azure_openai_rest.api, "make_coffee")  # noqa: B009


def test_the_wrapper_names_no_tag_package_so_its_types_hold_in_any_layout() -> None:
    # A spec that tags an operation moves its module to api/<tag>/; an import of api.default.<operation> then
    # finds nothing and mypy silently types every result of that operation Any. api.<operation id> always holds.
    for path in Path(azure_openai.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            modules += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [m for m in modules if m.startswith("azure_openai_rest.api.")], f"{path.name}:{node.lineno}"


def test_a_package_without_the_module_table_names_it(fresh_adapter: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(azure_openai_rest.api, "MODULES")
    with pytest.raises(AdapterError, match=r"azure_openai_rest.api has no MODULES: regenerate"):
        response_model("chat_completions_create")


def test_a_chat_operation_that_declares_no_stream_names_the_fixup(
    fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(operation_module("chat_completions_create"), "STREAM_CHUNK_MODEL", None)
    with pytest.raises(AdapterError, match="add_stream_chunk_schema"):
        chat_chunk_model()


def test_an_operation_without_a_success_model_is_an_adapter_error(
    fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = operation_module("embeddings_create")
    monkeypatch.setattr(module, "RESPONSE_MODELS", {"default": module.RESPONSE_MODELS["default"]})
    with pytest.raises(AdapterError, match="no model for a 2xx answer"):
        response_model("embeddings_create")


def test_paths_come_from_the_generated_package_with_the_deployment_quoted() -> None:
    assert deployment_path("chat_completions_create", "gpt 4/o") == "/deployments/gpt%204%2Fo/chat/completions"
    # the operation helpers' names: the path below the deployment, matched against the generated paths
    for operation in OPERATIONS:
        template = operation_module(operation).PATH
        below = template.split("{deployment-id}/", 1)[1]
        assert (
            deployment_path(below, "d") == deployment_path(operation, "d") == template.replace("{deployment-id}", "d")
        )
    with pytest.raises(AdapterError, match="no operation 'chat/complete'"):
        deployment_path("chat/complete", "d")


def test_the_client_sends_to_the_path_the_generated_package_states(
    fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spec that moved the operation: the wrapper follows the generated path instead of writing its own.
    moved = {**azure_openai_rest.api.PATHS, "chat_completions_create": "/v2/{deployment-id}/chat"}
    monkeypatch.setattr(azure_openai_rest.api, "PATHS", moved)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}}]})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment="my dep", http_client=http)
    assert client.chat("hi").text == "ok"
    assert client.chat("again").text == "ok"  # from the per-deployment cache
    assert [str(request.url) for request in seen] == [
        f"https://r.openai.azure.com/openai/v2/my%20dep/chat?api-version={client.api_version}"
    ] * 2


def test_a_path_not_addressed_by_the_deployment_is_an_adapter_error(
    fresh_adapter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = {**azure_openai_rest.api.PATHS, "completions_create": "/deployments/{deployment}/completions"}
    monkeypatch.setattr(azure_openai_rest.api, "PATHS", moved)
    with pytest.raises(AdapterError, match=r"not addressed by \{deployment-id\} alone"):
        deployment_path("completions_create", "d")


# The same, on each newer api-version, with the wrapper of this repo over a package regenerated for it.
ON_A_REGENERATED_PACKAGE = (
    f"OPERATIONS = {OPERATIONS!r}\n"
    + """
import sys
import azure_openai_rest
from azure_openai._adapter import chat_chunk_model, deployment_path, operation_module, response_model
assert azure_openai_rest.__file__.startswith(sys.argv[1]), azure_openai_rest.__file__
for operation in OPERATIONS:
    module = operation_module(operation)
    assert response_model(operation) is module.RESPONSE_MODELS[200][0], operation
    assert deployment_path(operation, "d") == module.PATH.replace("{deployment-id}", "d"), operation
assert chat_chunk_model() is operation_module("chat_completions_create").STREAM_CHUNK_MODEL
for operation, module in azure_openai_rest.api.MODULES.items():  # every tag's package (2025-03-01-preview has four)
    assert operation_module(operation).__name__ == "azure_openai_rest.api." + module, operation
    assert getattr(azure_openai_rest.api, operation) is operation_module(operation), operation
print(azure_openai_rest.API_VERSION, chat_chunk_model().__name__)
"""
)


@pytest.mark.slow
def test_the_adapter_reads_the_constants_of_a_regenerated_package(regenerated_package: tuple[str, Path]) -> None:
    version, package_parent = regenerated_package
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_parent), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-c", ON_A_REGENERATED_PACKAGE, str(package_parent)],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_parent,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [version, "CreateChatCompletionStreamResponse"]
