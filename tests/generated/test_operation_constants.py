"""Every operation module states, as constants, what the spec says of it (path, method, models, stream chunk).

The wrapper reads these constants instead of the generated code's source (``wrapper/azure_openai/_adapter.py``),
so they are checked against the spec itself, after the fixups, for every api-version the tests build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from spec_files import REPO, SCRIPTS, spec_path

# Run against one package: every operation module's constants as JSON (classes by name).
DUMP = """
import importlib, json, pkgutil, sys
import azure_openai_rest.api as api
assert api.__file__.startswith(sys.argv[1]), api.__file__
names = lambda models: [m.__name__ for m in models]
found = {}
for tag in pkgutil.iter_modules(api.__path__):
    package = importlib.import_module(f"azure_openai_rest.api.{tag.name}")
    for info in pkgutil.iter_modules(package.__path__):
        m = importlib.import_module(f"{package.__name__}.{info.name}")
        found[info.name] = {
            "path": m.PATH, "method": m.METHOD, "operation_id": m.OPERATION_ID, "table_path": api.PATHS[info.name],
            "request": m.REQUEST_MODEL and m.REQUEST_MODEL.__name__,
            "responses": {str(status): names(models) for status, models in m.RESPONSE_MODELS.items()},
            "chunk": m.STREAM_CHUNK_MODEL and m.STREAM_CHUNK_MODEL.__name__,
            "module": api.MODULES[info.name],
            "aliases": {
                "request": m.RequestModel and m.RequestModel.__name__,
                "response": m.ResponseModel and m.ResponseModel.__name__,
                "chunk": m.StreamChunkModel.__name__ if hasattr(m, "StreamChunkModel") else None,
            },
            "params": sorted(m.RequestParams.__annotations__),
            "params_total": m.RequestParams.__total__,
        }
print(json.dumps(found))
"""

# The response content types the generator reads a body from, and the one a stream is declared with.
READ_CONTENT = ("application/json", "application/octet-stream", "text/")
EVENT_STREAM = "text/event-stream"


def _class_names(schema: dict[str, Any] | None, schemas: dict[str, Any]) -> list[str]:
    """The model classes a schema is read into: a referenced object schema, or the object members of a union."""
    from openapi_python_client.strings import ClassName

    if not schema:
        return []
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        target = schemas[name]
        is_model = ("properties" in target or target.get("type") == "object") and not (
            "oneOf" in target or "anyOf" in target
        )
        return [str(ClassName(name, "field_"))] if is_model else []
    return [name for key in ("oneOf", "anyOf") for sub in schema.get(key, []) for name in _class_names(sub, schemas)]


def expected_constants(version: str) -> dict[str, dict[str, Any]]:
    """What the fixed spec of ``version`` says of each operation, in the shape ``DUMP`` prints."""
    sys.path.insert(0, str(SCRIPTS))
    from openapi_python_client.strings import PythonIdentifier
    from spec_fixups import HTTP_METHODS, apply_fixups

    spec = apply_fixups(json.loads(spec_path(version).read_text(encoding="utf-8")))
    schemas = spec["components"]["schemas"]
    expected: dict[str, dict[str, Any]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            name = str(PythonIdentifier(operation["operationId"], "field_"))
            bodies = list(operation.get("requestBody", {}).get("content", {}).values())
            body_schema = bodies[0].get("schema") if bodies else None
            request = _class_names(body_schema, schemas)
            request_schema = schemas[body_schema["$ref"].rsplit("/", 1)[-1]] if request else {}
            responses: dict[str, list[str]] = {}
            chunk = None
            for status, response in operation["responses"].items():
                content = response.get("content", {})
                read = next((m for t, m in content.items() if t.startswith(READ_CONTENT)), {})
                responses[status] = _class_names(read.get("schema"), schemas)
                streamed = _class_names(content.get(EVENT_STREAM, {}).get("schema"), schemas)
                chunk = streamed[0] if len(streamed) == 1 and "$ref" in content[EVENT_STREAM]["schema"] else chunk
            expected[name] = {
                "path": path,
                "method": method,
                "operation_id": name,
                "table_path": path,
                "request": request[0] if request else None,
                "responses": responses,
                "chunk": chunk,
                "module": f"{_tag_package(path, operation, spec)}.{name}",
                "aliases": {
                    "request": request[0] if request else None,
                    "response": _first_success(responses),
                    "chunk": chunk,
                },
                "params": sorted(str(PythonIdentifier(p, "field_")) for p in request_schema.get("properties", {})),
                "params_total": False,
            }
    return expected


def _first_success(responses: dict[str, list[str]]) -> str | None:
    """The first model of the lowest 2xx status that has one (what ``ResponseModel`` names)."""
    success = sorted(int(s) for s, models in responses.items() if s.isdigit() and 200 <= int(s) < 300 and models)
    return responses[str(success[0])][0] if success else None


def _tag_package(path: str, operation: dict[str, Any], spec: dict[str, Any]) -> str:
    """The api package an operation's module is in: its tag's, else the tag its first path segment names."""
    from openapi_python_client.strings import PythonIdentifier

    tags = (
        operation.get("tags")
        or [
            tag
            for item in spec["paths"].values()
            for other in item.values()
            if isinstance(other, dict)
            for tag in other.get("tags", [])[:1]
            if str(PythonIdentifier(tag, "field_")) == str(PythonIdentifier(path.strip("/").split("/")[0], "field_"))
        ][:1]
    )
    return str(PythonIdentifier(tags[0], "field_")) if tags else "default"


VERSIONS = [
    "2024-02-01",
    pytest.param("2024-10-21", marks=pytest.mark.slow),
    pytest.param("2025-03-01-preview", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_constants_of_every_operation_agree_with_the_spec(version: str, request: pytest.FixtureRequest) -> None:
    if version == "2024-02-01":
        package_parent = REPO / "generated"
    else:
        package_parent = request.getfixturevalue("package_" + version.replace("-", "_"))
    env = {"PYTHONPATH": str(package_parent), "PATH": ""}
    dump = subprocess.run([sys.executable, "-c", DUMP, str(package_parent)], capture_output=True, text=True, env=env)
    assert dump.returncode == 0, dump.stderr
    found, expected = json.loads(dump.stdout), expected_constants(version)
    assert found.keys() == expected.keys()
    for name, constants in expected.items():
        assert found[name] == constants, name
    # the case the wrapper streams from: declared for every version (2024-02-01 by scripts/spec_fixups.py)
    assert found["chat_completions_create"]["chunk"] == "CreateChatCompletionStreamResponse"


def test_the_expected_constants_are_not_trivially_empty() -> None:
    """The reading of the spec above finds models, so a template emitting nothing could not pass."""
    expected = expected_constants("2024-02-01")
    assert expected["chat_completions_create"]["responses"] == {
        "200": ["CreateChatCompletionResponse"],
        "default": ["ErrorResponse"],
    }
    assert expected["transcriptions_create"]["request"] == "CreateTranscriptionRequest"
    assert all(constants["responses"].get("200") for constants in expected.values())
