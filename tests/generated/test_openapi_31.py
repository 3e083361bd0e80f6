"""Each OpenAPI 3.1 construct, in a small spec, gives a package that reads and writes it back unchanged.

Checked by behaviour (a round trip through the generated model), not by the shape of the rewritten spec.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # each case builds a package with the generator

_THING = {"$ref": "#/components/schemas/thing"}
_OBJ = {"type": "object", "properties": {"x": {"type": "integer"}}}

# construct: (the schema of `thing`, bodies that must round-trip, a check on the first one's parsed value)
CONSTRUCTS: dict[str, tuple[dict[str, Any], list[dict[str, Any]], str]] = {
    "type-list-of-several-types-with-items": (
        {
            "type": "object",
            "properties": {"sa": {"type": ["string", "array"], "items": {"$ref": "#/components/schemas/obj"}}},
        },
        [{"sa": [{"x": 1}]}, {"sa": "x"}],
        "type(thing.sa[0]).__name__ == 'Obj'",
    ),
    "nullable-enum-listing-null": (
        {"type": "object", "properties": {"sa": {"type": ["string", "null"], "enum": ["a", "b", None]}}},
        [{"sa": "a"}, {"sa": None}, {"sa": "new"}],
        "thing.sa == 'a'",
    ),
    "const-in-an-answer-may-be-missing": (
        {"type": "object", "properties": {"object": {"const": "chat.completion"}, "id": {"type": "string"}}},
        [{"id": "a"}, {"object": "chat.completion", "id": "a"}],
        "thing.id == 'a'",
    ),
    "ref-with-object-siblings": (
        {
            "type": "object",
            "properties": {
                "ext": {
                    "$ref": "#/components/schemas/obj",
                    "properties": {"y": {"type": "string"}},
                    "required": ["y"],
                    "description": "obj plus y",
                }
            },
        },
        [{"ext": {"x": 1, "y": "z"}}],
        "thing.ext.y == 'z' and thing.ext.x == 1",
    ),
}


def _run(package_parent: Path, program: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a program with the given folder's azure_openai_rest on the path."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(program)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(package_parent)},
    )


@pytest.mark.parametrize("construct", sorted(CONSTRUCTS))
def test_each_openapi_31_construct_round_trips(construct: str, regenerate: ModuleType, tmp_path: Path) -> None:
    schema, bodies, check = CONSTRUCTS[construct]
    answer = {"description": "OK", "content": {"application/json": {"schema": _THING}}}
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "small", "version": "2099-01-01-preview"},
        "paths": {"/things": {"post": {"operationId": "Things_Create", "responses": {"200": answer}}}},
        "components": {"schemas": {"obj": _OBJ, "thing": schema}},
    }
    package = regenerate.build(json.dumps(spec), tmp_path, formatted=False)
    program = f"""
        from azure_openai_rest.models import Thing
        for body in {bodies!r}:
            thing = Thing.from_dict(body)
            assert thing.to_dict() == body, (body, thing.to_dict())
        thing = Thing.from_dict({bodies[0]!r})
        assert {check}, thing
        """
    shown = _run(package.parent, program, tmp_path)
    assert shown.returncode == 0, shown.stderr


def test_a_const_in_a_request_is_sent_and_required(regenerate: ModuleType, tmp_path: Path) -> None:
    request = {"type": "object", "properties": {"type": {"const": "text"}, "text": {"type": "string"}}}
    answer = {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/part"}}}}
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "small", "version": "2099-01-01-preview"},
        "paths": {
            "/parts": {"post": {"operationId": "Parts_Create", "requestBody": body, "responses": {"200": answer}}}
        },
        "components": {"schemas": {"part": request}},
    }
    package = regenerate.build(json.dumps(spec), tmp_path, formatted=False)
    program = """
        from azure_openai_rest.models import Part
        assert Part(text="hi").to_dict() == {"type": "text", "text": "hi"}, Part(text="hi").to_dict()
        try:
            Part.from_dict({"text": "hi"})
        except (KeyError, ValueError):
            pass
        else:
            raise AssertionError("a request part without its constant was read")
        import typing
        from azure_openai_rest.api.default import parts_create
        hints = typing.get_type_hints(parts_create.RequestParams)  # the constant's Literal is imported for it
        assert hints == {"type_": typing.Literal["text"], "text": str}, hints
        """
    shown = _run(package.parent, program, tmp_path)
    assert shown.returncode == 0, shown.stderr
