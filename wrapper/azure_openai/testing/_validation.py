"""Request validation against the spec of a request's api-version, answered like the service answers a bad request.

The service refuses a top-level argument its api-version does not have ("Unrecognized request argument
supplied"), so a request is checked against the spec of the api-version it asks for when one is held: the
packaged spec and the published ones in ``specs/`` (``RequestValidator.held``; the emulator picks, ``_state.py``).

The spec is OpenAPI 3.0, whose schema dialect is not JSON Schema. Before validating we translate:
- ``nullable: true`` -> ``null`` added to ``type`` (or to ``enum``; or ``anyOf`` null when there is no ``type``);
- ``discriminator`` -> one ``if``/``then`` per mapping value, so a message with ``role: user`` is held to the
  user-message schema. The mapped schemas ``allOf`` their base, so they point at a copy of the base without the
  discriminator (``<name>__base``), else validation would recurse forever;
- ``$ref: #/components/schemas/X`` -> a reference into one registered resource holding every component;
- ``oneOf`` -> ``anyOf``: the spec uses ``oneOf`` for unions whose members extend one another (a verbose audio
  answer is also a plain one), where "exactly one" would reject every valid instance;
- vendor keys (``x-ms-*``), ``example`` and ``discriminator`` dropped.

Where the published spec contradicts the live service, the service wins (``_SERVICE_CORRECTIONS``), so that
requests the real service accepts (and the official SDK sends) are accepted here too.
"""

from __future__ import annotations

import copy
import functools
import json
import threading
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import Any, ClassVar

import azure_openai_rest

from ._limits import parameter_limits, request_properties

try:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
    from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "azure_openai.testing validates requests with jsonschema: pip install 'azure-openai-rest[testing]'"
    ) from exc

__all__ = ["Problem", "RequestValidator"]

_SPEC_URI = "urn:azure-openai-rest:inference"
_COMPONENTS = "#/components/schemas/"
_DROPPED = {"example", "discriminator", "xml", "externalDocs"}
#: Published specs of other api-versions than the packaged one (Azure/azure-rest-api-specs, whitespace removed).
_HELD = files("azure_openai.testing").joinpath("specs")
#: What the openai SDK sends in every body though no api-version's spec has it; the service ignores it.
_SDK_ARGUMENTS = frozenset({"model"})


class Problem:
    """A request that breaks the spec: the service's 400 ``error`` object for it."""

    __slots__ = ("code", "message", "param")

    def __init__(self, code: str | None, message: str, param: str | None) -> None:
        self.code = code
        self.message = message
        self.param = param

    def to_error(self) -> dict[str, Any]:
        """The ``error`` object of the 400 body."""
        return {"code": self.code, "message": self.message, "param": self.param, "type": "invalid_request_error"}


def _convert(node: Any, rename_refs: Mapping[str, str] | None = None) -> Any:
    """Translate one OpenAPI 3.0 schema (recursively) into JSON Schema 2020-12."""
    if isinstance(node, list):
        return [_convert(item, rename_refs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED or key.startswith("x-") or key == "nullable":
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith(_COMPONENTS):
            if rename_refs and value in rename_refs:
                value = rename_refs[value]
            out[key] = _SPEC_URI + value
        elif key == "oneOf":
            out["anyOf"] = _convert(value, rename_refs)
        elif key in ("properties", "patternProperties") and isinstance(value, dict):
            out[key] = {name: _convert(sub, rename_refs) for name, sub in value.items()}
        else:
            out[key] = _convert(value, rename_refs)
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        elif "type" not in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def _image_part_nested_url(schema: dict[str, Any]) -> None:
    """The spec puts ``url`` on the image content part; the service takes ``image_url: {url, detail}``."""
    for part in schema.get("allOf", []):
        props = part.get("properties", {})
        if "url" in props:
            props["image_url"] = {
                "type": "object",
                "properties": {"url": props["url"], "detail": props.get("detail", {"type": "string"})},
                "required": ["url"],
            }
    schema.pop("required", None)
    schema["anyOf"] = [{"required": ["image_url"]}, {"required": ["url"]}]


def _function_message_needs_name(schema: dict[str, Any]) -> None:
    """The spec requires a ``function_call_id`` that does not exist; the service requires ``name``."""
    schema["required"] = ["name", "content"]


def _json_schema_needs_only_a_name(schema: dict[str, Any]) -> None:
    """The spec (2024-10-21) requires a ``type`` inside ``json_schema``; the service and the SDK send none."""
    inner = schema.get("properties", {}).get("json_schema", {})
    if "required" in inner:
        inner["required"] = [name for name in inner["required"] if name != "type"]


_SERVICE_CORRECTIONS = {
    "chatCompletionRequestMessageContentPartImage": _image_part_nested_url,
    "chatCompletionRequestMessageFunction": _function_message_needs_name,
    "ResponseFormatJsonSchema": _json_schema_needs_only_a_name,
}


def _components(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Every component schema, converted, with discriminators turned into if/then dispatch."""
    source: dict[str, Any] = copy.deepcopy(spec["components"]["schemas"])
    for name, correct in _SERVICE_CORRECTIONS.items():
        if name in source:
            correct(source[name])
    # Which bases dispatch, and which schemas are their mapping targets (those must ref the base copy).
    retarget: dict[str, dict[str, str]] = {}
    for name, schema in source.items():
        mapping = (schema.get("discriminator") or {}).get("mapping") or {}
        for target in mapping.values():
            retarget.setdefault(target.removeprefix(_COMPONENTS), {})[_COMPONENTS + name] = f"{_COMPONENTS}{name}__base"
    converted: dict[str, Any] = {}
    for name, schema in source.items():
        converted[name] = _convert(schema, retarget.get(name))
        discriminator = schema.get("discriminator")
        if not discriminator:
            continue
        prop = discriminator["propertyName"]
        mapping = discriminator.get("mapping") or {}
        converted[f"{name}__base"] = converted[name]
        dispatch: list[dict[str, Any]] = [{"$ref": f"{_SPEC_URI}{_COMPONENTS}{name}__base"}]
        if mapping:
            dispatch.append({"properties": {prop: {"enum": list(mapping)}}})
        for value, target in mapping.items():
            dispatch.append(
                {
                    "if": {"properties": {prop: {"const": value}}, "required": [prop]},
                    "then": {"$ref": _SPEC_URI + target},
                }
            )
        converted[name] = {"allOf": dispatch}
    return converted


def _with_limits(operation: str, spec: Mapping[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The request schema held to the service's parameter limits as well (``_limits.py``)."""
    limits = parameter_limits(operation, spec, schema)
    bounds: dict[str, Any] = {}
    for name, (low, high) in limits.items():
        bound = {key: value for key, value in (("minimum", low), ("maximum", high)) if value is not None}
        if bound:
            bounds[name] = bound
    return {"allOf": [schema, {"properties": bounds}]} if bounds else schema


def _operation_schemas(
    spec: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, frozenset[str] | None]]:
    """Operation path suffix (e.g. ``chat/completions``) -> converted request schema, -> 200 JSON schema, and
    -> the top-level arguments the request takes (None: any, the schema allows ``additionalProperties``)."""
    requests: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    arguments: dict[str, frozenset[str] | None] = {}
    prefix = "/deployments/{deployment-id}/"
    for path, item in spec["paths"].items():
        if not path.startswith(prefix):
            continue
        operation = path.removeprefix(prefix)
        content = (item.get("post") or {}).get("requestBody", {}).get("content", {})
        media = content.get("application/json") or content.get("multipart/form-data")
        if not media or "schema" not in media:
            continue  # not an operation this emulator can take (no POST with a JSON or form body)
        schema = media["schema"]
        requests[operation] = _convert(_with_limits(operation, spec, schema))
        ref = schema.get("$ref", "")
        top = spec["components"]["schemas"].get(ref.removeprefix(_COMPONENTS), {}) if ref else schema
        # Embeddings take additional properties (the SDK sends encoding_format at every api-version). How the
        # service treats an unknown multipart field is not known, so form fields are never refused as unknown.
        open_ended = top.get("additionalProperties") is True or "application/json" not in content
        arguments[operation] = None if open_ended else frozenset(request_properties(spec, schema)) | _SDK_ARGUMENTS
        ok = item["post"].get("responses", {}).get("200", {}).get("content", {}).get("application/json")
        if ok and "schema" in ok:
            answers[operation] = _convert(ok["schema"])
    return requests, answers, arguments


_JSON_TYPES = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def _type_name(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _param(path: Sequence[Any]) -> str:
    """``['messages', 0, 'content']`` -> ``messages[0].content``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _deepest(error: ValidationError) -> ValidationError:
    """Descend through oneOf/anyOf/allOf wrappers to the most specific cause ``best_match`` finds."""
    while error.context:
        chosen = best_match(error.context)
        if chosen is None or len(chosen.absolute_path) < len(error.absolute_path):
            break
        error = chosen
    return error


def _problem(error: ValidationError) -> Problem:
    """Word a jsonschema error the way the service words a bad parameter."""
    error = _deepest(error)
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = next((name for name in error.validator_value if name not in error.instance), None)
        name = _param([*path, missing]) if missing is not None else _param(path)
        return Problem("missing_required_parameter", f"Missing required parameter: '{name}'.", name)
    param = _param(path) or None
    where = f"'{param}'" if param else "the request body"
    if error.validator == "type":
        expected = error.validator_value
        wanted = " or ".join(expected) if isinstance(expected, list) else str(expected)
        return Problem(
            "invalid_type",
            f"Invalid type for {where}: expected {wanted}, but got {_type_name(error.instance)} instead.",
            param,
        )
    if error.validator in ("enum", "const"):
        allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
        shown = ", ".join(repr(value) for value in allowed if value is not None)
        return Problem(
            "invalid_value", f"Invalid value for {where}: {error.instance!r}. Supported values are: {shown}.", param
        )
    if error.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        # The service's own wording, e.g. "0 is less than the minimum of 1 - 'n'".
        relation = {
            "minimum": "is less than the minimum of",
            "maximum": "is greater than the maximum of",
            "exclusiveMinimum": "is less than or equal to the minimum of",
            "exclusiveMaximum": "is greater than or equal to the maximum of",
        }[error.validator]
        return Problem("invalid_value", f"{error.instance!r} {relation} {error.validator_value!r} - {where}", param)
    if error.validator in ("minItems", "maxItems", "minLength", "maxLength"):
        code = "array_above_max_length" if error.validator == "maxItems" else "invalid_value"
        return Problem(code, f"Invalid value for {where}: {error.message}.", param)
    return Problem("invalid_value", f"Invalid value for {where}: {error.message}.", param)


@functools.cache  # asked on every request
def _published() -> frozenset[str]:
    """The api-versions of the specs in ``specs/``."""
    return frozenset(entry.name.removesuffix(".json") for entry in _HELD.iterdir() if entry.name.endswith(".json"))


class RequestValidator:
    """Validates request bodies against one spec (the packaged one by default); safe across threads."""

    _lock = threading.Lock()
    _shared: RequestValidator | None = None
    _held: ClassVar[dict[str, RequestValidator]] = {}

    def __init__(self, spec: Mapping[str, Any] | None = None) -> None:
        spec = spec if spec is not None else azure_openai_rest.load_spec()
        root = {"components": {"schemas": _components(spec)}}
        resource = Resource.from_contents(root, default_specification=DRAFT202012)
        registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        requests, answers, self._arguments = _operation_schemas(spec)
        self._validators = {op: Draft202012Validator(schema, registry=registry) for op, schema in requests.items()}
        self._answers = {op: Draft202012Validator(schema, registry=registry) for op, schema in answers.items()}

    @classmethod
    def shared(cls) -> RequestValidator:
        """The process-wide validator for the packaged spec (building it takes a few milliseconds)."""
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    @staticmethod
    def held_versions() -> frozenset[str]:
        """The api-versions whose spec this package holds: the packaged one's and those in ``specs/``."""
        return _published() | {azure_openai_rest.API_VERSION}

    @classmethod
    def held(cls, api_version: str) -> RequestValidator:
        """The validator of a held spec (one of ``held_versions()``), built on first use: the one in ``specs/``
        before the packaged one (a package regenerated from the 2024-10-21 JSON lacks its ``stream_options``)."""
        if api_version not in _published():
            return cls.shared()
        with cls._lock:
            if api_version not in cls._held:
                text = _HELD.joinpath(f"{api_version}.json").read_text(encoding="utf-8")
                cls._held[api_version] = cls(json.loads(text))
            return cls._held[api_version]

    @property
    def operations(self) -> list[str]:
        """The operation path suffixes the spec defines, e.g. ``chat/completions``."""
        return list(self._validators)

    def check(self, operation: str, body: Any) -> Problem | None:
        """The first problem of ``body`` for ``operation`` (None when it is valid)."""
        validator = self._validators[operation]
        if not isinstance(body, dict):
            return Problem(
                "invalid_type", f"Invalid type for the request body: expected object, got {_type_name(body)}.", None
            )
        allowed = self._arguments[operation]
        unknown = sorted(set(body) - allowed) if allowed is not None else []
        if unknown:  # the service's words, "arguments" for several: its check runs before any other
            plural = "s" if len(unknown) > 1 else ""
            return Problem(None, f"Unrecognized request argument{plural} supplied: {', '.join(unknown)}", None)
        error = best_match(validator.iter_errors(body))
        if error is not None:
            return _problem(error)
        response_format = body.get("response_format")
        if (
            operation == "chat/completions"
            and isinstance(response_format, dict)
            and response_format.get("type") == "json_object"
            and "json" not in json.dumps(body.get("messages")).lower()
        ):
            message = (
                "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'."
            )
            return Problem("invalid_value", message, "messages")
        best_of, n = body.get("best_of"), body.get("n", 1)
        if operation == "completions" and isinstance(best_of, int) and isinstance(n, int) and best_of < n:
            # The one limit that relates two parameters (the spec's prose: "best_of must be greater than n").
            return Problem("invalid_value", f"best_of ({best_of}) must be greater than or equal to n ({n}).", "best_of")
        return None

    def response_errors(self, operation: str, body: Any) -> list[str]:
        """How a JSON 200 body breaks the spec's response schema for ``operation`` (empty when it conforms)."""
        validator = self._answers[operation]
        return [f"{_param(list(e.absolute_path)) or '<body>'}: {e.message}" for e in validator.iter_errors(body)]
