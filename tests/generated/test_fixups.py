"""Each spec fixup and custom template of scripts/ is needed: without it, something a user relies on breaks.

Every case builds the package with one fixup (or template) left out and shows the failure: either the script
refuses to write an incomplete package (naming what the generator dropped) or a short program using the
package fails. The same program passes on the package built with everything.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spec_files import REPO, SCRIPTS, examples_dir

pytestmark = pytest.mark.slow  # each case builds a package with the generator

# What each fixup answers, shown as: (api-version, left-out fixup, text the refusal names) ...
REFUSALS = [
    ("2025-03-01-preview", "downgrade_openapi_31", "createResponse"),
    ("2024-10-21", "drop_titles", "schema chatCompletionRequestSystemMessage"),
    ("2024-10-21", "move_nullable_to_references", "schema chatCompletionStreamOptions"),
    ("2024-10-21", "flatten_all_of", "POST /deployments/{deployment-id}/chat/completions"),
    ("2024-02-01", "flatten_all_of", "onYourDataAuthenticationOptions"),
]

# ... or: (api-version, left-out fixup or template, a program that must succeed).
CHAT_EXAMPLE = str(examples_dir("2024-02-01") / "chat_completions.json")
PROGRAMS = {
    "expand_polymorphic_bases": (
        "2024-02-01",
        """
        from azure_openai_rest.models import CreateChatCompletionRequest, ChatCompletionRequestMessageUser
        request = CreateChatCompletionRequest.from_dict({"messages": [{"role": "user", "content": "hi"}]})
        assert isinstance(request.messages[0], ChatCompletionRequestMessageUser), type(request.messages[0])
        assert request.messages[0].content == "hi"
        """,
    ),
    "nest_image_url": (
        "2024-02-01",
        """
        from azure_openai_rest.models import ChatCompletionRequestMessageContentPartImage as Image
        from azure_openai_rest.models import ChatCompletionRequestMessageContentPartImageImageUrl as ImageUrl
        part = Image(image_url=ImageUrl(url="https://example.com/a.png", detail="low"))
        wire = {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}}
        assert part.to_dict() == wire
        """,
    ),
    "tag_union_members": (
        "2024-10-21",
        """
        from azure_openai_rest.models import CreateChatCompletionRequest, ChatCompletionRequestUserMessage
        request = CreateChatCompletionRequest.from_dict({"messages": [{"role": "user", "content": "hi"}]})
        assert isinstance(request.messages[0], ChatCompletionRequestUserMessage), type(request.messages[0])
        """,
    ),
    "add_live_error_shape": (
        "2024-02-01",
        """
        from azure_openai_rest.models import ErrorResponse
        live = {"error": {"code": "content_filter", "message": "filtered", "status": 400, "innererror": {
            "code": "ResponsibleAIPolicyViolation",
            "content_filter_result": {"hate": {"filtered": True, "severity": "high"}}}}}
        parsed = ErrorResponse.from_dict(live)
        assert parsed.error.innererror.content_filter_result.hate.filtered is True
        assert parsed.to_dict() == live
        """,
    ),
    "add_stream_chunk_schema": (
        "2024-02-01",
        """
        from azure_openai_rest.models import CreateChatCompletionStreamResponse
        chunk = CreateChatCompletionStreamResponse.from_dict(
            {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
             "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": None}]})
        assert chunk.choices[0].delta.content == "Hi"
        # the spec now says the chat operation streams these, so its module names the chunk for the wrapper
        from azure_openai_rest.api.default import chat_completions_create
        assert chat_completions_create.STREAM_CHUNK_MODEL is CreateChatCompletionStreamResponse
        """,
    ),
    "accept_base64_embeddings": (
        "2024-02-01",
        """
        from azure_openai_rest.models import EmbeddingsCreateBody, EmbeddingsCreateResponse200
        assert EmbeddingsCreateBody(input_="a", encoding_format="base64").to_dict()["encoding_format"] == "base64"
        answer = {"object": "list", "model": "ada", "data": [{"object": "embedding", "index": 0,
                  "embedding": "AACAPwAAAEA="}], "usage": {"prompt_tokens": 1, "total_tokens": 1}}
        parsed = EmbeddingsCreateResponse200.from_dict(answer)
        assert parsed.data[0].embedding == "AACAPwAAAEA=" and parsed.to_dict() == answer
        """,
    ),
    "collapse_extending_one_of": (
        "2024-02-01",
        """
        import httpx
        from azure_openai_rest import Client
        from azure_openai_rest.api.default import transcriptions_create
        from azure_openai_rest.models import AudioSegment, CreateTranscriptionRequest
        from azure_openai_rest.types import File
        body = {"task": "transcribe", "language": "english", "duration": 1.5, "text": "Hello",
                "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 1.5, "text": "Hello", "tokens": [1],
                              "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.0,
                              "no_speech_prob": 0.01}]}
        client = Client(base_url="http://test/openai")
        client.set_httpx_client(httpx.Client(base_url="http://test/openai",
                                             transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body))))
        parsed = transcriptions_create.sync(deployment_id="w", client=client, api_version="2024-02-01",
                                            body=CreateTranscriptionRequest(file=File(payload=b"RIFF")))
        assert isinstance(parsed.segments[0], AudioSegment), parsed
        assert parsed.to_dict() == body
        """,
    ),
    "name_inline_objects": (
        "2024-02-01",
        """
        from azure_openai_rest.models import CreateChatCompletionResponseChoicesItem
        from azure_openai_rest.models import EmbeddingsCreateResponse200DataItem
        from azure_openai_rest.models import ContentFilterSeverityResult
        # an inline enum may be null once it is a named component referenced as nullable
        result = {"filtered": False, "severity": None}
        assert ContentFilterSeverityResult.from_dict(result).to_dict() == result
        """,
    ),
    "drop_service_defaults": (
        "2024-02-01",
        """
        from azure_openai_rest.models import CreateChatCompletionRequest, ChatCompletionRequestMessageUser
        request = CreateChatCompletionRequest(messages=[ChatCompletionRequestMessageUser(content="hi")])
        assert request.to_dict() == {"messages": [{"role": "user", "content": "hi"}]}, request.to_dict()
        """,
    ),
    "drop_required": (
        "2024-02-01",
        f"""
        import json
        from azure_openai_rest.models import CreateChatCompletionResponse
        body = json.load(open({CHAT_EXAMPLE!r}))["responses"]["200"]["body"]
        assert "object" not in body
        assert CreateChatCompletionResponse.from_dict(body).to_dict() == body
        """,
    ),
    "make_responses_nullable": (
        "2024-02-01",
        """
        from azure_openai_rest.models import CreateChatCompletionStreamResponse
        chunk = {"id": "", "object": "", "created": 0, "model": "", "choices": [
            {"index": 0, "delta": None, "finish_reason": None, "content_filter_results": {}}]}
        assert CreateChatCompletionStreamResponse.from_dict(chunk).to_dict() == chunk
        """,
    ),
    "str_enum.py.jinja": (
        "2024-02-01",
        """
        from azure_openai_rest.models import ContentFilterSeverityResult
        result = {"filtered": False, "severity": "very_low"}
        assert ContentFilterSeverityResult.from_dict(result).severity == "very_low"
        assert ContentFilterSeverityResult.from_dict(result).to_dict() == result
        """,
    ),
    "model.py.jinja": (
        "2024-02-01",
        """
        from azure_openai_rest import ResponseParseError
        from azure_openai_rest.models import CreateChatCompletionResponse
        for bad in ([1, 2], "text", None):
            try:
                CreateChatCompletionResponse.from_dict(bad)
            except ResponseParseError:
                continue
            raise AssertionError(f"{bad!r} was accepted")
        """,
    ),
    "property_templates/union_property.py.jinja": (
        "2024-02-01",
        """
        from azure_openai_rest import ResponseParseError
        from azure_openai_rest.models import CreateChatCompletionResponse
        for bad in ({"usage": "many"}, {"choices": "x"}, {"choices": [1]}):
            try:
                parsed = CreateChatCompletionResponse.from_dict(bad)
            except ResponseParseError:
                continue
            raise AssertionError(f"{bad!r} was read as {parsed!r}")
        """,
    ),
    "property_templates/enum_property.py.jinja": (
        "2024-02-01",
        """
        from azure_openai_rest.models import CreateTranscriptionRequest, ImageGenerationsRequest
        from azure_openai_rest.types import File
        assert ImageGenerationsRequest(prompt="p", size="1024x1024").to_dict() == {"prompt": "p", "size": "1024x1024"}
        fields = dict(CreateTranscriptionRequest(file=File(payload=b"x"), response_format="srt").to_multipart())
        assert fields["response_format"][1] == b"srt"
        """,
    ),
    "endpoint_module.py.jinja": (
        "2024-02-01",
        """
        import httpx
        from azure_openai_rest import Client
        from azure_openai_rest.api.default import transcriptions_create
        from azure_openai_rest.models import CreateTranscriptionRequest
        from azure_openai_rest.types import File
        srt = "1\\n00:00:00,000 --> 00:00:01,500\\nHello\\n"
        answer = httpx.Response(200, text=srt, headers={"content-type": "text/plain; charset=utf-8"})
        client = Client(base_url="http://test/openai")
        client.set_httpx_client(httpx.Client(base_url="http://test/openai",
                                             transport=httpx.MockTransport(lambda r: answer)))
        parsed = transcriptions_create.sync(deployment_id="w", client=client, api_version="2024-02-01",
                                            body=CreateTranscriptionRequest(file=File(payload=b"RIFF")))
        assert parsed == srt, parsed
        # the operation constants the wrapper reads instead of this module's source
        from azure_openai_rest.api.default import chat_completions_create as chat
        from azure_openai_rest.models import CreateChatCompletionRequest, CreateChatCompletionResponse, ErrorResponse
        from azure_openai_rest.models import CreateChatCompletionStreamResponse
        assert (chat.PATH, chat.METHOD, chat.OPERATION_ID) == (
            "/deployments/{deployment-id}/chat/completions", "post", "chat_completions_create")
        assert chat.REQUEST_MODEL is CreateChatCompletionRequest
        assert chat.RESPONSE_MODELS == {200: (CreateChatCompletionResponse,), "default": (ErrorResponse,)}
        assert chat.STREAM_CHUNK_MODEL is CreateChatCompletionStreamResponse
        assert transcriptions_create.REQUEST_MODEL is CreateTranscriptionRequest  # the multipart form's model
        assert transcriptions_create.STREAM_CHUNK_MODEL is None
        """,
    ),
    "api_init.py.jinja": (
        "2024-02-01",
        """
        # Every operation's path, without importing the models (a noticeable part of a second)
        import sys
        from azure_openai_rest.api import PATHS
        assert not any(name.startswith("azure_openai_rest.models") for name in sys.modules)
        from azure_openai_rest.api.default import chat_completions_create, transcriptions_create
        assert PATHS["chat_completions_create"] == chat_completions_create.PATH, PATHS
        assert PATHS["transcriptions_create"] == "/deployments/{deployment-id}/audio/transcriptions", PATHS
        # each operation's module by its id, in any tag package (the wrapper's types name it so)
        from azure_openai_rest.api import chat_completions_create as by_id
        assert by_id is chat_completions_create
        """,
    ),
    "errors.py.jinja": (
        "2024-02-01",
        """
        import httpx
        from azure_openai_rest import Client, ResponseParseError
        from azure_openai_rest.api.default import chat_completions_create
        from azure_openai_rest.models import CreateChatCompletionRequest
        page = httpx.Response(200, text="<html><body>Sign in</body></html>", headers={"content-type": "text/html"})
        client = Client(base_url="http://test/openai")
        transport = httpx.MockTransport(lambda r: page)
        client.set_httpx_client(httpx.Client(base_url="http://test/openai", transport=transport))
        try:
            chat_completions_create.sync(deployment_id="d", client=client, api_version="2024-02-01",
                                         body=CreateChatCompletionRequest.from_dict({"messages": []}))
        except ResponseParseError as exc:
            assert "HTTP 200" in str(exc) and "Sign in" in str(exc), exc
        else:
            raise AssertionError("no error")
        """,
    ),
    "package_init.py.jinja": (
        "2024-02-01",
        """
        import azure_openai_rest
        assert azure_openai_rest.API_VERSION == "2024-02-01"
        assert azure_openai_rest.load_spec()["info"]["version"] == "2024-02-01"
        """,
    ),
    "client.py.jinja": (
        "2024-02-01",
        """
        # Python 3.10 support: nothing imports names that only later Pythons have.
        import ast, pathlib, azure_openai_rest
        newer = {"Self", "StrEnum", "override", "TypeIs"}
        for path in pathlib.Path(azure_openai_rest.__file__).parent.rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module in ("typing", "enum"):
                    found = newer & {alias.name for alias in node.names}
                    assert not found, f"{path.name} imports {found}"
        """,
    ),
}


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}
    },
}
OPENAPI_31_SCHEMAS: dict[str, Any] = {
    "includable": {"type": "string", "description": "What to include.", "enum": ["a", "b"]},
    "part": {
        "type": "object",
        "properties": {
            "kind": {"const": "part"},
            "parts": {"type": "array", "items": {"$recursiveRef": "#"}},
        },
        "$recursiveAnchor": True,
    },
    "thing": {
        "type": ["object", "null"],
        "examples": [{"kind": "thing"}],
        "properties": {
            "kind": {"type": "string", "const": "thing", "examples": ["thing"]},
            "name": {"type": ["string", "null"]},
            "size": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
            "part": {"$ref": "#/components/schemas/part", "description": "One part.", "nullable": True},
            "parts": {"type": "array", "items": {"$ref": "#/components/schemas/part"}},
            "include": {
                "$ref": "#/components/schemas/includable",
                "description": {"$ref": "#/components/schemas/includable/description"},
            },
        },
    },
}


def small_spec(paths: dict[str, Any], schemas: dict[str, Any] | None = None, openapi: str = "3.0.3") -> dict[str, Any]:
    """A spec with these paths and schemas besides the error model; an operation without ``responses`` answers
    a plain object."""
    for path, item in paths.items():
        for operation in item.values():
            operation.setdefault(
                "responses",
                {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}},
            )
            for name in re.findall(r"{([^}]+)}", path):
                operation.setdefault("parameters", []).append(
                    {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
                )
    return {
        "openapi": openapi,
        "info": {"title": "small", "version": "2099-01-01-preview"},
        "paths": paths,
        "components": {"schemas": {"errorResponse": ERROR_SCHEMA, **(schemas or {})}},
    }


# ... or, for constructs of other published versions: (left-out fixup, a small spec showing the construct, a
# program that must succeed on the package built from it).
ERROR_BODY = {"error": {"code": "429", "message": "Rate limit"}}
SMALL_SPECS: dict[str, tuple[dict[str, Any], str]] = {  # left-out fixup: (spec, program)
    "unique_operation_ids": (
        # a published preview gives chat completions the operationId of completions
        small_spec(
            {
                "/deployments/{deployment-id}/completions": {"post": {"operationId": "Completions_Create"}},
                "/deployments/{deployment-id}/chat/completions": {"post": {"operationId": "Completions_Create"}},
            }
        ),
        """
        from azure_openai_rest.api.default import chat_completions_create, completions_create
        assert completions_create._get_kwargs("d")["url"] == "/deployments/d/completions"
        assert chat_completions_create._get_kwargs("d")["url"] == "/deployments/d/chat/completions"
        """,
    ),
    "require_api_version": (
        # 2024-02-15-preview's assistants operations declare no api-version
        small_spec({"/assistants": {"get": {"operationId": "List_Assistants", "parameters": []}}}),
        """
        from azure_openai_rest.api.default import list_assistants
        assert list_assistants._get_kwargs()["params"] == {"api-version": "2099-01-01-preview"}
        assert list_assistants._get_kwargs(api_version="2024-05-01")["params"] == {"api-version": "2024-05-01"}
        """,
    ),
    "add_error_responses": (
        # embeddings, transcriptions and translations declare only their 200 answer
        small_spec({"/deployments/{deployment-id}/embeddings": {"post": {"operationId": "embeddings_create"}}}),
        f"""
        import httpx
        from azure_openai_rest import Client
        from azure_openai_rest.api.default import embeddings_create
        from azure_openai_rest.models import ErrorResponse
        client = Client(base_url="http://test/openai")
        answer = httpx.Response(429, json={ERROR_BODY!r})
        client.set_httpx_client(httpx.Client(base_url="http://test/openai",
                                             transport=httpx.MockTransport(lambda r: answer)))
        result = embeddings_create.sync_detailed("d", client=client)
        assert isinstance(result.parsed, ErrorResponse), result.parsed
        assert result.parsed.to_dict() == {ERROR_BODY!r}
        """,
    ),
    "normalise_tags": (
        # 2025-03-01-preview tags one operation "Assistant" beside "Assistants", some "Vector stores"
        small_spec(
            {
                "/assistants": {"get": {"operationId": "List_Assistants", "tags": ["Assistants"]}},
                "/assistants/{assistant_id}": {"post": {"operationId": "Modify_Assistant", "tags": ["Assistant"]}},
                "/vector_stores": {"get": {"operationId": "List_Vector_Stores", "tags": ["Vector Stores"]}},
                "/vector_stores/{vector_store_id}/search": {
                    "post": {"operationId": "searchVectorStore", "tags": ["Vector stores"]}
                },
                "/deployments/{deployment-id}/embeddings": {"post": {"operationId": "embeddings_create"}},
            }
        ),
        """
        import pathlib, azure_openai_rest
        from azure_openai_rest.api.assistants import list_assistants, modify_assistant
        from azure_openai_rest.api.vector_stores import list_vector_stores, search_vector_store
        from azure_openai_rest.api.default import embeddings_create
        api = pathlib.Path(azure_openai_rest.__file__).parent / "api"
        folders = sorted(p.name for p in api.iterdir() if p.is_dir() and p.name != "__pycache__")
        assert folders == ["assistants", "default", "vector_stores"], folders
        """,
    ),
    "rename_clashing_schemas": (
        # 2025-03-01-preview names the Responses API object `response`, the name of the package's own Response
        small_spec(
            {
                "/responses/{response_id}": {
                    "get": {
                        "operationId": "getResponse",
                        "responses": {
                            "200": {
                                "description": "OK",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/response"}}},
                            }
                        },
                    }
                },
                # a schema named like the alias every endpoint module defines (RequestModel: TypeAlias = None here)
                "/models/{model_id}": {
                    "get": {
                        "operationId": "getModel",
                        "responses": {
                            "200": {
                                "description": "OK",
                                "content": {
                                    "application/json": {"schema": {"$ref": "#/components/schemas/requestModel"}}
                                },
                            }
                        },
                    }
                },
            },
            {
                "response": {"type": "object", "properties": {"id": {"type": "string"}}},
                "requestModel": {"type": "object", "properties": {"id": {"type": "string"}}},
            },
        ),
        """
        import httpx
        from azure_openai_rest import Client
        from azure_openai_rest.api.default import get_model, get_response
        client = Client(base_url="http://test/openai")
        answer = httpx.Response(200, json={"id": "resp_1"})
        client.set_httpx_client(httpx.Client(base_url="http://test/openai",
                                             transport=httpx.MockTransport(lambda r: answer)))
        model = get_model.sync("m_1", client=client)  # its class was shadowed by the module's alias
        assert model is not None and model.id == "resp_1", model
        from azure_openai_rest.models import RequestModelObject, ResponseObject
        parsed = get_response.sync("resp_1", client=client)
        assert isinstance(parsed, ResponseObject) and parsed.id == "resp_1", parsed
        assert get_model.RequestModel is None and get_model.ResponseModel is RequestModelObject
        """,
    ),
    "downgrade_openapi_31": (
        # OpenAPI 3.1 (2025-03-01-preview): a $ref as description, type lists with "null", null members,
        # $ref siblings, const without type, examples arrays, $recursiveRef
        small_spec(
            {
                "/deployments/{deployment-id}/things": {
                    "post": {
                        "operationId": "Things_Create",
                        "responses": {
                            "200": {
                                "description": "OK",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing"}}},
                            }
                        },
                    }
                }
            },
            OPENAPI_31_SCHEMAS,
            "3.1.0",
        ),
        """
        from azure_openai_rest.models import Thing, Part
        body = {"kind": "thing", "name": None, "size": None, "part": None, "parts": [{"kind": "part", "parts": []}],
                "include": "a"}
        thing = Thing.from_dict(body)
        assert thing.to_dict() == body, thing.to_dict()
        assert isinstance(thing.parts[0], Part) and Thing.from_dict({"kind": "thing", "name": "n"}).name == "n"
        assert isinstance(Part.from_dict({"kind": "part", "parts": [{"kind": "part"}]}).parts[0], Part)
        """,
    ),
}


# What the script's refusal names when the package is built without a template (its operation modules do not
# import, so the drop check cannot call them).
PROGRAM_REFUSALS = {"errors.py.jinja": "cannot import name 'ResponseParseError' from 'azure_openai_rest.errors'"}

# What the script's refusal names when a small spec is built without its fixup (a fixup not listed here must
# let the package be built, and the program then fails).
SMALL_SPEC_REFUSALS = {
    "downgrade_openapi_31": "components.schemas.thing.other.properties.include.other.description",
    "rename_clashing_schemas": "GET /responses/{response_id} (getResponse): the api-version parameter (sends nothing: "
    "TypeError: type 'Response' is not subscriptable)",
    "require_api_version": "endpoint GET /assistants (List_Assistants): the api-version parameter (sends None)",
    "unique_operation_ids": "WARNING parsing POST /deployments/{deployment-id}/chat/completions within default",
}


def run_program(package_parent: Path, program: str) -> subprocess.CompletedProcess[str]:
    """Run a program with the given folder's azure_openai_rest first on the path."""
    code = f"import sys; sys.path.insert(0, {str(package_parent)!r})\n" + textwrap.dedent(program)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def _without_template(name: str, tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(SCRIPTS / "templates", templates)
    (templates / name).unlink()
    return templates


@pytest.mark.parametrize(("version", "left_out", "named"), REFUSALS, ids=[f"{v}-{f}" for v, f, _ in REFUSALS])
def test_without_fixup_the_script_refuses_and_names_what_was_dropped(
    regenerate: ModuleType, build_package: Callable[..., Path], version: str, left_out: str, named: str
) -> None:
    import spec_fixups

    fixups = [f for f in spec_fixups.FIXUPS if f.__name__ != left_out]
    assert len(fixups) == len(spec_fixups.FIXUPS) - 1
    with pytest.raises(regenerate.RegenerationError) as refused:
        build_package(version, fixups=fixups, formatted=False)
    assert named in str(refused.value)


@pytest.mark.parametrize("left_out", sorted(PROGRAMS))
def test_the_program_passes_with_everything_and_fails_without(
    left_out: str,
    regenerate: ModuleType,
    build_package: Callable[..., Path],
    package_2024_10_21: Path,
    tmp_path: Path,
) -> None:
    import spec_fixups

    version, program = PROGRAMS[left_out]
    complete = REPO / "generated" if version == "2024-02-01" else package_2024_10_21
    with_everything = run_program(complete, program)
    assert with_everything.returncode == 0, with_everything.stderr

    if left_out.endswith(".jinja"):
        try:
            ablated = build_package(version, templates=_without_template(left_out, tmp_path), formatted=False)
        except regenerate.RegenerationError as refused:  # the drop check imports every operation module
            assert PROGRAM_REFUSALS.get(left_out, "(no refusal expected)") in str(refused)
            return
    else:
        names = [f.__name__ for f in spec_fixups.FIXUPS]
        assert left_out in names, f"{left_out} is not a fixup of scripts/spec_fixups.py"
        fixups = [f for f in spec_fixups.FIXUPS if f.__name__ != left_out]
        ablated = build_package(version, fixups=fixups, formatted=False)
    without = run_program(ablated, program)
    assert without.returncode != 0, f"the program passes without {left_out}: it does not show what {left_out} fixes"


@pytest.mark.parametrize("left_out", sorted(SMALL_SPECS))
def test_a_small_spec_shows_the_construct_each_fixup_answers(
    left_out: str, regenerate: ModuleType, tmp_path: Path
) -> None:
    import spec_fixups

    spec_dict, program = SMALL_SPECS[left_out]
    spec = json.dumps(spec_dict)
    (tmp_path / "complete").mkdir()
    (tmp_path / "ablated").mkdir()
    complete = regenerate.build(spec, tmp_path / "complete", formatted=False).parent
    with_everything = run_program(complete, program)
    assert with_everything.returncode == 0, with_everything.stderr

    fixups = [f for f in spec_fixups.FIXUPS if f.__name__ != left_out]
    assert len(fixups) == len(spec_fixups.FIXUPS) - 1
    try:
        ablated = regenerate.build(spec, tmp_path / "ablated", fixups=fixups, formatted=False).parent
    except regenerate.RegenerationError as refused:
        # refused, naming what the fixup answers; nothing incomplete is written
        assert left_out in SMALL_SPEC_REFUSALS, f"refused without {left_out}, unexpectedly: {refused}"
        assert SMALL_SPEC_REFUSALS[left_out] in str(refused)
        return
    assert left_out not in SMALL_SPEC_REFUSALS, f"built without {left_out}: the script should have refused"
    without = run_program(ablated, program)
    assert without.returncode != 0, f"the program passes without {left_out}: it does not show what {left_out} fixes"


def test_every_fixup_and_template_is_shown_to_be_needed() -> None:
    import spec_fixups

    shown = {f for _, f, _ in REFUSALS} | set(PROGRAMS) | set(SMALL_SPECS)
    fixups = {f.__name__ for f in spec_fixups.FIXUPS}
    templates = {p.relative_to(SCRIPTS / "templates").as_posix() for p in (SCRIPTS / "templates").rglob("*.jinja")}
    assert fixups | templates <= shown, f"not shown to be needed: {sorted((fixups | templates) - shown)}"


def test_each_openapi_31_construct_is_said_in_30_terms(regenerate: ModuleType) -> None:
    import spec_fixups

    spec = small_spec({}, copy.deepcopy(OPENAPI_31_SCHEMAS), "3.1.0")
    spec["components"]["schemas"]["several"] = {"type": ["string", "integer", "null"]}
    spec["components"]["schemas"]["nothing"] = {"const": None}
    spec_fixups.downgrade_openapi_31(spec)
    schemas = spec["components"]["schemas"]
    thing, part = schemas["thing"], schemas["part"]
    assert spec["openapi"] == "3.0.3"
    assert thing["type"] == "object" and thing["nullable"] is True and thing["example"] == {"kind": "thing"}
    props = thing["properties"]
    assert props["kind"] == {"type": "string", "const": "thing", "default": "thing", "example": "thing"}
    assert props["name"] == {"type": "string", "nullable": True}
    assert props["size"] == {"anyOf": [{"type": "integer"}], "nullable": True}
    assert props["part"] == {
        "oneOf": [{"$ref": "#/components/schemas/part"}],
        "nullable": True,
        "description": "One part.",
    }
    assert props["include"] == {"$ref": "#/components/schemas/includable", "description": "What to include."}
    assert part["properties"]["kind"] == {"const": "part", "type": "string", "default": "part"}
    assert (
        part["properties"]["parts"]["items"] == {"$ref": "#/components/schemas/part"} and "$recursiveAnchor" not in part
    )
    assert schemas["several"] == {"nullable": True, "oneOf": [{"type": "string"}, {"type": "integer"}]}
    assert schemas["nothing"] == {"nullable": True}


def test_an_openapi_30_spec_is_left_as_it_is(regenerate: ModuleType) -> None:
    import spec_fixups

    spec = small_spec({}, {"odd": {"type": ["string", "null"]}})
    before = copy.deepcopy(spec)
    spec_fixups.downgrade_openapi_31(spec)
    assert spec == before


def test_shared_operation_ids_are_told_apart_by_path_then_method(regenerate: ModuleType) -> None:
    import spec_fixups

    spec = small_spec(
        {
            "/completions": {"post": {"operationId": "Completions_Create"}},
            "/chat/completions": {"post": {"operationId": "Completions_Create"}},
            "/other": {"post": {"operationId": "Chat_Completions_Create"}},  # the name the path would give
            "/things/{id}": {"get": {"operationId": "Thing"}, "delete": {"operationId": "Thing"}},
            "/untitled": {"get": {}},
        }
    )
    spec_fixups.unique_operation_ids(spec)
    ids = {(p, m): o["operationId"] for p, i in spec["paths"].items() for m, o in i.items()}
    assert ids == {
        ("/completions", "post"): "Completions_Create",
        ("/chat/completions", "post"): "Chat_Completions_Create_Post",
        ("/other", "post"): "Chat_Completions_Create",
        ("/things/{id}", "delete"): "Thing",
        ("/things/{id}", "get"): "Thing_Get",
        ("/untitled", "get"): "get_untitled",
    }


def test_made_up_operation_ids_name_path_parameters_and_declared_ids_claim_theirs_first(
    regenerate: ModuleType,
) -> None:
    import spec_fixups

    spec = small_spec(
        {
            "/responses/{response_id}": {"get": {}},
            "/responses": {"get": {}},  # after the retrieve: it must not take the retrieve's name
            "/threads": {"get": {}},  # before a declared id its made-up id would equal
            "/threads/{thread_id}": {"get": {"operationId": "get_threads"}},
        }
    )
    spec_fixups.unique_operation_ids(spec)
    ids = {(p, m): o["operationId"] for p, i in spec["paths"].items() for m, o in i.items()}
    assert ids == {
        ("/responses/{response_id}", "get"): "get_responses_by_response_id",
        ("/responses", "get"): "get_responses",
        ("/threads", "get"): "get_threads_Get",
        ("/threads/{thread_id}", "get"): "get_threads",
    }
