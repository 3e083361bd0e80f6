"""The emulator: a loopback HTTP/1.1 keep-alive server speaking the Azure OpenAI inference API.

It is built on the stdlib ``http.server.ThreadingHTTPServer`` (one thread per connection, keep-alive with
``protocol_version = "HTTP/1.1"``): no dependency, and full control of the bytes on the wire, which fault
injection needs (a reset, a chunked body cut short, a pause between events). Checks run in the service's
order: route, auth, api-version, deployment, body, spec validation, model support; then a queued fault, if
any; then the deterministic answer.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import logging
import secrets
import socket
import struct
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import azure_openai_rest

from . import _responses as responses
from ._faults import Fault, FaultQueue
from ._multipart import MultipartError, parse_form
from ._record import RecordedFile, RecordedRequest, redact_headers
from ._validation import RequestValidator

__all__ = ["DEFAULT_DEPLOYMENTS", "KNOWN_API_VERSIONS", "Emulator"]

_log = logging.getLogger("azure_openai.testing")

#: Deployment name -> model name of a fresh emulator.
DEFAULT_DEPLOYMENTS: Mapping[str, str] = {
    "gpt-35-turbo": "gpt-35-turbo",
    "gpt-4": "gpt-4",
    "text-embedding-ada-002": "text-embedding-ada-002",
    "dall-e-3": "dall-e-3",
    "whisper": "whisper",
}

#: Published inference api-versions (GA and preview) the emulator accepts by default; others answer 404.
KNOWN_API_VERSIONS: frozenset[str] = frozenset(
    {
        "2022-12-01",
        "2023-03-15-preview",
        "2023-05-15",
        "2023-06-01-preview",
        "2023-07-01-preview",
        "2023-08-01-preview",
        "2023-09-01-preview",
        "2023-10-01-preview",
        "2023-12-01-preview",
        "2024-02-01",
        "2024-02-15-preview",
        "2024-03-01-preview",
        "2024-04-01-preview",
        "2024-05-01-preview",
        "2024-06-01",
        "2024-07-01-preview",
        "2024-08-01-preview",
        "2024-09-01-preview",
        "2024-10-01-preview",
        "2024-10-21",
        "2024-12-01-preview",
        "2025-01-01-preview",
        "2025-02-01-preview",
        "2025-03-01-preview",
        "2025-04-01-preview",
        azure_openai_rest.API_VERSION,
    }
)

_NOT_FOUND = {"error": {"code": "404", "message": "Resource not found"}}
_DEPLOYMENT_NOT_FOUND = (
    "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, "
    "please wait a moment and try again."
)
_KEY_DENIED = (
    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an "
    "active subscription and use a correct regional API endpoint for your resource."
)
_TOKEN_DENIED = (
    "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), "
    "or have expired."
)
_PROMPT_FILTERED = (
    "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify "
    "your prompt and retry. To learn more about our content filtering policies please read our documentation: "
    "https://go.microsoft.com/fwlink/?linkid=2198766"
)
_IMAGE_FILTERED = (
    "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed "
    "by our safety system."
)
_STATUS_ERRORS = {
    400: ("BadRequest", "The request is invalid."),
    408: ("Timeout", "The operation was timeout."),
    500: ("InternalServerError", "The server had an error while processing your request. Sorry about that!"),
    502: ("BadGateway", "Bad gateway."),
    503: ("ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later."),
    504: ("GatewayTimeout", "The gateway did not receive a response from the service in time."),
}
_GATEWAY_HTML = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>"
    "\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n"
)
_OPERATION_IDS = {
    "chat/completions": "ChatCompletions_Create",
    "completions": "Completions_Create",
    "embeddings": "Embeddings_Create",
    "images/generations": "ImageGenerations_Create",
    "audio/transcriptions": "Transcriptions_Create",
    "audio/translations": "Translations_Create",
}
#: Which operations a model family serves (a model outside these families serves every operation).
_FAMILIES = {
    "gpt-35-turbo-instruct": {"completions"},
    "gpt-35-turbo": {"chat/completions", "completions"},
    "gpt-3.5-turbo": {"chat/completions", "completions"},
    "gpt-4": {"chat/completions"},
    "text-embedding": {"embeddings"},
    "dall-e": {"images/generations"},
    "whisper": {"audio/transcriptions", "audio/translations"},
}
_IMAGE_PATH = "/emulator/images"


def _supported(model: str, operation: str) -> bool:
    for prefix in sorted(_FAMILIES, key=len, reverse=True):
        if model.startswith(prefix):
            return operation in _FAMILIES[prefix]
    return True


class _Dropped(Exception):
    """The fault dropped the connection; nothing more is written."""


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    emulator: Emulator

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        self.emulator = emulator
        self.stopping = threading.Event()
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "azure-openai-emulator"
    sys_version = ""
    server: _Server
    _record: dict[str, Any] | None = None
    _started = False

    # ------------------------------------------------------------------ connection bookkeeping

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        _log.debug("emulator: " + format, *args)

    # ------------------------------------------------------------------ entry points

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith(_IMAGE_PATH + "/") and path.endswith(".png"):
            key = path.removeprefix(_IMAGE_PATH + "/").removesuffix(".png")
            if key in self.server.emulator._images:
                self._send(200, responses.png(key), "image/png")
                return
        self._send_json(404, _NOT_FOUND)

    def do_POST(self) -> None:
        self._record, self._started = None, False
        self._files: dict[str, tuple[str, str, bytes]] = {}
        try:
            self._post()
        except (_Dropped, ConnectionError):
            self.close_connection = True
            self._finish_record(0)
        except Exception:
            # A bug in the emulator: say so in the log and answer 500 rather than leave the client hanging.
            _log.exception("emulator: error while answering %s", self.path.split("?")[0])
            self.close_connection = True
            if not self._started:
                self._send_json(500, responses.error_body("InternalServerError", "The emulator failed; see its log."))

    # ------------------------------------------------------------------ the request pipeline

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _post(self) -> None:
        emu = self.server.emulator
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        raw = self._read_body()
        record: dict[str, Any] = {
            "method": "POST",
            "path": url.path,
            "query": query,
            "headers": redact_headers(dict(self.headers.items())),
        }
        self._record = record
        parts = url.path.strip("/").split("/")
        operation = "/".join(parts[3:])
        if len(parts) < 4 or parts[:2] != ["openai", "deployments"] or operation not in _OPERATION_IDS:
            return self._send_json(404, _NOT_FOUND)
        deployment = parts[2]
        record.update(deployment=deployment, operation=operation)
        if not emu._authorized(self.headers.get("api-key"), self.headers.get("Authorization")):
            bearer = (self.headers.get("Authorization") or "").lower().startswith("bearer ")
            return self._send_json(401, responses.error_body("401", _TOKEN_DENIED if bearer else _KEY_DENIED))
        if query.get("api-version") not in emu.api_versions:
            return self._send_json(404, _NOT_FOUND)
        body, problem = self._parse_body(operation, raw)
        if deployment not in emu.deployments:
            return self._send_json(404, responses.error_body("DeploymentNotFound", _DEPLOYMENT_NOT_FOUND))
        if problem is not None:
            return self._send_json(400, {"error": problem})
        model = emu.deployments[deployment]
        if not _supported(model, operation):
            noun = operation.split("/")[-1].removesuffix("s")
            message = (
                f"The {noun} operation does not work with the specified model, {model}. "
                "Please choose different model and try again. You can learn more about which models can be used "
                "with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993."
            )
            return self._send_json(400, responses.error_body("OperationNotSupported", message))
        fault = emu._faults.take(operation)
        if fault is not None:
            record["fault"] = fault.kind
            if fault.kind == "delay":
                self._pause(fault.seconds)
                fault = None
            elif self._answer_fault(fault, operation):
                return None
        self._answer(operation, deployment, model, body, fault)
        return None

    def _parse_body(self, operation: str, raw: bytes) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The body as a dict (form fields for audio) and the 400 error for it, if any."""
        content_type = self.headers.get("Content-Type", "")
        if operation.startswith("audio/"):
            try:
                fields, files = parse_form(content_type, raw)
            except MultipartError as exc:
                return {}, {
                    "code": "invalid_request_error",
                    "message": f"Invalid multipart body: {exc}.",
                    "param": None,
                    "type": "invalid_request_error",
                }
            record = self._record if self._record is not None else {}
            record["form"] = fields
            record["files"] = {
                name: RecordedFile(filename, ctype, len(data)) for name, (filename, ctype, data) in files.items()
            }
            body: dict[str, Any] = {**fields, **{name: f"<{len(f[2])} bytes>" for name, f in files.items()}}
            if "temperature" in body:
                with contextlib.suppress(ValueError):
                    body["temperature"] = float(body["temperature"])
            self._files = files
        else:
            try:
                parsed = json.loads(raw or b"null")
            except ValueError:
                message = (
                    "We could not parse the JSON body of your request. The API expects a JSON payload, but what was "
                    "sent was not valid JSON."
                )
                return {}, {"code": None, "message": message, "param": None, "type": "invalid_request_error"}
            if self._record is not None:
                self._record["json"] = parsed
            if not isinstance(parsed, dict):
                return {}, {
                    "code": "invalid_type",
                    "message": "The request body must be a JSON object.",
                    "param": None,
                    "type": "invalid_request_error",
                }
            body = parsed
        found = RequestValidator.shared().check(operation, body)
        return body, (found.to_error() if found is not None else None)

    # ------------------------------------------------------------------ answers

    def _answer_fault(self, fault: Fault, operation: str) -> bool:
        """Answer with the fault; False when the fault only shapes the normal answer (stall, cut, filter)."""
        if fault.kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            raise _Dropped
        if fault.kind == "gateway_html":
            reason = http.HTTPStatus(fault.status).phrase
            page = _GATEWAY_HTML.format(status=fault.status, reason=reason).encode()
            self._send(fault.status, page, "text/html", emulator_headers=False)
            return True
        if fault.kind == "error":
            headers: dict[str, str] = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            if fault.retry_after_ms is not None:
                headers["retry-after-ms"] = str(fault.retry_after_ms)
            if fault.status == 429:
                seconds = fault.retry_after if fault.retry_after is not None else (fault.retry_after_ms or 1000) / 1000
                version = dict(parse_qsl(urlsplit(self.path).query)).get("api-version")
                default = (
                    f"Requests to the {_OPERATION_IDS[operation]} Operation under Azure OpenAI API version {version} "
                    f"have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after "
                    f"{max(1, round(seconds))} second{'s' if round(seconds) != 1 else ''}. Please go here: "
                    "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit."
                )
                code, message = "429", default
                headers.update({"x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0"})
            else:
                code, message = _STATUS_ERRORS.get(
                    fault.status, (str(fault.status), http.HTTPStatus(fault.status).phrase)
                )
            body = responses.error_body(fault.code or code, fault.message or message)
            self._send_json(fault.status, body, headers)
            return True
        if fault.kind == "content_filter" and fault.on == "prompt":
            results = responses.severity_results(fault.categories, fault.severity)
            if operation == "images/generations":
                inner = {"code": "ResponsibleAIPolicyViolation", "content_filter_results": results}
                error = responses.error_body("content_policy_violation", _IMAGE_FILTERED, inner_error=inner)
            else:
                inner = {"code": "ResponsibleAIPolicyViolation", "content_filter_result": results}
                error = responses.error_body(
                    "content_filter", _PROMPT_FILTERED, param="prompt", type=None, status=400, innererror=inner
                )
            self._send_json(400, error)
            return True
        return False

    def _answer(self, operation: str, deployment: str, model: str, body: dict[str, Any], fault: Fault | None) -> None:
        emu = self.server.emulator
        filtered: tuple[str, ...] = ()
        severity = "high"
        if fault is not None and fault.kind == "content_filter":
            filtered, severity = fault.categories, fault.severity
        stream = bool(body.get("stream")) and operation in ("chat/completions", "completions")
        if operation == "chat/completions":
            answer = responses.chat_answer(body, deployment, emu.replies)
            if stream:
                chunks = responses.chat_chunks(body, deployment, model, answer, filtered, severity)
                return self._send_stream(chunks, fault)
            return self._send_json(
                200, responses.chat_completion(body, deployment, model, answer, filtered, severity), fault=fault
            )
        if operation == "completions":
            if stream:
                return self._send_stream(responses.completion_chunks(body, deployment, model), fault)
            return self._send_json(200, responses.completion(body, deployment, model), fault=fault)
        if operation == "embeddings":
            return self._send_json(200, responses.embeddings(body, model, emu.embedding_dimensions), fault=fault)
        if operation == "images/generations":
            answer_body, key = responses.image_generation(body, deployment, emu.endpoint + _IMAGE_PATH)
            emu._images.add(key)
            return self._send_json(200, answer_body, fault=fault)
        task = "transcribe" if operation == "audio/transcriptions" else "translate"
        filename, _, data = self._files.get("file", ("", "", b""))
        fields = {key: value for key, value in body.items() if isinstance(value, str)}
        content_type, payload = responses.audio(task, fields, filename, data)
        return self._send(200, payload, content_type, fault=fault)

    # ------------------------------------------------------------------ writing

    def _headers(self, tokens: int = 0) -> dict[str, str]:
        request_id = str(uuid.uuid4())
        remaining_requests, remaining_tokens = self.server.emulator._spend(tokens)
        return {
            "apim-request-id": request_id,
            "x-request-id": request_id,
            "x-ms-region": "Emulated",
            "x-emulator": "azure-openai-rest",
            "x-ratelimit-remaining-requests": str(remaining_requests),
            "x-ratelimit-remaining-tokens": str(remaining_tokens),
        }

    def _start(
        self, status: int, content_type: str, headers: Mapping[str, str], emulator_headers: bool, tokens: int = 0
    ) -> None:
        self._finish_record(status)
        self._started = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        base = self._headers(tokens) if emulator_headers else {"x-emulator": "azure-openai-rest"}
        for name, value in {**base, **headers}.items():
            self.send_header(name, value)

    def _send(
        self,
        status: int,
        payload: bytes,
        content_type: str,
        headers: Mapping[str, str] | None = None,
        *,
        fault: Fault | None = None,
        emulator_headers: bool = True,
        tokens: int = 0,
    ) -> None:
        self._start(status, content_type, headers or {}, emulator_headers, tokens)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if fault is not None and fault.kind == "stall":
            self.wfile.flush()
            self._pause(fault.seconds)
        if fault is not None and fault.kind == "cut_stream":
            self.wfile.write(payload[: len(payload) // 2])
            self._drop()
        self.wfile.write(payload)

    def _send_json(
        self,
        status: int,
        body: Any,
        headers: Mapping[str, str] | None = None,
        *,
        fault: Fault | None = None,
    ) -> None:
        payload = json.dumps(body).encode()
        usage = body.get("usage") if isinstance(body, dict) else None
        tokens = int(usage.get("total_tokens", 0)) if isinstance(usage, dict) else 0
        self._send(status, payload, "application/json", headers, fault=fault, tokens=tokens)

    def _send_stream(self, chunks: list[dict[str, Any]], fault: Fault | None) -> None:
        self._start(200, "text/event-stream; charset=utf-8", {"Cache-Control": "no-cache"}, True)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        events = [f"data: {json.dumps(chunk)}\n\n".encode() for chunk in chunks] + [b"data: [DONE]\n\n"]
        for count, event in enumerate(events):
            if fault is not None and count == fault.after_events:
                if fault.kind == "cut_stream":
                    self._drop()
                if fault.kind == "stall":
                    self.wfile.flush()
                    self._pause(fault.seconds)
            self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))
        self.wfile.write(b"0\r\n\r\n")

    def _pause(self, seconds: float) -> None:
        """Wait (a delay or a stall); when the emulator stops meanwhile, drop the connection instead."""
        if self.server.stopping.wait(seconds):
            self._drop()

    def _drop(self) -> None:
        """End the connection mid-body: the client sees an incomplete message."""
        self.wfile.flush()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        raise _Dropped

    def _finish_record(self, status: int) -> None:
        record, self._record = self._record, None
        if record is not None:
            self.server.emulator._append(RecordedRequest(status=status, **record))


class Emulator:
    """A local stand-in for an Azure OpenAI resource: ``with Emulator() as emu:`` then point a client at it.

    ``emu.endpoint`` and ``emu.api_key`` configure any client; ``emu.inject(Fault...)`` queues failures;
    ``emu.requests`` records what arrived (secrets redacted). Every answer is marked as emulated.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        tokens: Iterable[str] = (),
        deployments: Iterable[str] | Mapping[str, str] | None = None,
        api_versions: Iterable[str] | None = None,
        replies: responses.Replies | None = None,
        embedding_dimensions: int = 1536,
        requests_per_minute: int = 1000,
        tokens_per_minute: int = 120_000,
    ) -> None:
        self.host = host
        self.port = port
        self.api_key = api_key if api_key is not None else "emulator-" + secrets.token_hex(16)
        self.tokens = set(tokens)
        if deployments is None:
            deployments = DEFAULT_DEPLOYMENTS
        self.deployments: dict[str, str] = (
            dict(deployments) if isinstance(deployments, Mapping) else {name: name for name in deployments}
        )
        self.api_versions = set(api_versions) if api_versions is not None else set(KNOWN_API_VERSIONS)
        self.replies = replies
        self.embedding_dimensions = embedding_dimensions
        self.requests_per_minute = requests_per_minute
        self.tokens_per_minute = tokens_per_minute
        self._faults = FaultQueue()
        self._images: set[str] = set()
        self._records: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._window = (0.0, 0, 0)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        state = self.endpoint if self._server is not None else "stopped"
        return f"<Emulator {state} deployments={sorted(self.deployments)}>"

    # ------------------------------------------------------------------ lifecycle

    @property
    def endpoint(self) -> str:
        """The resource endpoint to give a client, e.g. ``http://127.0.0.1:54321`` (the server must be running)."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; use 'with Emulator() as emu:' or call start()")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Emulator:
        """Bind the port and serve in a background thread."""
        if self._server is not None:
            return self
        RequestValidator.shared()
        self._server = _Server((self.host, self.port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="azure-openai-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and drop every open connection (a stalled response ends at once)."""
        server, self._server = self._server, None
        if server is None:
            return
        server.stopping.set()
        server.shutdown()
        with server.connections_lock:
            for connection in list(server.connections):
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> Emulator:
        return self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        import asyncio

        await asyncio.to_thread(self.stop)

    # ------------------------------------------------------------------ faults

    def inject(self, fault: Fault, times: int = 1, *, operation: str | None = None) -> None:
        """Queue ``fault`` for the next ``times`` requests (to ``operation``, e.g. ``"embeddings"``, if given)."""
        self._faults.add(fault, times, operation)

    def fail_next(
        self,
        n: int = 1,
        status: int = 429,
        *,
        retry_after: float | None = None,
        retry_after_ms: int | None = None,
    ) -> None:
        """The next ``n`` requests answer ``status`` in the service's error shape (with the retry headers given)."""
        self.inject(Fault.error(status, retry_after=retry_after, retry_after_ms=retry_after_ms), n)

    def gateway_html_next(self, n: int = 1, status: int = 502) -> None:
        """The next ``n`` requests answer the gateway's HTML error page."""
        self.inject(Fault.gateway_html(status), n)

    def content_filter_next(self, n: int = 1, categories: Iterable[str] = ("hate",), *, severity: str = "high") -> None:
        """The next ``n`` requests are refused by the prompt content filter (400, live error shape)."""
        self.inject(Fault.content_filter(categories, severity=severity), n)

    @property
    def pending_faults(self) -> int:
        """How many fault hits are still queued."""
        return self._faults.pending()

    def clear_faults(self) -> None:
        """Drop every queued fault."""
        self._faults.clear()

    # ------------------------------------------------------------------ the request record

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._records)

    def clear_requests(self) -> None:
        """Forget the requests received so far."""
        with self._lock:
            self._records.clear()

    def _append(self, record: RecordedRequest) -> None:
        with self._lock:
            self._records.append(record)

    # ------------------------------------------------------------------ internals used by the handler

    def _authorized(self, api_key: str | None, authorization: str | None) -> bool:
        if api_key is not None and secrets.compare_digest(api_key.encode(), self.api_key.encode()):
            return True
        scheme, _, token = (authorization or "").partition(" ")
        return scheme.lower() == "bearer" and any(
            secrets.compare_digest(token.encode(), t.encode()) for t in self.tokens
        )

    def _spend(self, tokens: int) -> tuple[int, int]:
        """Count one request (and ``tokens``) in the current minute; what remains of it."""
        with self._lock:
            started, used_requests, used_tokens = self._window
            now = time.monotonic()
            if now - started >= 60:
                started, used_requests, used_tokens = now, 0, 0
            used_requests, used_tokens = used_requests + 1, used_tokens + tokens
            self._window = (started, used_requests, used_tokens)
        return max(self.requests_per_minute - used_requests, 0), max(self.tokens_per_minute - used_tokens, 0)
