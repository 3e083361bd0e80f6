"""Spec transformations applied before openapi-python-client sees the Azure OpenAI inference spec.

Each fixup is a pure function ``spec -> None`` (it edits the dict in place) that answers one quirk of the
published spec or of the generator, named in its docstring. They are written against the *shape* of the
spec, never against one api-version's schema names, so the same list works on every api-version
(tests/generated/test_fixups.py runs each one on 2024-02-01 and 2024-10-21 and shows what breaks without it).

Order matters: ``FIXUPS`` lists them in the order they run.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

Schema = dict[str, Any]
Spec = dict[str, Any]

REF_PREFIX = "#/components/schemas/"
JSON_CONTENT = "application/json"


def _schemas(spec: Spec) -> dict[str, Schema]:
    schemas: dict[str, Schema] = spec.setdefault("components", {}).setdefault("schemas", {})
    return schemas


def _ref_name(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"].startswith(REF_PREFIX):
        return str(schema["$ref"][len(REF_PREFIX) :])
    return None


def _ref(name: str) -> Schema:
    return {"$ref": REF_PREFIX + name}


def _child_schemas(schema: Schema) -> Iterator[Schema]:
    """The sub-schemas directly below a schema (properties, items, compositions, additionalProperties)."""
    for prop in schema.get("properties", {}).values():
        if isinstance(prop, dict):
            yield prop
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield schema[key]
    for key in ("allOf", "oneOf", "anyOf", "prefixItems"):
        for sub in schema.get(key, []):
            if isinstance(sub, dict):
                yield sub


def _walk(schema: Schema) -> Iterator[Schema]:
    """Every schema node below and including ``schema``, depth first, without following $refs."""
    yield schema
    for child in _child_schemas(schema):
        yield from _walk(child)


def _operation_schemas(spec: Spec) -> Iterator[tuple[str, Schema]]:
    """(kind, schema) for every inline request ('request') and response ('response') schema of the paths."""
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for media in operation.get("requestBody", {}).get("content", {}).values():
                if isinstance(media.get("schema"), dict):
                    yield "request", media["schema"]
            for response in operation.get("responses", {}).values():
                for media in response.get("content", {}).values():
                    if isinstance(media.get("schema"), dict):
                        yield "response", media["schema"]


def _all_schema_roots(spec: Spec) -> Iterator[Schema]:
    yield from _schemas(spec).values()
    for _, schema in _operation_schemas(spec):
        yield schema


def _operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation of the spec, in the spec's order."""
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS and isinstance(operation, dict):
                yield path, method, operation


HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


# --------------------------------------------------------------------------------------------------------------
# 0. OpenAPI 3.1 and the operations as a whole
# --------------------------------------------------------------------------------------------------------------


def _resolve_pointer(spec: Spec, ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _every_schema(spec: Spec) -> Iterator[tuple[str, Schema]]:
    """(component name or "", schema) for every schema root: components, bodies, answers, parameters, headers."""
    for name, schema in _schemas(spec).items():
        yield name, schema
    for _, schema in _operation_schemas(spec):
        yield "", schema
    for path_item in spec.get("paths", {}).values():
        for operation in [path_item, *(o for o in path_item.values() if isinstance(o, dict))]:
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if isinstance(parameter, dict) and isinstance(parameter.get("schema"), dict):
                    yield "", parameter["schema"]
            for response in operation.get("responses", {}).values() if isinstance(operation, dict) else []:
                for header in response.get("headers", {}).values() if isinstance(response, dict) else []:
                    if isinstance(header, dict) and isinstance(header.get("schema"), dict):
                        yield "", header["schema"]


_CONST_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}
_OBJECT_KEYWORDS = ("properties", "required", "additionalProperties", "minProperties", "maxProperties")
_NUMBER_KEYWORDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
# The keywords that apply to one JSON type only (3.1 ignores them for a value of another type).
_TYPE_KEYWORDS = {
    "array": ("items", "prefixItems", "minItems", "maxItems", "uniqueItems"),
    "object": _OBJECT_KEYWORDS,
    "string": ("minLength", "maxLength", "pattern", "format"),
    "number": (*_NUMBER_KEYWORDS, "format"),
    "integer": (*_NUMBER_KEYWORDS, "format"),
}
_JSON_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "array": (list,)}


def _one_type(node: Schema, kind: str) -> Schema:
    """The member of a several-type schema for one type: that type and the keywords that apply to it."""
    member: Schema = {"type": kind, **{k: node[k] for k in _TYPE_KEYWORDS.get(kind, ()) if k in node}}
    if isinstance(node.get("enum"), list):
        types = _JSON_TYPES.get(kind, (dict,))
        values = [v for v in node["enum"] if isinstance(v, types) and (kind == "boolean" or not isinstance(v, bool))]
        if values:
            member["enum"] = values
    return member


_NULL_ONLY = {"type": "null"}


def downgrade_openapi_31(spec: Spec) -> None:
    """Say what an OpenAPI 3.1 spec says in the OpenAPI 3.0 terms the generator and these fixups read.

    Quirks answered (2025-03-01-preview is OpenAPI 3.1.0; the constructs are 3.1's, so any later spec may use
    them anywhere):
    - a ``description`` (or ``title``) that is a ``$ref`` to another schema's description: the generator's
      parser refuses the whole document ("Input should be a valid string"). The text is resolved in place.
    - ``type: [T, "null"]`` and ``anyOf``/``oneOf`` members ``{"type": "null"}``: 3.1's spelling of
      ``nullable``. The generator reads the list but names a nullable component ``...Type0`` and every fixup
      here looks for ``nullable``; they become ``type: T`` plus ``nullable: true`` (several types: a ``oneOf``).
    - ``$ref`` with siblings (``nullable``, ``description``...): 3.1 applies them, the generator ignores them,
      so a nullable reference refused ``null``. ``nullable`` moves to a ``oneOf: [$ref]`` wrapper.
    - ``const`` without ``type`` (the generator needs the type), ``const: null`` (a null-only schema).
    - ``examples`` arrays in schemas: the first becomes ``example``.
    - ``$recursiveRef``/``$dynamicRef`` ``"#"``: a reference to the component that holds it.
    """
    if not str(spec.get("openapi", "")).startswith("3.1"):
        return
    spec["openapi"] = "3.0.3"

    def fix(node: Schema, component: str) -> None:
        for key in ("description", "title"):
            if isinstance(node.get(key), dict):
                text = _resolve_pointer(spec, str(node[key].get("$ref", "")))
                if isinstance(text, str):
                    node[key] = text
                else:
                    del node[key]
        if isinstance(node.get("examples"), list):
            examples = node.pop("examples")
            if examples and "example" not in node:
                node["example"] = examples[0]
        for key in ("$recursiveRef", "$dynamicRef"):
            if key in node:
                target = node.pop(key)
                node["$ref"] = REF_PREFIX + component if target == "#" and component else target
        for key in ("$recursiveAnchor", "$dynamicAnchor", "$schema", "$id", "$comment"):
            node.pop(key, None)
        if "const" in node:
            if node["const"] is None:
                del node["const"]
                node["type"] = "null"
            elif type(node["const"]) in _CONST_TYPES:
                node.setdefault("type", _CONST_TYPES[type(node["const"])])
                node.setdefault("default", node["const"])  # a model built without it sends it
            else:  # an object or array constant: the generator takes scalars only
                node["enum"] = [node.pop("const")]
        types = node.get("type")
        if isinstance(types, list):
            kinds = [t for t in types if t != "null"]
            if "null" in types:
                node["nullable"] = True
            if len(kinds) == 1:
                node["type"] = kinds[0]
            else:
                del node["type"]
                if kinds:  # each type takes its own keywords (an array's items), as 3.1 applies them
                    node["oneOf"] = [_one_type(node, kind) for kind in kinds]
                    for kind in kinds:
                        for keyword in _TYPE_KEYWORDS.get(kind, ()):
                            node.pop(keyword, None)
                    if isinstance(node.get("enum"), list):
                        del node["enum"]
        if node.get("nullable") and isinstance(node.get("enum"), list) and None in node["enum"]:
            node["enum"] = [value for value in node["enum"] if value is not None]  # null is said by nullable
        if node.get("type") == "null":
            del node["type"]
            node["nullable"] = True
        for key in ("anyOf", "oneOf"):
            members = node.get(key)
            if isinstance(members, list) and any(m == _NULL_ONLY for m in members):
                node[key] = [m for m in members if m != _NULL_ONLY]
                node["nullable"] = True
        if "$ref" in node and len(node) > 1:
            nullable = bool(node.get("nullable"))
            kept = {k: node[k] for k in ("description",) if isinstance(node.get(k), str)}
            reference: Schema = {"$ref": node["$ref"]}
            extension = {k: v for k, v in node.items() if k in _OBJECT_KEYWORDS}
            if extension:  # 3.1 applies them beside the $ref: said as an allOf, which flatten_all_of merges
                reference = {"allOf": [reference, {"type": "object", **extension}]}
            node.clear()
            node.update({"oneOf": [reference], "nullable": True, **kept} if nullable else {**reference, **kept})

    for component, root in list(_every_schema(spec)):
        for node in list(_walk(root)):
            fix(node, component)


# Names the generated modules import or define beside the models (endpoint modules: ``from ...types import
# Response`` and the typed operation constants ``RequestModel``...; models: ``from ..types import File, Unset``;
# typing, attrs and httpx names).
_GENERATED_MODULE_NAMES = frozenset(
    {
        "Any", "AuthenticatedClient", "BytesIO", "Client", "Enum", "File", "FileTypes", "Final", "HTTPStatus", "IO",
        "Literal", "Mapping", "RequestModel", "RequestParams", "Response", "ResponseModel", "Sequence",
        "StreamChunkModel", "TypeAlias", "TypedDict", "TypeVar", "UUID", "Unset",
    }
)  # fmt: skip


def rename_clashing_schemas(spec: Spec) -> None:
    """Rename a component whose class name the generated modules use already: ``response`` -> ``responseObject``.

    Quirk answered: 2025-03-01-preview names the Responses API object ``response``. Its class ``Response`` is
    imported into the endpoint modules beside the package's own ``types.Response``, which wins, so
    ``GET /responses/{id}`` raised ``AttributeError: type object 'Response' has no attribute 'from_dict'`` on
    every answer. ``responseModel`` would clash in turn with the endpoint modules' ``ResponseModel`` alias. Every
    ``$ref`` and discriminator mapping follows the new name.
    """
    from openapi_python_client.strings import ClassName

    schemas = _schemas(spec)
    renames: dict[str, str] = {}
    for name in list(schemas):
        if str(ClassName(name, "")) in _GENERATED_MODULE_NAMES:
            new = name + "Object"
            while new in schemas or str(ClassName(new, "")) in _GENERATED_MODULE_NAMES:
                new += "Object"
            schemas[new] = schemas.pop(name)
            renames[REF_PREFIX + name] = REF_PREFIX + new
    if not renames:
        return

    def follow(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and value in renames:  # a $ref, or a discriminator's mapping
                    node[key] = renames[value]
                else:
                    follow(value)
        elif isinstance(node, list):
            for item in node:
                follow(item)

    follow(spec)


def unique_operation_ids(spec: Spec) -> None:
    """Give every operation an ``operationId`` of its own (as a Python module name), derived from its path.

    Quirk answered: a published preview gives ``POST .../completions`` and ``POST .../chat/completions`` the same
    operationId ``Completions_Create``; the generator writes one module for both and the second overwrites the
    first, without a word. Operations that share an id (compared as the module name it becomes) each take, in
    front of it, the literal path segments the others do not have (``Chat_Completions_Create``), then the
    method, then their position in path order; the operation left with nothing to add keeps the id, so the
    names the wrapper imports stay. An operation without an id gets one from its method and path, path
    parameters included (``GET /responses/{response_id}``: ``get_responses_by_response_id``); a declared id
    claims its name before a made-up one.
    """
    by_module: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    made_up: set[int] = set()
    for path, method, operation in _operations(spec):
        if not operation.get("operationId"):
            # path parameters too: GET /responses/{response_id} and GET /responses are different operations
            words = [f"by_{w[1:-1]}" if w.startswith("{") else w for w in path.split("/") if w]
            operation["operationId"] = "_".join([method, *words])
            made_up.add(id(operation))
        by_module.setdefault(_module_name(operation["operationId"]), []).append((path, method, operation))
    assigned = {name for name, group in by_module.items() if len(group) == 1}
    for group in by_module.values():
        if len(group) < 2:
            continue
        literal = [[w for w in path.split("/") if w and not w.startswith("{")] for path, _, _ in group]
        shared = set.intersection(*(set(words) for words in literal))
        renamed = []
        for (path, method, operation), words in zip(group, literal, strict=True):
            extra = [_pascal(w) for w in words if w not in shared]
            first = (id(operation) in made_up, bool(extra))
            renamed.append((first, path, method, operation, "_".join([*extra, operation["operationId"]])))
        # a declared id before a made-up one, then the operation with nothing to add; then path order decides
        for index, (_, _, method, operation, candidate) in enumerate(sorted(renamed, key=lambda r: r[:3])):
            if _module_name(candidate) in assigned:
                candidate += "_" + method.capitalize()
            base, suffix = candidate, index + 1
            while _module_name(candidate) in assigned:
                candidate, suffix = f"{base}{suffix}", suffix + 1
            operation["operationId"] = candidate
            assigned.add(_module_name(candidate))


def _module_name(operation_id: str) -> str:
    from openapi_python_client.strings import PythonIdentifier

    return str(PythonIdentifier(operation_id, "field_"))


def require_api_version(spec: Spec) -> None:
    """Give every operation the required ``api-version`` query parameter, defaulting to the spec's version.

    Quirk answered: several published versions leave the parameter out of some operations (the assistants
    operations of 2024-02-15-preview, embeddings in an early preview, three vector store operations of
    2025-03-01-preview); the generated functions then never send it and the service refuses every call.
    Where an operation declares it, its declaration is kept, sent in the query (where the service reads it) and
    given the same default, as a plain string (a ``$ref`` schema would hide the default from the generator).
    """
    version = str(spec.get("info", {}).get("version", ""))
    parameters = spec.get("components", {}).get("parameters", {})

    def resolved(parameter: Any) -> Any:
        name = parameter.get("$ref", "").rpartition("/")[2] if isinstance(parameter, dict) else ""
        return parameters.get(name, parameter) if name else parameter

    for path, _, operation in _operations(spec):
        declared = [*spec["paths"][path].get("parameters", []), *operation.get("parameters", [])]
        found = [p for p in map(resolved, declared) if isinstance(p, dict) and p.get("name") == "api-version"]
        if not found:
            found = [{"in": "query", "name": "api-version", "required": True, "schema": {"type": "string"}}]
            operation.setdefault("parameters", []).append(found[0])
        for parameter in found:
            # The service reads it from the query only; a declared header is never read. A schema given as a
            # $ref (an enum of versions) would carry the default beside the $ref, where the generator ignores
            # it, and the functions would demand an api_version: the schema becomes a plain string.
            parameter["in"] = "query"
            parameter["required"] = True
            old_schema = parameter.get("schema") if isinstance(parameter.get("schema"), dict) else {}
            kept = {k: old_schema[k] for k in ("description", "example") if isinstance(old_schema.get(k), str)}
            kept.setdefault("description", "The api-version of the service to call.")
            parameter["schema"] = {"type": "string", **kept, **({"default": version} if version else {})}


def normalise_tags(spec: Spec) -> None:
    """One tag, one spelling: tags that differ only in case, spacing or a plural ``s`` take the most used one.

    Quirk answered: the generator writes one ``api/<tag>/`` folder per tag, and 2025-03-01-preview tags one
    assistants operation ``Assistant`` (beside ``Assistants``) and three vector store operations
    ``Vector stores`` (beside ``Vector Stores``), which made stray folders holding a few operations each.
    Each operation keeps its first tag only (the generator files it under that one). An untagged operation
    whose first path segment names a tag goes under it: 2025-03-01-preview tags ``DELETE /responses/{id}``
    ``Responses`` and leaves the other Responses API operations untagged, which split that API between two
    folders. The inference operations (``/deployments/...``) stay in ``default``. See docs/regenerating.md.
    """

    def key(tag: str) -> str:
        return "".join(c for c in tag.lower() if c.isalnum()).removesuffix("s")

    counts: dict[str, dict[str, int]] = {}
    for _, _, operation in _operations(spec):
        for tag in operation.get("tags", [])[:1]:
            spellings = counts.setdefault(key(tag), {})
            spellings[tag] = spellings.get(tag, 0) + 1
    # the most used spelling; on a tie the plural (a folder holds a collection's operations), then the first
    chosen = {
        k: sorted(s.items(), key=lambda item: (-item[1], not item[0].endswith("s"), item[0]))[0][0]
        for k, s in counts.items()
    }
    for path, _, operation in _operations(spec):
        if operation.get("tags"):
            operation["tags"] = [chosen[key(operation["tags"][0])]]
            continue
        first = next((w for w in path.split("/") if w), "")
        if not first.startswith("{") and key(first) in chosen:  # untagged, under a tagged collection's path
            operation["tags"] = [chosen[key(first)]]
    if isinstance(spec.get("tags"), list):
        seen: set[str] = set()
        tags = []
        for tag in spec["tags"]:
            name = chosen.get(key(tag.get("name", ""))) if isinstance(tag, dict) else None
            if name and name not in seen:
                seen.add(name)
                tags.append({**tag, "name": name})
        spec["tags"] = tags


def add_error_responses(spec: Spec) -> None:
    """Every operation reads the service's error body on any status it does not declare (``default``).

    Quirk answered: the spec declares only a 200 answer for ``embeddings_create``, ``Transcriptions_Create``,
    ``Translations_Create`` (and, in 2025-03-01-preview, the assistants and vector store operations); their
    generated functions answered a 400 or 429 with ``parsed=None``, the service's explanation unread. The
    error model is the one the spec's other operations use for ``default`` (``errorResponse``).
    """
    used: dict[str, int] = {}
    for _, _, operation in _operations(spec):
        default = operation.get("responses", {}).get("default", {})
        name = _ref_name(default.get("content", {}).get(JSON_CONTENT, {}).get("schema"))
        if name:
            used[name] = used.get(name, 0) + 1
    if used:
        error_name = sorted(used.items(), key=lambda item: (-item[1], item[0]))[0][0]
    elif "errorResponse" in _schemas(spec):
        error_name = "errorResponse"
    else:
        return
    for _, _, operation in _operations(spec):
        operation.setdefault("responses", {}).setdefault(
            "default",
            {
                "description": "An error, as the service describes it.",
                "content": {JSON_CONTENT: {"schema": _ref(error_name)}},
            },
        )


# --------------------------------------------------------------------------------------------------------------
# 1. allOf flattening
# --------------------------------------------------------------------------------------------------------------


def _merge_property(old: Schema | None, new: Schema) -> Schema:
    if old is None:
        return copy.deepcopy(new)
    merged = {**copy.deepcopy(old), **copy.deepcopy(new)}
    if old.get("nullable") or new.get("nullable"):
        merged["nullable"] = True
    return merged


def flatten_all_of(spec: Spec) -> None:
    """Merge every ``allOf`` (and the ``properties`` written beside it) into one plain object schema.

    Quirks answered:
    - ``error`` and ``dalleError`` are ``allOf: [errorBase]`` *plus sibling* ``properties``; the generator reads
      only the allOf, so ``param``, ``type`` and ``inner_error`` vanish from the error model.
    - 2024-10-21 re-declares inherited properties with ``nullable: true`` (``temperature``, ``top_p`` ...); the
      generator refuses ("float can't be merged with float | None") and drops chat completions entirely.
    - 2024-10-21 marks an allOf member object ``nullable: true`` (tool and function messages); the generator
      says "Cannot take allOf a non-object" and drops both message models.
    A property declared twice keeps the later declaration and is nullable if either one is.
    """
    schemas = _schemas(spec)
    done: dict[str, Schema] = {}

    def flat_component(name: str, stack: tuple[str, ...]) -> Schema:
        if name in done:
            return done[name]
        if name in stack:
            raise ValueError(f"allOf cycle through {' -> '.join((*stack, name))}")
        flattened = flat(schemas[name], (*stack, name))
        done[name] = flattened
        schemas[name] = flattened
        return flattened

    def flat(schema: Schema, stack: tuple[str, ...]) -> Schema:
        if "allOf" not in schema:
            return schema
        members = schema["allOf"]
        merged: Schema = {"type": "object", "properties": {}}
        required: list[str] = []
        siblings = {k: v for k, v in schema.items() if k != "allOf"}
        for member in [*members, siblings]:
            name = _ref_name(member)
            source = flat_component(name, stack) if name else flat(member, stack)
            for prop_name, prop in source.get("properties", {}).items():
                merged["properties"][prop_name] = _merge_property(merged["properties"].get(prop_name), prop)
            required += [r for r in source.get("required", []) if r not in required]
            if "additionalProperties" in source:
                merged["additionalProperties"] = source["additionalProperties"]
        for key, value in siblings.items():
            if key not in ("properties", "required", "type", "nullable", "discriminator"):
                merged[key] = value
        if required:
            merged["required"] = required
        return merged

    for name in list(schemas):
        flat_component(name, ())
    for root in list(_all_schema_roots(spec)):
        for node in list(_walk(root)):
            if "allOf" in node:
                replacement = flat(node, ())
                node.clear()
                node.update(replacement)


# --------------------------------------------------------------------------------------------------------------
# 2. polymorphic bases
# --------------------------------------------------------------------------------------------------------------


def expand_polymorphic_bases(spec: Spec) -> None:
    """Turn each discriminated base schema into a ``oneOf`` of its subtypes, told apart by a constant.

    Quirk answered: the spec models messages (``role``), On Your Data sources, their authentication options,
    vectorization sources and user content parts (``type``) as a base schema with a ``discriminator`` that
    subtypes extend. The generator ignores the discriminator: ``messages`` becomes a list of a class with only
    ``role`` (the text lands in ``additional_properties``), the per-role models are generated but used nowhere,
    and a subtype that adds no properties (system-assigned managed identity) yields no model at all.
    Each subtype's discriminator property becomes a ``const`` defaulting to its value (so building a
    ``...MessageSystem`` sends ``"role": "system"`` without being told), and parsing a union picks the subtype
    whose constant matches. A last member ``<base>Other`` reads kinds the api-version does not declare (a new
    role, a new data source type) and keeps them whole, as open enums keep unknown values.
    """
    schemas = _schemas(spec)
    for base_name, base in list(schemas.items()):
        discriminator = base.get("discriminator")
        if not isinstance(discriminator, dict) or not discriminator.get("mapping"):
            continue
        prop_name = discriminator["propertyName"]
        alternatives = []
        for value, target in discriminator["mapping"].items():
            sub_name = _ref_name({"$ref": target})
            if sub_name is None or sub_name not in schemas:
                raise ValueError(f"discriminator of {base_name} maps {value!r} to missing schema {target}")
            sub = schemas[sub_name]
            sub.setdefault("type", "object")
            props = sub.setdefault("properties", {})
            description = props.get(prop_name, {}).get("description", f"Always `{value}`.")
            props[prop_name] = {"type": "string", "const": value, "default": value, "description": description}
            sub["required"] = [prop_name, *[r for r in sub.get("required", []) if r != prop_name]]
            sub.pop("x-ms-discriminator-value", None)
            alternatives.append(_ref(sub_name))
        alternatives.append(_add_other_member(schemas, base_name, prop_name))
        schemas[base_name] = {"description": base.get("description", ""), "oneOf": alternatives}


def _add_other_member(schemas: dict[str, Schema], union_name: str, tag: str) -> Schema:
    """A last union member that reads any kind this api-version does not declare, keeping every field."""
    name = union_name + "Other"
    schemas[name] = {
        "type": "object",
        "description": f"A `{tag}` this api-version does not declare; every field is kept as sent.",
        "properties": {tag: {"type": "string", "description": f"The `{tag}` as sent."}},
        "required": [tag],
        "additionalProperties": True,
    }
    return _ref(name)


def _single_enum_value(schema: Schema, schemas: dict[str, Schema]) -> str | None:
    name = _ref_name(schema)
    target = schemas.get(name, {}) if name else schema
    values = target.get("enum")
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    if isinstance(target.get("const"), str):
        return str(target["const"])
    return None


def tag_union_members(spec: Spec) -> None:
    """In a ``oneOf``/``anyOf`` of objects told apart by a one-value enum property, make that property a ``const``.

    Quirks answered:
    - 2024-10-21 writes messages and content parts as a plain ``oneOf`` whose members each have
      ``role: {enum: [system]}`` (or ``type: {enum: [text]}``), with no ``discriminator``. Enums are open in
      this package (unknown values are kept), so an enum alone cannot tell the members apart: a user message
      would parse as the first member. A ``const`` is checked on parsing and filled in on building, like the
      discriminator constants of ``expand_polymorphic_bases``.
    - 2025-03-01-preview writes the Responses API items, tools, annotations and stream events (and the
      assistants tools and content parts) the same way, often as ``anyOf`` with a ``discriminator`` that has a
      ``propertyName`` but no ``mapping``: every output item parsed as ``OutputMessage``, every tool as
      ``FileSearchTool``. The discriminator's property is the tag when it names one.
    Unions a response can contain are tagged leniently: there a missing or new tag value must not make the
    whole response unreadable (the 2024-10-21 chat answer is ``oneOf: [completion, chunk]`` tagged by
    ``object``, which the spec's own example omits). Their constants stay optional (``x-lenient-tag``, which
    ``drop_required`` honours) and a last member ``...Other`` keeps any other kind whole.
    """
    schemas = _schemas(spec)
    response_side = _response_schema_names(spec)
    union_names = {id(schema): name for name, schema in schemas.items()}
    # An operation's whole answer written as an inline union (chat: ``oneOf: [completion, chunk]``) is left
    # alone: callers read its members directly, and Azure's first stream chunk carries ``"object": ""``.
    answers = {id(schema) for kind, schema in _operation_schemas(spec) if kind == "response"}
    for root in list(_all_schema_roots(spec)):
        for node in list(_walk(root)):
            if id(node) in answers:
                continue
            for key in ("oneOf", "anyOf"):
                if isinstance(node.get(key), list):
                    _tag_union(node, key, schemas, response_side, union_names.get(id(node)))


def _enum_values(schema: Schema, schemas: dict[str, Schema]) -> list[str] | None:
    name = _ref_name(schema)
    target = schemas.get(name, {}) if name else schema
    if isinstance(target.get("const"), str):
        return [str(target["const"])]
    values = target.get("enum")
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        return [str(v) for v in values]
    return None


def _tag_union(
    node: Schema, key: str, schemas: dict[str, Schema], response_side: set[str], union_name: str | None
) -> None:
    # Members that are not objects (a string enum beside objects: ``tool_choice``) keep their place, unchecked.
    refs = [m for m in node[key] if "properties" in schemas.get(_ref_name(m) or "", {})]
    if len(refs) < 2 or any(_ref_name(m) is None for m in node[key] if "properties" in m):
        return
    member_names = [_ref_name(m) or "" for m in refs]
    members = [schemas[n] for n in member_names]
    lenient = bool(response_side.intersection(member_names))
    shared = set.intersection(*(set(m["properties"]) for m in members))
    discriminator = node["discriminator"].get("propertyName") if isinstance(node.get("discriminator"), dict) else None
    candidates = [discriminator] if discriminator in shared else []
    for prop_name in [*candidates, *sorted(shared - set(candidates))]:
        value_lists = [_enum_values(m["properties"][prop_name], schemas) for m in members]
        flat = [v for values in value_lists for v in values or [None]]
        if None in flat or len(set(flat)) != len(flat) or all(len(v or ()) > 1 for v in value_lists):
            continue
        for member, values in zip(members, value_lists, strict=True):
            assert values is not None
            if len(values) > 1:
                continue  # an enum of several kinds: it reads what no constant matched, so it goes after them
            value = values[0]
            old = member["properties"][prop_name]
            member["properties"][prop_name] = {
                "type": "string",
                "const": value,
                "default": value,
                "description": old.get("description", f"Always `{value}`."),
                **({"x-lenient-tag": True} if lenient else {}),
            }
            if lenient:
                member["required"] = [r for r in member.get("required", []) if r != prop_name]
            else:
                member["required"] = [prop_name, *[r for r in member.get("required", []) if r != prop_name]]
        several = [m for m, values in zip(refs, value_lists, strict=True) if len(values or ()) > 1]
        node[key] = [m for m in node[key] if all(m is not s for s in several)] + several
        node.pop("discriminator", None)
        if lenient:
            name = union_name or "Union" + "".join(sorted(_pascal(v) for v in flat if v))
            node[key].append(_add_other_member(schemas, name, prop_name))
        elif union_name:
            node[key].append(_add_other_member(schemas, union_name, prop_name))
        return


def nest_image_url(spec: Spec) -> None:
    """Put an image content part's ``url`` and ``detail`` under ``image_url``, where the service reads them.

    Quirk answered: 2024-02-01 declares the user message's image part as ``{"type": "image_url", "url": ...,
    "detail": ...}``; the service (like the openai SDK, and the spec from 2024-10-21 on) takes
    ``{"type": "image_url", "image_url": {"url": ..., "detail": ...}}`` and rejects the flat form, so a
    typed image part built from the published spec could never be sent.
    """
    for schema in _schemas(spec).values():
        props = schema.get("properties", {})
        tag = props.get("type", {})
        if tag.get("const") != "image_url" or "url" not in props or "image_url" in props:
            continue
        inner = {name: props.pop(name) for name in ("url", "detail") if name in props}
        required = [name for name in ("url",) if name in schema.get("required", [])]
        props["image_url"] = {"type": "object", "properties": inner, **({"required": required} if required else {})}
        schema["required"] = [r for r in schema.get("required", []) if r not in inner] + ["image_url"]


def move_nullable_to_references(spec: Spec) -> None:
    """A component object or enum marked ``nullable`` is not; the properties that reference it are nullable.

    Quirk answered: 2024-10-21 marks whole component objects ``nullable: true`` (``chatCompletionStreamOptions``,
    ``chatCompletionChoiceLogProbs``). The generator then names the model ``...Type0`` (as one member of a
    ``X | None`` union) and there is no model under the schema's own name. Null is a property of the place
    that holds the object, which is where it is put back.
    """
    schemas = _schemas(spec)
    nullable_objects = {
        name
        for name, schema in schemas.items()
        if schema.get("nullable") and ("properties" in schema or isinstance(schema.get("enum"), list))
    }
    if not nullable_objects:
        return
    for name in nullable_objects:
        del schemas[name]["nullable"]
    for root in list(_all_schema_roots(spec)):
        for node in list(_walk(root)):
            for prop_name, prop in list(node.get("properties", {}).items()):
                if _ref_name(prop) in nullable_objects:
                    node["properties"][prop_name] = {"oneOf": [prop], "nullable": True}


def drop_titles(spec: Spec) -> None:
    """Remove ``title`` from every schema so that model names come from the component names.

    Quirk answered: the generator names a model after its ``title`` when there is one. 2024-10-21 gives prose
    titles ("System message", "Text content") to schemas and to inline alternatives, so classes and modules get
    names unrelated to the schema (``SystemMessage`` for ``chatCompletionRequestSystemMessage``) and the
    nothing-dropped check cannot find them. Component keys are the spec's real names.
    """
    for root in list(_all_schema_roots(spec)):
        for node in _walk(root):
            node.pop("title", None)


# --------------------------------------------------------------------------------------------------------------
# 3. the live error shape
# --------------------------------------------------------------------------------------------------------------


def add_live_error_shape(spec: Spec) -> None:
    """Type the error body the live service sends, beside the one the spec documents.

    Quirk answered: the spec documents ``error.inner_error.content_filter_results``; the service sends
    ``error.innererror.content_filter_result`` (no underscore, singular), each category carrying
    ``filtered``/``severity``/``detected``. Both spellings are typed; neither is dropped.
    Applies to every object schema with an ``inner_error`` property (chat/completions and image errors).
    """
    schemas = _schemas(spec)
    for schema in list(schemas.values()):
        props = schema.get("properties", {})
        inner = props.get("inner_error")
        if inner is None or "innererror" in props:
            continue
        props["innererror"] = copy.deepcopy(inner)
        inner_name = _ref_name(inner)
        if inner_name is None:
            continue
        inner_props = schemas[inner_name].setdefault("properties", {})
        plural = inner_props.get("content_filter_results")
        if plural is not None and "content_filter_result" not in inner_props:
            inner_props["content_filter_result"] = copy.deepcopy(plural)


# --------------------------------------------------------------------------------------------------------------
# 4. streaming chunks
# --------------------------------------------------------------------------------------------------------------

_CHUNK_SCHEMA = "createChatCompletionStreamResponse"
_CHAT_REQUEST_SCHEMA = "createChatCompletionRequest"
EVENT_STREAM_CONTENT = "text/event-stream"
_DELTA_SCHEMA = "chatCompletionStreamResponseDelta"
_TOOL_CALL_CHUNK_SCHEMA = "chatCompletionMessageToolCallChunk"


def add_stream_chunk_schema(spec: Spec) -> None:
    """Declare the chat completion stream chunk where the spec does not.

    Quirk answered: with ``stream: true`` the service answers ``text/event-stream`` whose events are
    ``chat.completion.chunk`` objects, but 2024-02-01 declares neither the chunk nor its ``delta``; later
    versions declare them without the ``content_filter_results`` that Azure puts on each streamed choice.
    The shapes added follow the 2024-10-21 declarations, so the model names are the same in both versions.
    No version says the streamed answer is ``text/event-stream`` of chunks, so the chat operation's 200 response
    gains that content type with the chunk as its schema: the endpoint template reads it into
    ``STREAM_CHUNK_MODEL``, as it does for an operation whose spec declares its stream (2025's ``/responses``).
    """
    schemas = _schemas(spec)
    for path, _, operation in _operations(spec):
        body = operation.get("requestBody", {}).get("content", {}).get(JSON_CONTENT, {})
        # By its path too: 2023-05-15 declares the chat request inline, not as the named schema.
        if _ref_name(body.get("schema")) != _CHAT_REQUEST_SCHEMA and not path.endswith("/chat/completions"):
            continue
        ok = operation.get("responses", {}).get("200")
        if isinstance(ok, dict) and "$ref" not in ok:
            ok.setdefault("content", {}).setdefault(EVENT_STREAM_CONTENT, {"schema": _ref(_CHUNK_SCHEMA)})
    filter_ref = next(
        (_ref(n) for n in ("contentFilterChoiceResults", "contentFilterResultsBase") if n in schemas), None
    )
    prompt_filter_ref = _ref("promptFilterResults") if "promptFilterResults" in schemas else None
    if _TOOL_CALL_CHUNK_SCHEMA not in schemas:
        schemas[_TOOL_CALL_CHUNK_SCHEMA] = {
            "type": "object",
            "description": "A streamed piece of a tool call; pieces with the same index belong together.",
            "properties": {
                "index": {"type": "integer"},
                "id": {"type": "string", "description": "The ID of the tool call."},
                "type": {"type": "string", "description": "The type of the tool. Currently `function`."},
                "function": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "description": "The name of the function to call."},
                        "arguments": {"type": "string", "description": "A piece of the JSON arguments."},
                    },
                },
            },
            "required": ["index"],
        }
    if _DELTA_SCHEMA not in schemas:
        schemas[_DELTA_SCHEMA] = {
            "type": "object",
            "description": "A chat completion delta generated by streamed model responses.",
            "properties": {
                "content": {"type": "string", "nullable": True, "description": "The contents of the chunk message."},
                "function_call": {
                    "type": "object",
                    "description": "Deprecated and replaced by `tool_calls`.",
                    "properties": {"arguments": {"type": "string"}, "name": {"type": "string"}},
                },
                "tool_calls": {"type": "array", "items": _ref(_TOOL_CALL_CHUNK_SCHEMA)},
                "role": {"type": "string", "description": "The role of the author of this message."},
            },
        }
    if _CHUNK_SCHEMA not in schemas:
        schemas[_CHUNK_SCHEMA] = {
            "type": "object",
            "description": "A streamed chunk of a chat completion response.",
            "properties": {
                "id": {"type": "string", "description": "A unique identifier; each chunk has the same ID."},
                "object": {"type": "string", "description": "The object type, `chat.completion.chunk`."},
                "created": {"type": "integer", "description": "The Unix timestamp (in seconds) of creation."},
                "model": {"type": "string", "description": "The model that generated the completion."},
                "system_fingerprint": {"type": "string"},
                "choices": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "index": {"type": "integer"},
                            "delta": _ref(_DELTA_SCHEMA),
                            "finish_reason": {"type": "string", "nullable": True},
                        },
                        "required": ["index"],
                    },
                },
                "usage": _ref("completionUsage") if "completionUsage" in schemas else {"type": "object"},
            },
            "required": ["choices", "created", "id", "model", "object"],
        }
    chunk = schemas[_CHUNK_SCHEMA]
    choice = chunk.get("properties", {}).get("choices", {}).get("items", {})
    choice_props = choice.get("properties")
    if filter_ref and choice_props is not None and "content_filter_results" not in choice_props:
        choice_props["content_filter_results"] = filter_ref
    if prompt_filter_ref and "prompt_filter_results" not in chunk["properties"]:
        chunk["properties"]["prompt_filter_results"] = prompt_filter_ref


def accept_base64_embeddings(spec: Spec) -> None:
    """Embeddings can be asked for, and read, as base64: ``encoding_format`` in the request, a string vector.

    Quirk answered: the service sends each vector as a base64 string of little-endian float32 when the request
    says ``"encoding_format": "base64"`` (a quarter of the bytes; the official SDK asks for it by default).
    2024-02-01 declares neither the request field nor the string form; 2024-10-21 declares the field but still
    types the answer's ``embedding`` as an array of numbers only, so such an answer could not be read.
    """
    for path, item in spec.get("paths", {}).items():
        if not path.endswith("/embeddings"):
            continue
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            body = operation.get("requestBody", {}).get("content", {}).get(JSON_CONTENT, {}).get("schema", {})
            body.get("properties", {}).setdefault(
                "encoding_format",
                {
                    "type": "string",
                    "enum": ["float", "base64"],
                    "description": "The format of the returned vectors: a list of floats, or base64 float32.",
                },
            )
            for response in operation.get("responses", {}).values():
                schema = response.get("content", {}).get(JSON_CONTENT, {}).get("schema")
                for node in _walk(schema) if isinstance(schema, dict) else ():
                    vector = node.get("properties", {}).get("embedding")
                    if vector and vector.get("type") == "array":
                        node["properties"]["embedding"] = {
                            "oneOf": [vector, {"type": "string", "description": "base64 of little-endian float32"}]
                        }


# --------------------------------------------------------------------------------------------------------------
# 5. oneOf of a schema and its extension
# --------------------------------------------------------------------------------------------------------------


def collapse_extending_one_of(spec: Spec) -> None:
    """Replace a ``oneOf`` whose alternatives extend one another by the most complete alternative.

    Quirk answered: the audio operations answer ``oneOf: [audioResponse, audioVerboseResponse]``; the verbose
    one is the plain one plus ``task``, ``language``, ``duration`` and ``segments``. The generator tries them
    in order, and since the plain one accepts any object, ``verbose_json`` results lose their typed segments.
    The most complete schema reads both shapes (its extra fields are simply unset for plain ``json``).
    """
    schemas = _schemas(spec)

    def props_of(sub: Schema) -> set[str] | None:
        name = _ref_name(sub)
        target = schemas.get(name, {}) if name else sub
        if target.get("type", "object") != "object" or "oneOf" in target:
            return None
        if any("const" in p for p in target.get("properties", {}).values()):
            return None  # a tagged union: its members are told apart, not extensions of one another
        return set(target.get("properties", {}))

    for root in list(_all_schema_roots(spec)):
        for node in list(_walk(root)):
            alternatives = node.get("oneOf")
            if not alternatives or len(alternatives) < 2:
                continue
            prop_sets = [props_of(a) for a in alternatives]
            if any(p is None for p in prop_sets):
                continue
            widest = max(range(len(alternatives)), key=lambda i: len(prop_sets[i] or ()))
            widest_props = prop_sets[widest] or set()
            others = [p or set() for i, p in enumerate(prop_sets) if i != widest]
            if all(p < widest_props for p in others):
                chosen = alternatives[widest]
                node.clear()
                node.update(copy.deepcopy(chosen))


# --------------------------------------------------------------------------------------------------------------
# 6. stable names for inline objects
# --------------------------------------------------------------------------------------------------------------


def _pascal(text: str) -> str:
    parts = [p for p in "".join(c if c.isalnum() else " " for c in text).split() if p]
    return "".join(p[0].upper() + p[1:] for p in parts)


def name_inline_objects(spec: Spec) -> None:
    """Move every inline object and enum schema into a component named after where it stands.

    Quirks answered: the generator names an inline object after its parent and property, but once that
    property may be null (``make_responses_nullable``) the object is one member of a union and the name grows
    a ``Type0`` (``CreateChatCompletionResponseChoicesType0Item``). And it ignores ``nullable: true`` on an inline
    enum, so ``null`` raises: 2024-10-21 declares the streamed ``finish_reason`` that way and the service sends
    ``"finish_reason": null`` in every chunk but the last. Named components keep the names the generator gives
    on a plain spec (``CreateChatCompletionResponseChoicesItem``, ``CompletionsCreateResponse200``), and the
    null goes to the reference, where the generator honours it.
    """
    schemas = _schemas(spec)

    def visit(node: Schema, name: str) -> None:
        is_object = "properties" in node or (node.get("type") == "object" and "additionalProperties" in node)
        is_enum = isinstance(node.get("enum"), list) and node.get("type", "string") == "string"
        if (is_object or is_enum) and not any(k in node for k in ("$ref", "oneOf", "anyOf", "allOf")):
            unique = name
            while unique in schemas:
                unique += "Inline"
            hoisted = copy.deepcopy(node)
            nullable = hoisted.pop("nullable", False)
            schemas[unique] = hoisted
            node.clear()
            if nullable:  # null belongs to the place, not to the model (see move_nullable_to_references)
                node.update({"oneOf": [_ref(unique)], "nullable": True})
            else:
                node.update(_ref(unique))
            visit_children(hoisted, unique)
        elif isinstance(node.get("items"), dict):
            visit(node["items"], name + "Item")

    def visit_children(node: Schema, name: str) -> None:
        for prop_name, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                visit(prop, name + _pascal(prop_name))

    for name in list(schemas):
        visit_children(schemas[name], name)
        if isinstance(schemas[name].get("items"), dict):
            visit(schemas[name]["items"], name + "Item")
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            base = _pascal(operation["operationId"])
            for content_type, media in operation.get("requestBody", {}).get("content", {}).items():
                if isinstance(media.get("schema"), dict) and content_type == JSON_CONTENT:
                    visit(media["schema"], base + "Body")
            for code, response in operation.get("responses", {}).items():
                for media in response.get("content", {}).values():
                    if isinstance(media.get("schema"), dict):
                        visit(media["schema"], f"{base}Response{_pascal(code)}")


# --------------------------------------------------------------------------------------------------------------
# 7. send only what the caller set
# --------------------------------------------------------------------------------------------------------------


def drop_service_defaults(spec: Spec) -> None:
    """Remove ``default`` from every schema, keeping it in the description.

    Quirk answered: the spec's defaults describe what the *service* does when a field is absent, but the
    generator makes them the model's defaults and sends them: a chat request with only ``messages`` went out
    with ``seed: 0`` (switches on seeded sampling), ``max_tokens: 4096`` (fails on small-context deployments),
    ``temperature``, ``top_p``, ``n``, ``stream`` and the penalties. Discriminator constants keep theirs.
    """
    for root in list(_all_schema_roots(spec)):
        for node in _walk(root):
            if "default" in node and "const" not in node:
                default = node.pop("default")
                if default is not None:
                    note = f"Service default: `{json.dumps(default)}`."
                    node["description"] = f"{node.get('description', '').rstrip()}\n\n{note}".strip()


# --------------------------------------------------------------------------------------------------------------
# 8. lenient, lossless reading
# --------------------------------------------------------------------------------------------------------------


def _response_schema_names(spec: Spec) -> set[str]:
    """Names of the component schemas a response can contain (including the stream chunk)."""
    schemas = _schemas(spec)
    seen: set[str] = set()
    todo: list[Schema] = [s for kind, s in _operation_schemas(spec) if kind == "response"]
    todo += [schemas[n] for n in (_CHUNK_SCHEMA,) if n in schemas]
    seen.update(n for n in (_CHUNK_SCHEMA,) if n in schemas)
    while todo:
        for node in _walk(todo.pop()):
            name = _ref_name(node)
            if name and name not in seen and name in schemas:
                seen.add(name)
                todo.append(schemas[name])
    return seen


def drop_required(spec: Spec) -> None:
    """No property is required, in requests or responses; request-side constants stay required.

    Quirk answered: the service (and the spec's own examples) omit fields the schema marks required — the
    example chat completion has no ``object``, stream chunks and the first prompt-filter chunk lack members,
    the example requests omit ``authentication`` and other "required" parameters. The generator turns each
    into a ``KeyError`` and the whole message is lost. The service, not this client, is the judge of what a
    request needs; the wrapper and the emulator validate against the untouched spec where that matters.
    A constant (a union member's tag, a 3.1 ``const``) stays required where only requests use it, so that the
    member is told apart; in anything a response can contain it is optional too (an answer without its
    ``object`` is still read), as are the lenient tags of ``tag_union_members``.
    """
    response_side = _response_schema_names(spec)
    roots = [(name in response_side, schema) for name, schema in _schemas(spec).items()]
    roots += [(kind == "response", schema) for kind, schema in _operation_schemas(spec)]
    for in_response, root in roots:
        for node in _walk(root):
            props = node.get("properties")
            if props is None:  # a "required" list misplaced outside an object (2024-10-21 chunk `object`)
                if isinstance(node.get("required"), list):
                    del node["required"]
                continue
            constants = [] if in_response else [n for n, p in props.items() if "const" in p]
            constants = [n for n in constants if not props[n].get("x-lenient-tag")]
            if constants:
                node["required"] = constants
            else:
                node.pop("required", None)


def make_responses_nullable(spec: Spec) -> None:
    """In every schema a response can contain, every property may be null.

    Quirk answered: the service sends ``null`` for fields the spec does not mark nullable (``delta``,
    ``finish_reason``, ``content``, ``logprobs``, ``function_call``); the generator raises on each and the whole
    response is lost. A response model must read what arrives and give it back unchanged.
    """
    schemas = _schemas(spec)
    roots = [schemas[n] for n in _response_schema_names(spec)]
    roots += [s for kind, s in _operation_schemas(spec) if kind == "response"]
    for root in roots:
        for node in _walk(root):
            props = node.get("properties", {})
            for name, prop in list(props.items()):
                if "const" in prop or prop.get("nullable"):
                    continue
                if "$ref" in prop:
                    props[name] = {"oneOf": [prop], "nullable": True}
                    if "description" in prop:
                        props[name]["description"] = prop["description"]
                else:
                    prop["nullable"] = True


FIXUPS: list[Callable[[Spec], None]] = [
    downgrade_openapi_31,
    rename_clashing_schemas,
    unique_operation_ids,
    require_api_version,
    normalise_tags,
    add_error_responses,
    drop_titles,
    move_nullable_to_references,
    flatten_all_of,
    expand_polymorphic_bases,
    tag_union_members,
    nest_image_url,
    add_live_error_shape,
    add_stream_chunk_schema,
    accept_base64_embeddings,
    collapse_extending_one_of,
    name_inline_objects,
    drop_service_defaults,
    drop_required,
    make_responses_nullable,
]


def apply_fixups(spec: Spec, fixups: list[Callable[[Spec], None]] | None = None) -> Spec:
    """Return a transformed deep copy of ``spec`` with the fixups (default: all, in order) applied."""
    result = copy.deepcopy(spec)
    for fixup in FIXUPS if fixups is None else fixups:
        fixup(result)
    return result
