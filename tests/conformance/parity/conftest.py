"""The recording server of the wire parity tests.

It answers every request with a fixed, plausible response of the right shape and keeps what it received (method,
path, query, headers, body), so that requests made by the official ``openai`` SDK and by this package can be
compared field by field.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, tuple[str | None, bytes]]:
        """A multipart body as field name -> (filename, content)."""
        content_type = self.headers["content-type"]
        assert content_type.startswith("multipart/form-data"), content_type
        raw = b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + self.body
        message = BytesParser(policy=HTTP).parsebytes(raw)
        fields: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            assert isinstance(name, str)
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            fields[name] = (part.get_filename(), payload)
        return fields


CHAT_RESPONSE = {
    "id": "chatcmpl-recorded",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-35-turbo",
    "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {}}],
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "Recorded."},
            "content_filter_results": {},
        }
    ],
    "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
}
CHAT_STREAM_CHUNKS = [
    {"id": "", "object": "", "created": 0, "model": "", "prompt_filter_results": [], "choices": []},
    {
        "id": "chatcmpl-recorded",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-35-turbo",
        "choices": [{"index": 0, "finish_reason": None, "delta": {"role": "assistant", "content": "Recorded."}}],
    },
    {
        "id": "chatcmpl-recorded",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-35-turbo",
        "choices": [{"index": 0, "finish_reason": "stop", "delta": {}}],
    },
]
COMPLETIONS_RESPONSE = {
    "id": "cmpl-recorded",
    "object": "text_completion",
    "created": 1700000000,
    "model": "gpt-35-turbo-instruct",
    "choices": [{"index": 0, "text": "Recorded.", "finish_reason": "stop", "logprobs": None}],
    "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
}
EMBEDDINGS_RESPONSE = {
    "object": "list",
    "model": "text-embedding-ada-002",
    "usage": {"prompt_tokens": 2, "total_tokens": 2},
}
IMAGES_RESPONSE = {"created": 1700000000, "data": [{"url": "https://example.invalid/image.png", "revised_prompt": "x"}]}
AUDIO_RESPONSE = {"text": "Recorded."}


def canned_response(path: str, body: bytes) -> tuple[str, bytes]:
    """(content type, body) of a plausible answer for the operation at ``path``."""
    if path.endswith("/chat/completions"):
        try:
            stream = bool(json.loads(body).get("stream"))
        except ValueError:
            stream = False
        if stream:
            events = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in CHAT_STREAM_CHUNKS) + "data: [DONE]\n\n"
            return "text/event-stream", events.encode()
        return "application/json", json.dumps(CHAT_RESPONSE).encode()
    if path.endswith("/embeddings"):
        try:
            inputs = json.loads(body).get("input")
        except ValueError:
            inputs = None
        count = len(inputs) if isinstance(inputs, list) else 1
        data = [{"object": "embedding", "index": i, "embedding": [0.25, -0.5, i / 8]} for i in range(count)]
        return "application/json", json.dumps({**EMBEDDINGS_RESPONSE, "data": data}).encode()
    for suffix, response in (
        ("/completions", COMPLETIONS_RESPONSE),
        ("/images/generations", IMAGES_RESPONSE),
        ("/audio/transcriptions", AUDIO_RESPONSE),
        ("/audio/translations", AUDIO_RESPONSE),
    ):
        if path.endswith(suffix):
            return "application/json", json.dumps(response).encode()
    return "application/json", json.dumps({"error": {"code": "404", "message": "Resource not found"}}).encode()


@dataclass
class RecordingServer:
    endpoint: str
    requests: list[RecordedRequest] = field(default_factory=list)

    def take(self) -> RecordedRequest:
        """The one request received since the last call (and forget it)."""
        assert len(self.requests) == 1, [f"{r.method} {r.path}" for r in self.requests]
        return self.requests.pop()


@pytest.fixture
def recorder() -> Iterator[RecordingServer]:
    """A loopback HTTP server that records every request and answers it with a fixed response of the right shape."""
    received: list[RecordedRequest] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            url = urlsplit(self.path)
            received.append(RecordedRequest("POST", url.path, parse_qs(url.query), self.headers, body))
            content_type, answer = canned_response(url.path, body)
            self.send_response(200)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(answer)))
            self.send_header("apim-request-id", "00000000-0000-0000-0000-000000000000")
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield RecordingServer(endpoint=f"http://127.0.0.1:{server.server_address[1]}", requests=received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
