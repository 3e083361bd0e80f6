"""Property-based: what the spec allows parses and round-trips; anything else raises only ResponseParseError."""

from __future__ import annotations

import contextlib
import copy
import importlib
import json
from typing import Any

import azure_openai_rest
import pytest
from azure_openai_rest import ResponseParseError
from example_check import _body_type, _client_answering
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow  # hypothesis draws hundreds of bodies per schema

SPEC = azure_openai_rest.load_spec()
SCHEMAS = SPEC["components"]["schemas"]
KNOWN_FORMATS = {"uri", "date-time", "email"}


def to_json_schema(node: Any, seen: tuple[str, ...] = ()) -> Any:
    """An OpenAPI 3.0 schema as plain JSON Schema: $refs inlined, ``nullable`` as a null type, vendor keys gone."""
    if isinstance(node, list):
        return [to_json_schema(n, seen) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return {}
        return to_json_schema(SCHEMAS[name], (*seen, name))
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-") or key in ("nullable", "example", "discriminator", "readOnly", "deprecated"):
            continue
        if key == "format" and value not in KNOWN_FORMATS:
            continue
        if key == "properties":
            out[key] = {k: to_json_schema(v, seen) for k, v in value.items()}
        elif key in ("required", "enum"):
            out[key] = copy.deepcopy(value)
        else:
            out[key] = to_json_schema(value, seen)
    if node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def from_schema(schema: Any) -> st.SearchStrategy[Any]:
    """Instances of the JSON Schema subset this spec uses (hypothesis-jsonschema 0.23 fails on hypothesis 6.170).

    Objects get every required property, a random choice of the optional ones, and — unless the schema says
    ``additionalProperties: false`` — extra keys the schema does not know, which must survive too.
    """
    if not isinstance(schema, dict) or not schema:
        return JSON
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([from_schema(s) for s in schema[key]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum", -(2**31)), max_value=schema.get("maximum", 2**31))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False, allow_infinity=False)
    if kind == "string":
        return st.text(max_size=8)
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {})), min_size=schema.get("minItems", 0), max_size=3)
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = [k for k in schema.get("required", []) if k in props]
        optional = {k: from_schema(v) for k, v in props.items() if k not in required}
        extra = schema.get("additionalProperties", True)
        known = st.fixed_dictionaries({k: from_schema(props[k]) for k in required}, optional=optional)
        if extra is False:
            return known
        unknown_keys = st.text(min_size=1, max_size=6).filter(lambda k: k not in props)
        values = from_schema(extra) if isinstance(extra, dict) else JSON
        return st.tuples(known, st.dictionaries(unknown_keys, values, max_size=2)).map(lambda kv: {**kv[1], **kv[0]})
    return JSON


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for item in SPEC["paths"].values():
        for operation in item.values():
            for code, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if schema is not None:
                    found.append((operation["operationId"], code, schema))
    return found


def _module(operation_id: str) -> Any:
    from openapi_python_client.strings import snake_case

    return importlib.import_module(f"azure_openai_rest.api.default.{snake_case(operation_id)}")


def _call(module: Any, status: int, body: Any) -> Any:
    client = _client_answering(status, json.dumps(body), "application/json")
    body_type = _body_type(module)
    request = (
        body_type(file=azure_openai_rest.types.File(payload=b"x"))
        if hasattr(body_type, "to_multipart")
        else (body_type.from_dict({}))
    )
    return module.sync_detailed(deployment_id="d", client=client, body=request, api_version="v").parsed


OPERATIONS = _operations()


@pytest.mark.parametrize(("operation_id", "code", "schema"), OPERATIONS, ids=[f"{o}-{c}" for o, c, _ in OPERATIONS])
def test_what_the_spec_allows_parses_and_round_trips(operation_id: str, code: str, schema: dict[str, Any]) -> None:
    module = _module(operation_id)
    status = 200 if code == "200" else 400

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(from_schema(to_json_schema(schema)))
    def round_trip(instance: Any) -> None:
        parsed = _call(module, status, instance)
        assert parsed is not None
        assert json.loads(json.dumps(parsed.to_dict())) == instance

    round_trip()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


def _models() -> list[type]:
    models = importlib.import_module("azure_openai_rest.models")
    return [getattr(models, name) for name in models.__all__ if hasattr(getattr(models, name), "from_dict")]


def _shaped_like(model: type) -> st.SearchStrategy[Any]:
    """Objects with the model's own keys holding arbitrary JSON, and arbitrary JSON of any kind."""
    import attrs

    keys = [f.alias or f.name for f in attrs.fields(model) if f.name != "additional_properties"]
    names = {f.name: f.alias for f in attrs.fields(model)}
    wire_keys = [k.removesuffix("_") if k.endswith("_") else k for k in keys] + list(names)
    return JSON | st.fixed_dictionaries({}, optional={k: JSON for k in wire_keys})


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_anything_else_raises_only_the_documented_error(model: Any) -> None:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_shaped_like(model))
    def parse(data: Any) -> None:
        with contextlib.suppress(ResponseParseError):  # parsing or this error: nothing else may escape
            model.from_dict(data)

    parse()
