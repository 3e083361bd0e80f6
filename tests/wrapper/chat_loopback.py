"""A loopback HTTP/1.1 server for the chat tests: scripted JSON replies and event streams written piece by piece.

Each stream piece goes out as its own HTTP chunk, in its own write (TCP_NODELAY), so the client sees the splits a
network makes: a CRLF or a UTF-8 character cut between reads. A stream can pause (``Pause``: held until the
test's timeout fires or the server stops), end cleanly without ``[DONE]``, or be cut mid-body (``cut=True``).
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

SAFE = {"filtered": False, "severity": "safe"}
FILTERS = {"hate": SAFE, "self_harm": SAFE, "sexual": SAFE, "violence": SAFE}
PROMPT_FILTER_CHUNK: dict[str, Any] = {
    "choices": [],
    "created": 0,
    "id": "",
    "model": "",
    "object": "",
    "prompt_filter_results": [
        {"prompt_index": 0, "content_filter_results": {**FILTERS, "jailbreak": {"filtered": False, "detected": False}}}
    ],
}


def chunk(
    delta: dict[str, Any] | None, *, finish_reason: str | None = None, index: int = 0, **extra: Any
) -> dict[str, Any]:
    """One content chunk as Azure sends it (with its content-filter results unless ``extra`` overrides)."""
    choice: dict[str, Any] = {"delta": delta, "finish_reason": finish_reason, "index": index, "logprobs": None}
    choice["content_filter_results"] = extra.pop("content_filter_results", FILTERS)
    body = {
        "choices": [choice],
        "created": 1700000000,
        "id": "chatcmpl-9",
        "model": "gpt-4o-2024-05-13",
        "object": "chat.completion.chunk",
        "system_fingerprint": "fp_1",
    }
    body.update(extra)
    return body


def sse(*events: dict[str, Any] | str, newline: str = "\n") -> bytes:
    """Events as ``data:`` lines (a str is sent as the data verbatim, e.g. ``[DONE]``)."""
    out = []
    for event in events:
        data = event if isinstance(event, str) else json.dumps(event, separators=(",", ":"), ensure_ascii=False)
        out.append(f"data: {data}{newline}{newline}")
    return "".join(out).encode()


def text_stream(*pieces: str, finish_reason: str = "stop", done: bool = True) -> list[bytes]:
    """Azure's chunk sequence for a text answer: prompt filters, role, the pieces, finish, ``[DONE]``."""
    events: list[dict[str, Any] | str] = [PROMPT_FILTER_CHUNK, chunk({"role": "assistant", "content": ""})]
    events += [chunk({"content": p}) for p in pieces]
    events.append(chunk({}, finish_reason=finish_reason))
    if done:
        events.append("[DONE]")
    return [sse(e) for e in events]


@dataclass
class Pause:
    """A stall in a stream: nothing is written for ``seconds`` (cut short when the server stops)."""

    seconds: float


@dataclass
class Script:
    """One answer: JSON (``body``) or a stream (``stream`` pieces, with optional pauses), status and headers."""

    body: Any = None
    stream: list[bytes | Pause] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    cut: bool = False  # close the connection mid-body (no last chunk)
    content_type: str = "text/event-stream; charset=utf-8"


@dataclass
class Request:
    """One request as received."""

    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


class LoopbackServer:
    """Serves the queued ``Script``s in order, one per connection, and records the requests."""

    def __init__(self) -> None:
        self.scripts: list[Script] = []
        self.requests: list[Request] = []
        self._stop = threading.Event()
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def add(self, script: Script) -> None:
        """Queue one answer."""
        self.scripts.append(script)

    def stream(self, pieces: list[bytes | Pause], **kwargs: Any) -> None:
        """Queue a stream answer."""
        self.add(Script(stream=pieces, **kwargs))

    def reply(self, body: Any, **kwargs: Any) -> None:
        """Queue a JSON answer."""
        self.add(Script(body=body, content_type="application/json", **kwargs))

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            reader = conn.makefile("rb")
            request_line = reader.readline()
            if not request_line:
                return
            headers: dict[str, str] = {}
            while True:
                line = reader.readline().decode("latin-1").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = reader.read(int(headers.get("content-length", "0")))
            self.requests.append(Request(request_line.split()[1].decode(), headers, body))
            script = (
                self.scripts.pop(0) if self.scripts else Script(status=500, body={"error": {"message": "no script"}})
            )
            with contextlib.suppress(OSError):  # the client went away (closed early): fine
                self._answer(conn, script)

    def _answer(self, conn: socket.socket, script: Script) -> None:
        reason = {200: "OK"}.get(script.status, "Error")
        head = [f"HTTP/1.1 {script.status} {reason}", "connection: close"]
        if script.stream is None:
            data = json.dumps(script.body).encode()
            head += ["content-type: application/json", f"content-length: {len(data)}"]
            head += [f"{k}: {v}" for k, v in script.headers.items()]
            conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + data)
            return
        head += [f"content-type: {script.content_type}", "transfer-encoding: chunked"]
        head += [f"{k}: {v}" for k, v in script.headers.items()]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        for piece in script.stream:
            if isinstance(piece, Pause):
                self._stop.wait(piece.seconds)
                continue
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            time.sleep(0.002)  # let the client read each piece on its own
        if script.cut:
            conn.shutdown(socket.SHUT_RDWR)
            return
        conn.sendall(b"0\r\n\r\n")

    def close(self) -> None:
        """Stop serving; release any pause."""
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


def json_mode_model() -> Any:
    """The generated model of ``response_format={"type": "json_object"}``, whose name depends on the api-version."""
    from azure_openai_rest import models

    model = getattr(models, "ResponseFormatJsonObject", None) or models.CreateChatCompletionRequestResponseFormat
    return model.from_dict({"type": "json_object"})
