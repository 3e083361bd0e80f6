"""Chat messages: builders for every role (the plain dicts that go on the wire), and what callers pass as JSON."""

from __future__ import annotations

import base64
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .._errors import ConfigurationError, InvalidArgumentError

if TYPE_CHECKING:
    from .._results.chat import ChatResult

_DETAILS = ("auto", "low", "high")
_ROLES = ("system", "user", "assistant", "tool", "function")


class _HasToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


#: One message as callers may pass it: a plain dict or a generated/typed model with ``to_dict()``.
MessageLike = Mapping[str, object] | _HasToDict
#: The messages of a request: a string (one user message) or messages.
Messages = str | Iterable[MessageLike]


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"{what} must be a str, got {type(value).__name__}; convert it with str() or json.dumps()"
        )
    return value


def system_message(content: str) -> dict[str, object]:
    """A system message."""
    return {"role": "system", "content": _text(content, "system_message content")}


def text_part(text: str) -> dict[str, object]:
    """A text part for ``user_message``."""
    return {"type": "text", "text": _text(text, "text_part text")}


def image_part(
    image: str | bytes, *, detail: Literal["auto", "low", "high"] | None = None, media_type: str = "image/png"
) -> dict[str, object]:
    """An image part: an http(s) or ``data:`` URL, or image bytes (sent as a base64 ``data:`` URL of ``media_type``)."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        url = f"data:{media_type};base64,{base64.b64encode(bytes(image)).decode('ascii')}"
    elif isinstance(image, str):
        if not image.startswith(("http://", "https://", "data:")):
            raise ConfigurationError(
                f"image_part needs an http(s) URL, a data: URL or the image bytes, got {image[:40]!r}; "
                "to send a local file pass its bytes: image_part(Path(p).read_bytes())"
            )
        url = image
    else:
        raise InvalidArgumentError(f"image_part takes a URL (str) or image bytes, got {type(image).__name__}")
    image_url = {"url": url}
    if detail is not None:
        if detail not in _DETAILS:
            raise ConfigurationError(f"image detail must be one of {', '.join(_DETAILS)}, got {detail!r}")
        image_url["detail"] = detail
    return {"type": "image_url", "image_url": image_url}


def user_message(*content: str | Mapping[str, object], name: str | None = None) -> dict[str, object]:
    """A user message: one string, or parts (strings become text parts; ``image_part(...)`` for images)."""
    if not content:
        raise ConfigurationError("user_message needs some content: a string, or text and image parts")
    message: dict[str, object] = {"role": "user", "content": content[0]}
    if len(content) > 1 or not isinstance(content[0], str):
        parts = []
        for part in content:
            if isinstance(part, str):
                parts.append(text_part(part))
            elif isinstance(part, Mapping) and part.get("type") in ("text", "image_url"):
                parts.append(dict(part))
            else:
                raise InvalidArgumentError(
                    f"user_message parts must be strings, text_part(...) or image_part(...), got {part!r:.60}"
                )
        message["content"] = parts
    if name is not None:
        message["name"] = _text(name, "user_message name")
    return message


def tool_call(id: str, name: str, arguments: str | Mapping[str, object]) -> dict[str, object]:
    """A tool call for ``assistant_message`` (arguments as a JSON text or a mapping to encode)."""
    if isinstance(arguments, Mapping):
        arguments = json.dumps(dict(arguments), ensure_ascii=False)
    arguments = _text(arguments, "tool_call arguments (a JSON text or a mapping)")
    function = {"name": _text(name, "tool_call name"), "arguments": arguments}
    return {"id": _text(id, "tool_call id"), "type": "function", "function": function}


def assistant_message(
    content: str | None = None, *, tool_calls: Sequence[MessageLike] | None = None
) -> dict[str, object]:
    """An assistant message (a previous answer), with the tool calls it made if any (dicts or generated models)."""
    if content is None and not tool_calls:
        raise ConfigurationError("assistant_message needs content, tool_calls, or both")
    message: dict[str, object] = {"role": "assistant", "content": content}
    if content is not None:
        _text(content, "assistant_message content")
    if tool_calls:
        message["tool_calls"] = [_wire(call, "tool call", i) for i, call in enumerate(tool_calls)]
    return message


def _json_default(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    import dataclasses  # only for results that need it: the module costs import time

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def _result_text(content: object) -> str:
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, default=_json_default)


def tool_message(tool_call_id: str, content: object) -> dict[str, object]:
    """The result of the tool call ``tool_call_id`` (a non-string result is sent as JSON)."""
    tool_call_id = _text(tool_call_id, "tool_message tool_call_id")
    return {"role": "tool", "tool_call_id": tool_call_id, "content": _result_text(content)}


def function_message(name: str, content: object) -> dict[str, object]:
    """The result of the (deprecated) function call ``name`` (a non-string result is sent as JSON)."""
    return {"role": "function", "name": _text(name, "function_message name"), "content": _result_text(content)}


def _wire(item: Any, what: str, index: int) -> dict[str, Any]:
    if isinstance(item, dict):  # sent as given: nothing downstream changes a message, and copying 200 cost 7%
        return item
    if isinstance(item, Mapping):
        return dict(item)
    if hasattr(item, "to_dict"):
        return dict(item.to_dict())
    raise InvalidArgumentError(
        f"{what} {index} is a {type(item).__name__}; pass a dict, a builder's result (e.g. user_message(...), "
        "tool_call(...)) or a generated model"
    )


def _one(message: Any, index: int) -> dict[str, Any]:
    wire = _wire(message, "message", index)  # the name is formatted only for an error: this runs per message
    if "role" not in wire:
        raise ConfigurationError(f"message {index} has no 'role'; use one of {', '.join(_ROLES)}: {wire!r:.80}")
    return wire


def to_wire_messages(messages: str | Iterable[MessageLike], *, system: str | None = None) -> list[dict[str, Any]]:
    """The JSON ``messages`` list for a request: a bare string is one user message; ``system`` goes first."""
    if isinstance(messages, str):
        wire = [{"role": "user", "content": messages}]
    elif isinstance(messages, (Mapping, bytes)) or not isinstance(messages, Iterable):
        raise ConfigurationError(
            f"messages must be a str (one user message) or a list of messages (dicts, builders such as "
            f"user_message(...), generated models), got {type(messages).__name__}: chat([message]), chat('hi')"
        )
    else:
        wire = [_one(m, i) for i, m in enumerate(messages)]
    if system is not None:
        wire.insert(0, {"role": "system", "content": system})
    return wire


def assistant_turn(result: ChatResult) -> dict[str, Any]:
    """The assistant message of a result, as it goes back into the next request."""
    choices = result.raw.get("choices") or []
    message = (choices[0].get("message") or {}) if choices else {}
    wire: dict[str, Any] = {"role": "assistant", "content": message.get("content")}
    for key in ("tool_calls", "function_call"):
        if message.get(key):
            wire[key] = message[key]
    return wire
