"""The recording file of the emulator's record/replay mode: its JSON format, reading and writing it, and matching.

A recording is plain JSON a person can read and edit (``docs/recording.md`` describes it)::

    {"format": "azure-openai-rest recording", "version": 1, "interactions": [
        {"request": {"operation": "chat/completions", "deployment": "gpt-4o", "json": {...}, ...},
         "response": {"status": 200, "headers": {...}, "json": {...}}}]}

A response body is ``json`` (a JSON answer), ``text`` (any other text), ``base64`` (binary) or ``events``
(a stream: each ``{"at_ms": ..., "data": "data: {...}\\n\\n"}`` exactly as it arrived, so a replay is
byte-identical). Requests match on operation, deployment and body; ``IGNORED_FIELDS`` and the api-version
are not compared, so that what changes between runs (an end-user id, a newer api-version) keeps matching.
What is kept of a request or answer is scrubbed of credentials first (``_scrub.py``).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import textwrap
import threading
import uuid
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from .._errors import ConfigurationError
from ._multipart import MultipartError, parse_form
from ._record import REDACTED
from ._scrub import MIN_SECRET_LENGTH, scrub_body

__all__ = ["FORMAT", "IGNORED_FIELDS", "Interaction", "Recording", "answer_body", "request_body"]

FORMAT = "azure-openai-rest recording"
VERSION = 1

#: Top-level body fields not compared when matching: ``user`` is an end-user id for abuse monitoring that
#: differs per run and never changes the answer. (``stream_options`` is compared: it adds a usage event.)
IGNORED_FIELDS = frozenset({"user"})

_BODY_KEYS = ("json", "form", "files", "text")
_ANSWER_KEYS = ("json", "text", "base64", "events")


def request_body(operation: str, content_type: str, raw: bytes) -> dict[str, Any]:
    """The body part of a recorded request, scrubbed: ``json``; ``form``, ``files`` (hashed) for audio; else ``text``.

    A replayed request is scrubbed alike, so it still matches its recording.
    """
    if operation.startswith("audio/"):
        try:
            fields, files = parse_form(content_type, raw)
        except MultipartError:
            return {"text": raw.decode("utf-8", errors="replace")}
        described = {
            name: {"filename": filename, "content_type": ctype, "size": len(data), "sha256": _sha256(data)}
            for name, (filename, ctype, data) in files.items()
        }
        return {"form": scrub_body(fields), "files": described}
    try:
        return {"json": scrub_body(json.loads(raw or b"null"))}
    except ValueError:
        return {"text": raw.decode("utf-8", errors="replace")}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _compared(request: dict[str, Any]) -> dict[str, Any]:
    """What matching compares of a request body: its body keys, without the ignored top-level fields."""
    body = {key: request[key] for key in _BODY_KEYS if key in request}
    if isinstance(body.get("json"), dict):
        body["json"] = {k: v for k, v in body["json"].items() if k not in IGNORED_FIELDS}
    return body


def _dumps(value: Any, indent: int | None = None) -> str:
    """JSON text that UTF-8 can encode: other languages kept readable, but a lone surrogate as its escape."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # JSON's "\ud800" parses to a lone surrogate, which only an escape can carry
        return json.dumps(value, indent=indent)
    return text


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _differences(recorded: Any, sent: Any, path: str, found: list[tuple[str, Any, Any]]) -> None:
    """Append ``(path, recorded, sent)`` for each leaf that differs."""
    if isinstance(recorded, dict) and isinstance(sent, dict):
        for key in sorted(set(recorded) | set(sent), key=str):
            _differences(recorded.get(key, "<absent>"), sent.get(key, "<absent>"), f"{path}.{key}", found)
    elif isinstance(recorded, list) and isinstance(sent, list):
        for index in range(max(len(recorded), len(sent))):
            a = recorded[index] if index < len(recorded) else "<absent>"
            b = sent[index] if index < len(sent) else "<absent>"
            _differences(a, b, f"{path}[{index}]", found)
    elif _canonical(recorded) != _canonical(sent):
        found.append((path, recorded, sent))


def _short(value: Any, limit: int = 60) -> str:
    text = value if value == "<absent>" else _canonical(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclasses.dataclass
class Interaction:
    """One recorded request (operation, deployment, body, scrubbed headers) and the answer it got."""

    request: dict[str, Any]
    response: dict[str, Any]

    @property
    def operation(self) -> str:
        """The operation path after the deployment, e.g. ``chat/completions``."""
        return str(self.request["operation"])

    @property
    def deployment(self) -> str:
        """The deployment name the request went to."""
        return str(self.request["deployment"])

    def key(self) -> str:
        """What a replayed request must equal to get this answer."""
        return _request_key(self.operation, self.deployment, self.request)

    def answer_bytes(self) -> bytes:
        """The recorded body as bytes (a JSON answer re-serialised; stream events concatenated)."""
        response = self.response
        if "events" in response:
            return b"".join(event["data"].encode() for event in response["events"])
        if "json" in response:
            return _dumps(response["json"]).encode()
        if "base64" in response:
            return base64.b64decode(response["base64"])
        return str(response["text"]).encode()


def _request_key(operation: str, deployment: str, request: dict[str, Any]) -> str:
    return _canonical([operation, deployment, _compared(request)])


def answer_body(content_type: str, payload: bytes) -> dict[str, Any]:
    """How a non-streamed answer is kept: ``json`` when it parses, ``text`` when it decodes, else ``base64``."""
    if "json" in content_type.lower():
        try:
            return {"json": json.loads(payload)}
        except ValueError:
            pass
    try:
        return {"text": payload.decode("utf-8")}
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(payload).decode("ascii")}


class Recording:
    """The interactions of one recording file; thread-safe; finds the answer for a request, in recorded order.

    Identical requests get their recorded answers in order; once they are used up, the last one repeats.
    """

    def __init__(self, path: Path, interactions: Iterable[Interaction] = (), secrets: Collection[str] = ()) -> None:
        self.path = path
        self.interactions = list(interactions)
        self._by_key: dict[str, list[Interaction]] = {}  # a replay under load looks up in O(1), not O(recording)
        for item in self.interactions:
            self._by_key.setdefault(item.key(), []).append(item)
        self._secrets = tuple(secret for secret in secrets if len(secret) >= MIN_SECRET_LENGTH)
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._texts: list[str] = []  # each interaction as written to the file; only record mode adds
        self._generation = self._written = 0
        self._write_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Recording {str(self.path)!r} interactions={len(self.interactions)}>"

    @classmethod
    def load(cls, path: Path) -> Recording:
        """Read and check a recording file; a missing or malformed one is a ``ConfigurationError`` naming the fix."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigurationError(
                f"the recording {str(path)!r} does not exist: record it first with mode='record'"
            ) from None
        except (OSError, ValueError) as exc:
            raise ConfigurationError(f"the recording {str(path)!r} is not readable JSON ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ConfigurationError(f"{str(path)!r} is not a recording: its 'format' must be {FORMAT!r}")
        if data.get("version") != VERSION:
            raise ConfigurationError(
                f"the recording {str(path)!r} has version {data.get('version')!r}; {VERSION} is read"
            )
        items = data.get("interactions")
        if not isinstance(items, list):
            raise ConfigurationError(f"the recording {str(path)!r} needs an 'interactions' list")
        return cls(path, [_checked(item, f"{path}: interactions[{index}]") for index, item in enumerate(items)])

    def add(self, interaction: Interaction) -> None:
        """Append an interaction and rewrite the file (atomically, so a crash never leaves half a recording)."""
        # Serialised once, before it joins the recording: an interaction that cannot be written is refused
        # alone (and the others stay writable), and a rewrite only joins texts instead of re-serialising all.
        text = self._serialised(interaction)
        with self._lock:
            if len(self._texts) != len(self.interactions):  # a loaded recording: its own are written too
                self._texts = [self._serialised(item) for item in self.interactions]
            self.interactions.append(interaction)
            self._by_key.setdefault(interaction.key(), []).append(interaction)
            self._texts.append(text)
            self._generation += 1
        self._write()

    def _serialised(self, interaction: Interaction) -> str:
        """One interaction as the file shows it (indented for its place in the list), secrets replaced."""
        item = dataclasses.asdict(interaction)
        text = _dumps(item, indent=2)
        for secret in self._secrets:  # a last guard: a credential echoed anywhere never reaches the disk
            text = text.replace(secret, REDACTED)
        return textwrap.indent(text, "    ")

    def _write(self) -> None:
        """Write every interaction added so far, unless a later ``add`` already did; outside the lookup lock."""
        # Writers take turns on their own lock, so replays and other requests looking up are never held up by the
        # disk; of several adds waiting, the first to get its turn writes them all and the others have nothing to do.
        with self._write_lock:
            with self._lock:
                if self._written == self._generation:
                    return
                generation, texts = self._generation, list(self._texts)
            header = json.dumps({"format": FORMAT, "version": VERSION}, indent=2)[:-2]
            _replace(self.path, f'{header},\n  "interactions": [\n' + ",\n".join(texts) + "\n  ]\n}\n")
            self._written = generation

    def deployments(self) -> dict[str, set[str]]:
        """Each deployment the recording holds answers for (in recorded order), with their operations."""
        with self._lock:
            found: dict[str, set[str]] = {}
            for item in self.interactions:
                found.setdefault(item.deployment, set()).add(item.operation)
            return found

    def find(self, operation: str, deployment: str, request: dict[str, Any]) -> Interaction | None:
        """The next recorded answer to this request, or None."""
        key = _request_key(operation, deployment, request)
        with self._lock:
            matches = self._by_key.get(key)
            if not matches:
                return None
            served = self._served.get(key, 0)
            self._served[key] = served + 1
            return matches[min(served, len(matches) - 1)]

    def closest(self, operation: str, deployment: str, request: dict[str, Any]) -> str:
        """Which recorded request is nearest to this unmatched one, and how they differ (for the 4xx message)."""
        if not self.interactions:
            return f"the recording {str(self.path)!r} has no interactions"
        sent = _compared(request)
        ranked = []
        for index, item in enumerate(self.interactions):
            found: list[tuple[str, Any, Any]] = []
            _differences(_compared(item.request), sent, "body", found)
            score = 100 * (item.operation != operation) + 10 * (item.deployment != deployment) + len(found)
            ranked.append((score, index, item, found))
        _, index, item, found = min(ranked, key=lambda entry: entry[:2])
        where = []
        if item.operation != operation:
            where.append(f"operation: recorded {item.operation!r}, sent {operation!r}")
        if item.deployment != deployment:
            where.append(f"deployment: recorded {item.deployment!r}, sent {deployment!r}")
        where += [f"{path}: recorded {_short(a)}, sent {_short(b)}" for path, a, b in found[:3]]
        if len(found) > 3:
            where.append(f"and {len(found) - 3} more")
        return (
            f"the closest is interactions[{index}] ({item.operation} to {item.deployment!r}) in "
            f"{str(self.path)!r}, which differs in {'; '.join(where) or 'nothing compared'}"
        )


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in its folder, which is never left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
    # os.open with 0o666, not mkstemp (0o600): the recording gets the permissions the umask gives any new file.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _checked(item: Any, where: str) -> Interaction:
    """An interaction from the file, checked enough that replaying it cannot fail half-way."""
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("request"), dict)
        or not isinstance(item.get("response"), dict)
    ):
        raise ConfigurationError(f"{where} needs a 'request' object and a 'response' object")
    request, response = item["request"], item["response"]
    for field in ("operation", "deployment"):
        if not isinstance(request.get(field), str):
            raise ConfigurationError(f"{where}.request needs {field!r} (a string)")
    if not isinstance(response.get("status"), int) or not 100 <= response["status"] <= 599:
        raise ConfigurationError(f"{where}.response needs 'status', an HTTP status code")
    headers = response.setdefault("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise ConfigurationError(f"{where}.response 'headers' must map names to strings")
    given = [key for key in _ANSWER_KEYS if key in response]
    if len(given) != 1:
        raise ConfigurationError(f"{where}.response needs exactly one body: one of {', '.join(_ANSWER_KEYS)}")
    events = response.get("events")
    if events is not None and not (
        isinstance(events, list)
        and all(isinstance(e, dict) and isinstance(e.get("data"), str) for e in events)
        and all(isinstance(e.get("at_ms", 0), (int, float)) for e in events)
    ):
        raise ConfigurationError(f"{where}.response 'events' must be a list of {{'at_ms': number, 'data': string}}")
    if "text" in response and not isinstance(response["text"], str):
        raise ConfigurationError(f"{where}.response 'text' must be a string")
    if "base64" in response:
        try:
            base64.b64decode(response["base64"], validate=True)
        except (ValueError, TypeError):
            raise ConfigurationError(f"{where}.response 'base64' is not base64") from None
    return Interaction(request, response)
