"""Chat messages: typed builders for every role, and the conversion of what callers pass into wire JSON."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class _HasToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


#: One message as callers may pass it: a plain dict or a generated/typed model with ``to_dict()``.
MessageLike = Mapping[str, Any] | _HasToDict


def to_wire_messages(
    messages: str | Iterable[MessageLike], *, system: str | None = None
) -> list[dict[str, Any]]:
    """The JSON ``messages`` list for a request: a bare string is one user message; ``system`` goes first."""
    if isinstance(messages, str):
        wire = [{"role": "user", "content": messages}]
    else:
        wire = [dict(m) if isinstance(m, Mapping) else m.to_dict() for m in messages]
    if system is not None:
        wire.insert(0, {"role": "system", "content": system})
    return wire
