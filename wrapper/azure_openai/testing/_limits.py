"""The numeric limits the service enforces on request parameters: one table, from the spec and from its prose.

Where the spec states a limit as ``minimum``/``maximum`` (chat in 2024-02-01) that is the limit. Where it only
writes it in a description ("Minimum of 1 and maximum of 128 allowed.", legacy completions) or not at all, the
service still refuses values outside it, and an emulator that accepts ``n=185171711832`` builds that many
choices; ``PROSE_LIMITS`` holds those. ``parameter_limits(spec)`` merges both for every operation of a spec,
and the validator adds them to the request schemas so a breach is one 400 like any other invalid value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["CONTEXT_WINDOWS", "PROSE_LIMITS", "Limit", "parameter_limits", "request_properties"]

#: (minimum, maximum); None on a side means unbounded.
Limit = tuple[float | None, float | None]

_SAMPLING: dict[str, Limit] = {
    "temperature": (0, 2),
    "top_p": (0, 1),
    "presence_penalty": (-2, 2),
    "frequency_penalty": (-2, 2),
    "n": (1, 128),
    "max_tokens": (0, None),
}

#: Operation path suffix -> parameter -> limit, as written in the spec's descriptions and the service's docs.
PROSE_LIMITS: Mapping[str, Mapping[str, Limit]] = {
    "completions": {**_SAMPLING, "logprobs": (0, 5), "best_of": (1, 128)},
    "chat/completions": {**_SAMPLING, "top_logprobs": (0, 20), "max_completion_tokens": (0, None)},
    "embeddings": {"dimensions": (1, None)},
    "images/generations": {"n": (1, 10)},
    "audio/transcriptions": {"temperature": (0, 1)},
    "audio/translations": {"temperature": (0, 1)},
}

#: Model -> tokens its context holds (prompt plus completion; an embedding's input), as the service's 400 states
#: them. Only the model names listed are held to one: a model name says nothing of its version here.
CONTEXT_WINDOWS: Mapping[str, int] = {
    "gpt-35-turbo": 16_384,  # the service's message, even for 0301 (MicrosoftDocs/azure-docs #114113)
    "gpt-35-turbo-16k": 16_384,
    "gpt-4": 8_192,
    "gpt-4-32k": 32_768,
    "gpt-4-turbo": 128_000,
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "text-embedding-ada-002": 8_192,
    "text-embedding-3-small": 8_191,
    "text-embedding-3-large": 8_191,
}

_COMPONENTS = "#/components/schemas/"


def request_properties(
    spec: Mapping[str, Any], schema: Mapping[str, Any], seen: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The top-level properties of a request schema, through ``$ref`` and ``allOf``."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_COMPONENTS) and ref not in seen:
        target = spec.get("components", {}).get("schemas", {}).get(ref.removeprefix(_COMPONENTS), {})
        return request_properties(spec, target, seen | {ref})
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found.update(request_properties(spec, part, seen))
    found.update(schema.get("properties") or {})
    return found


def parameter_limits(operation: str, spec: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Limit]:
    """The limits of ``operation``'s parameters: each side from the spec when it states it, else from the prose."""
    properties = request_properties(spec, schema)
    limits: dict[str, Limit] = {}
    for name, (low, high) in PROSE_LIMITS.get(operation, {}).items():
        if name not in properties:
            continue  # a parameter this api-version does not have is the schema's business, not a limit's
        declared = properties[name] if isinstance(properties[name], dict) else {}
        limits[name] = (declared.get("minimum", low), declared.get("maximum", high))
    return limits
