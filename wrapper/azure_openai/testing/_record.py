"""The record of requests the emulator received, with secrets redacted, for assertions in tests."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping
from typing import Any

__all__ = ["REDACTED", "RecordedFile", "RecordedRequest", "RequestLog", "redact_headers"]

REDACTED = "[redacted]"

#: Headers that carry a secret; the record keeps only the auth scheme of ``Authorization``.
_SECRET_HEADERS = frozenset({"api-key", "authorization", "proxy-authorization", "ocp-apim-subscription-key", "cookie"})


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Lower-cased headers with every secret replaced by ``[redacted]`` (``Bearer [redacted]`` for a token)."""
    clean: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        if key in _SECRET_HEADERS:
            scheme, _, rest = value.partition(" ")
            clean[key] = f"{scheme} {REDACTED}" if key.endswith("authorization") and rest else REDACTED
        else:
            clean[key] = value
    return clean


@dataclasses.dataclass(frozen=True)
class RecordedFile:
    """A file part of a multipart request: its name, content type and size (not its bytes)."""

    filename: str
    content_type: str
    size: int


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    """One request as the emulator saw it, and the status it answered (0 when the connection was dropped)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any = None
    form: dict[str, str | list[str]] = dataclasses.field(default_factory=dict)
    files: dict[str, RecordedFile] = dataclasses.field(default_factory=dict)
    deployment: str | None = None
    operation: str | None = None
    status: int = 0
    fault: str | None = None

    @property
    def body(self) -> Any:
        """The parsed JSON body, or the form fields of a multipart request."""
        return self.json if self.json is not None else dict(self.form)


class RequestLog:
    """The requests an emulator answered, oldest first; thread-safe (each connection has its thread)."""

    def __init__(self) -> None:
        self._records: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def append(self, record: RecordedRequest) -> None:
        """Add an answered request."""
        with self._lock:
            self._records.append(record)

    def copy(self) -> list[RecordedRequest]:
        """The requests so far (a copy)."""
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget the requests so far."""
        with self._lock:
            self._records.clear()
