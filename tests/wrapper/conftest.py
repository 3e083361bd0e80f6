"""Shared fixtures for the wrapper tests: loopback HTTP servers, clients pointed at them, a clean environment."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI
from azure_openai._adapter import operation_module

from .chat_loopback import LoopbackServer

AZURE_ENV_VARS = (
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_DEPLOYMENT",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No Azure OpenAI variable from the machine leaks into a test; returns monkeypatch to set some."""
    for name in AZURE_ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def chat_json(text: str = "Hello!", *, finish_reason: str = "stop", **extra: Any) -> dict[str, Any]:
    """A chat completion body as Azure sends it (with prompt and completion content-filter results)."""
    severity = {"filtered": False, "severity": "safe"}
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-4o-2024-05-13",
        "system_fingerprint": "fp_1",
        "prompt_filter_results": [
            {
                "prompt_index": 0,
                "content_filter_results": {
                    "hate": severity,
                    "self_harm": severity,
                    "sexual": severity,
                    "violence": severity,
                    "jailbreak": {"filtered": False, "detected": False},
                },
            }
        ],
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": text},
                "content_filter_results": {
                    "hate": severity,
                    "self_harm": severity,
                    "sexual": severity,
                    "violence": {"filtered": False, "severity": "low"},
                },
            }
        ],
        "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
    }
    body.update(extra)
    return body


@dataclass
class Reply:
    """One scripted answer: a status, headers and body; ``drop`` closes the connection without answering."""

    status: int = 200
    body: Any = field(default_factory=chat_json)
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    delay: float = 0.0


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


class ScriptedServer:
    """A loopback HTTP/1.1 server answering from a queue of ``Reply`` (then the default), recording requests."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.default = Reply()
        self.seen: list[Seen] = []
        self._release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle + delayed ACK add ~40 ms each.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                server.seen.append(Seen("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                reply = server.replies.pop(0) if server.replies else server.default
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if reply.delay:
                    server._release.wait(reply.delay)
                if isinstance(reply.body, (bytes, str)):
                    data = reply.body.encode() if isinstance(reply.body, str) else reply.body
                    content_type = "text/html"
                else:
                    data = json.dumps(reply.body).encode()
                    content_type = "application/json"
                self.send_response(reply.status)
                headers = {"content-type": content_type, **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release delayed replies."""
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A running scripted loopback server."""
    s = ScriptedServer()
    s.start()
    try:
        yield s
    finally:
        s.stop()


def chat_request(body: dict[str, Any]) -> Any:
    """``body`` as the generated chat request model (whatever the installed package names it)."""
    return operation_module("chat_completions_create").REQUEST_MODEL.from_dict(body)


@pytest.fixture
def chat_body() -> Any:
    """``chat_json``: builds a chat completion body (text, finish_reason, extra top-level fields)."""
    return chat_json


@pytest.fixture
def reply() -> type[Reply]:
    """The ``Reply`` class, to script the server's answers."""
    return Reply


# The chat loopback server (chat_loopback.py) and clients pointed at it, for the chat, stream and tool tests.


@pytest.fixture
def loop() -> Iterator[LoopbackServer]:
    server = LoopbackServer()
    yield server
    server.close()


@pytest.fixture
def client(loop: LoopbackServer) -> Iterator[AzureOpenAI]:
    with AzureOpenAI(endpoint=loop.endpoint, api_key="k", deployment="gpt", max_retries=0) as c:
        yield c


@pytest.fixture
async def aclient(loop: LoopbackServer) -> AsyncIterator[AsyncAzureOpenAI]:
    async with AsyncAzureOpenAI(endpoint=loop.endpoint, api_key="k", deployment="gpt", max_retries=0) as c:
        yield c
