"""The HTTP side of the emulator: a threaded HTTP/1.1 keep-alive server and the handler that answers a request.

Built on the stdlib ``http.server.ThreadingHTTPServer`` (one thread per connection, keep-alive with
``protocol_version = "HTTP/1.1"``): no dependency, and full control of the bytes on the wire, which fault
injection needs (a reset, a chunked body cut short, a pause between events). Checks run in the service's
order: route, auth, api-version, deployment, body, spec validation, model support; then the deployment's
quota (a 429 past it); then a queued fault, if any; then the deterministic answer, paced by the latency set.
``/_emulator/config`` (``_admin.py``) reads and changes the settings.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import logging
import math
import socket
import struct
import sys
import threading
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import _responses as responses
from . import _service_errors as errors
from ._admin import ADMIN_PATH, admin_answer
from ._chat import chat_chunks, chat_completion
from ._costs import Plan, plan_answer
from ._faults import Fault
from ._multipart import MultipartError, parse_form
from ._record import RecordedFile, RecordedRequest, redact_headers
from ._shapes import digest, severity_results, tokens
from ._validation import RequestValidator

if TYPE_CHECKING:
    from ._quota import Admission
    from ._server import Emulator

__all__ = ["IMAGE_PATH", "EmulatorServer"]

_log = logging.getLogger("azure_openai.testing")

#: Where generated images are served (their ``url``), like a blob SAS URL: no key needed.
IMAGE_PATH = "/emulator/images"


def _event_tokens(chunk: Mapping[str, Any]) -> int:
    """The tokens a streamed chunk delivers (content, tool or function arguments, completion text), as usage counts."""
    found = 0
    for choice in chunk.get("choices") or []:
        delta = choice.get("delta") or {}
        texts = [delta.get("content"), choice.get("text"), (delta.get("function_call") or {}).get("arguments")]
        texts += [(call.get("function") or {}).get("arguments") for call in delta.get("tool_calls") or []]
        found += sum(tokens(text) for text in texts if isinstance(text, str))
    return found


class _Dropped(Exception):
    """The fault dropped the connection; nothing more is written."""


class _BadFraming(Exception):
    """The request's body framing (Content-Length, chunk sizes) cannot be read: a 400, then the connection closes."""


#: Integer parameters a client may send as a whole float (``2.0``): JSON Schema calls that an integer, so it passes
#: validation, and the answer is then built with ``int`` semantics (``range(n)``, truncation at ``max_tokens``).
_INTEGER_PARAMETERS = ("n", "best_of", "max_tokens", "max_completion_tokens", "logprobs", "top_logprobs", "dimensions")


class EmulatorServer(http.server.ThreadingHTTPServer):
    """The listening socket and its connection threads; knows its emulator and which connections are open."""

    daemon_threads = True
    # socketserver's default backlog of 5 resets most of a burst of connections (200 at once: ~150 resets); a
    # load test opens hundreds at once. The kernel caps this at its own somaxconn.
    request_queue_size = 1024
    emulator: Emulator

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        self.emulator = emulator
        self.stopping = threading.Event()
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        if ":" in address[0]:  # an IPv6 literal such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that leaves (a stream read halfway, a reset) is normal here: no traceback on stderr."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            _log.debug("emulator: connection from %s ended: %r", client_address, error)
        else:
            _log.exception("emulator: error on a connection from %s", client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    """One connection: reads requests and answers each like the service (or with the queued fault)."""

    protocol_version = "HTTP/1.1"
    # A stream is many small writes; with Nagle's algorithm each waits for the client's delayed ACK (~40 ms
    # per streamed answer on Linux). TCP_NODELAY sends each at once, as a service streaming tokens does.
    disable_nagle_algorithm = True
    server_version = "azure-openai-emulator"
    sys_version = ""
    server: EmulatorServer
    _record: dict[str, Any] | None = None
    _started = False
    _admission: Admission | None = None

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
        self._record, self._admission = None, None  # a keep-alive connection's last POST is not this request
        path = urlsplit(self.path).path
        if path == ADMIN_PATH:
            return self._admin("GET")
        if path.startswith(IMAGE_PATH + "/") and path.endswith(".png"):
            key = path.removeprefix(IMAGE_PATH + "/").removesuffix(".png")
            if key in self.server.emulator._images:
                self._send(200, responses.png(key), "image/png")
                return
        self._send_json(404, errors.NOT_FOUND)
        return None

    def do_PATCH(self) -> None:
        if urlsplit(self.path).path == ADMIN_PATH:
            return self._admin("PATCH")
        return self._not_found()

    def _not_found(self) -> None:
        """The service's JSON 404, for a method or path it does not serve (never the stdlib's 501 page)."""
        self._record, self._admission = None, None  # a keep-alive connection's last POST is not this request
        if self._read_body_or_400() is not None:
            self._send_json(404, errors.NOT_FOUND)

    do_PUT = do_DELETE = do_OPTIONS = do_HEAD = _not_found

    def _admin(self, method: str) -> None:
        raw = self._read_body_or_400() if method == "PATCH" else b""
        if raw is None:
            return
        emu = self.server.emulator
        status, body = admin_answer(emu, method, self.headers.get("api-key"), self.headers.get("Authorization"), raw)
        self._send(status, json.dumps(body).encode(), "application/json", emulator_headers=False)

    def do_POST(self) -> None:
        self._record, self._started, self._admission = None, False, None
        self._files: dict[str, tuple[str, str, bytes]] = {}
        try:
            self._post()
        except _BadFraming as exc:
            self._bad_framing(exc)
        except (_Dropped, OSError):  # a fault dropped the connection, the client went away, or the emulator stopped
            self.close_connection = True
            self._finish_record(0)
        except Exception:
            # A bug in the emulator: say so in the log and answer 500 rather than leave the client hanging.
            _log.exception("emulator: error while answering %s", self.path.split("?")[0])
            self.close_connection = True
            if not self._started:  # no emulator headers: they read the settings, which may be what failed
                payload = json.dumps(errors.error_body("InternalServerError", "The emulator failed; see its log."))
                with contextlib.suppress(Exception):
                    self._send(
                        500, payload.encode(), "application/json", {"Connection": "close"}, emulator_headers=False
                    )

    # ------------------------------------------------------------------ the request pipeline

    def _read_body(self) -> bytes:
        """The request's body; ``_BadFraming`` when its length cannot be read (nothing after it can be trusted)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                line = self.rfile.readline(1024).split(b";")[0].strip() or b"0"
                try:
                    size = int(line, 16)
                except ValueError:
                    raise _BadFraming(f"invalid chunk size {line[:40]!r}") from None
                if size < 0:
                    raise _BadFraming(f"invalid chunk size {line[:40]!r}")
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        text = (self.headers.get("Content-Length") or "0").strip()
        if not text.isdigit():  # int() would take "-1", " +5" or "1_0"
            raise _BadFraming(f"invalid Content-Length {text[:40]!r}")
        length = int(text)
        return self.rfile.read(length) if length else b""

    def _read_body_or_400(self) -> bytes | None:
        """The body, or None after answering a 400 for its framing."""
        try:
            return self._read_body()
        except _BadFraming as exc:
            self._bad_framing(exc)
            return None

    def _bad_framing(self, exc: _BadFraming) -> None:
        """A 400 naming the framing problem; the connection closes, since where the next request starts is unknown."""
        self.close_connection = True
        body = {"error": errors.bad_request(f"The request could not be read: {exc}.", "invalid_request_error")}
        with contextlib.suppress(OSError):
            self._send(
                400, json.dumps(body).encode(), "application/json", {"Connection": "close"}, emulator_headers=False
            )

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
        if len(parts) < 4 or parts[:2] != ["openai", "deployments"] or operation not in emu.operations:
            return self._send_json(404, errors.NOT_FOUND)
        deployment = unquote(parts[2])
        record.update(deployment=deployment, operation=operation)
        body, problem = self._parse_body(operation, raw)  # parsed first so that the record has it, answered later
        if not emu._authorized(self.headers.get("api-key"), self.headers.get("Authorization")):
            bearer = (self.headers.get("Authorization") or "").lower().startswith("bearer ")
            return self._send_json(401, errors.unauthorized(bearer))
        if emu._replay.answer(self, operation, deployment, raw):  # record/replay: the upstream's or a recorded one
            return None
        if query.get("api-version") not in emu.api_versions:
            return self._send_json(404, errors.NOT_FOUND)
        configured = emu._settings.deployments.get(deployment)  # one read: configure() may change it meanwhile
        if configured is None:
            return self._send_json(404, errors.deployment_not_found())
        if problem is not None:
            return self._send_json(400, {"error": problem})
        model = configured.model
        if not errors.supports(model, operation):
            return self._send_json(400, errors.operation_not_supported(model, operation))
        if operation == "embeddings" and (refused := errors.dimensions_problem(model, body)) is not None:
            return self._send_json(400, {"error": refused})
        plan = plan_answer(operation, deployment, model, body, emu.replies)
        admission = emu._settings.admit(deployment, plan.cost)
        self._admission = admission
        if not admission.admitted:
            return self._send_json(
                429,
                errors.rate_limited(operation, query.get("api-version"), admission.retry_after, admission.exceeded),
                {
                    "retry-after-ms": str(math.ceil(admission.retry_after * 1000)),
                    "Retry-After": str(math.ceil(admission.retry_after)),
                },
            )
        fault = emu._faults.take(operation)
        if fault is not None:
            record["fault"] = fault.kind
            if fault.kind == "delay":
                self._pause(fault.seconds)
                fault = None
            elif self._answer_fault(fault, operation):
                return None
        self._answer(operation, deployment, model, body, fault, plan)
        return None

    def _parse_body(self, operation: str, raw: bytes) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The body as a dict (form fields for audio) and the 400 error for it, if any."""
        content_type = self.headers.get("Content-Type", "")
        if operation.startswith("audio/"):
            try:
                fields, files = parse_form(content_type, raw)
            except MultipartError as exc:
                return {}, errors.bad_request(f"Invalid multipart body: {exc}.", "invalid_request_error")
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
            except (ValueError, RecursionError):  # RecursionError: nested too deeply for the parser
                message = (
                    "We could not parse the JSON body of your request. The API expects a JSON payload, but what was "
                    "sent was not valid JSON."
                )
                return {}, errors.bad_request(message)
            if self._record is not None:
                self._record["json"] = parsed
            if not isinstance(parsed, dict):
                return {}, errors.bad_request("The request body must be a JSON object.", "invalid_type")
            body = parsed
        validator = self.server.emulator._validator or RequestValidator.shared()
        found = validator.check(operation, body)
        if found is not None:
            return body, found.to_error()
        for name in _INTEGER_PARAMETERS:
            value = body.get(name)
            if isinstance(value, float) and value.is_integer():
                body = {**body, name: int(value)}  # a copy: the record keeps what the client sent
        return body, None

    # ------------------------------------------------------------------ answers

    def _answer_fault(self, fault: Fault, operation: str) -> bool:
        """Answer with the fault; False when the fault only shapes the normal answer (stall, cut, filter)."""
        if fault.kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            raise _Dropped
        if fault.kind == "gateway_html":
            self._send(fault.status, errors.gateway_page(fault.status), "text/html", emulator_headers=False)
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
                body = errors.rate_limited(operation, version, seconds)
                headers.update({"x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0"})
            else:
                body = errors.error_body(*errors.status_error(fault.status))
            if fault.code is not None or fault.message is not None:
                error = body["error"]
                error.update(code=fault.code or error["code"], message=fault.message or error["message"])
            self._send_json(fault.status, body, headers)
            return True
        if fault.kind == "content_filter" and fault.on == "prompt":
            results = severity_results(fault.categories, fault.severity)
            self._send_json(400, errors.prompt_filtered(operation, results))
            return True
        return False

    def _answer(
        self, operation: str, deployment: str, model: str, body: dict[str, Any], fault: Fault | None, plan: Plan
    ) -> None:
        emu = self.server.emulator
        latency, pacer = emu._settings.latency, emu._settings.pacer
        filtered: tuple[str, ...] = ()
        severity = "high"
        if fault is not None and fault.kind == "content_filter":
            filtered, severity = fault.categories, fault.severity
        stream = bool(body.get("stream")) and operation in ("chat/completions", "completions")
        draws = pacer.request(digest(deployment, operation, body))  # its own draws: arrival order does not matter
        first = draws.draw(latency.first_token_ms, latency.spread)
        per_token = draws.draw(latency.per_token_ms, latency.spread)
        if operation in ("chat/completions", "completions") and not stream:
            self._pause(first + per_token * plan.completion_tokens)  # the whole answer comes after the total
        if operation == "chat/completions" and plan.answer is not None:
            if stream:
                chunks = chat_chunks(body, deployment, model, plan.answer, filtered, severity)
                return self._send_stream(chunks, fault, (first, per_token))
            return self._send_json(
                200, chat_completion(body, deployment, model, plan.answer, filtered, severity), fault=fault
            )
        if operation == "completions" and plan.whole is not None:
            if stream:
                chunks = responses.completion_chunks(body, deployment, model, plan.whole)
                return self._send_stream(chunks, fault, (first, per_token))
            return self._send_json(200, plan.whole, fault=fault)
        if operation == "embeddings":
            self._pause(draws.draw(latency.embeddings_ms, latency.spread))
            return self._send_json(200, responses.embeddings(body, model, emu.embedding_dimensions), fault=fault)
        if operation == "images/generations":
            answer_body, key = responses.image_generation(body, deployment, emu.endpoint + IMAGE_PATH)
            emu._images.add(key)
            return self._send_json(200, answer_body, fault=fault)
        task = "transcribe" if operation == "audio/transcriptions" else "translate"
        filename, _, data = self._files.get("file", ("", "", b""))
        fields = {key: value for key, value in body.items() if isinstance(value, str)}
        content_type, payload = responses.audio(task, fields, filename, data)
        return self._send(200, payload, content_type, fault=fault)

    # ------------------------------------------------------------------ writing

    def _headers(self) -> dict[str, str]:
        request_id = str(uuid.uuid4())
        if self._admission is not None:
            remaining_requests, remaining_tokens = self._admission.remaining_requests, self._admission.remaining_tokens
        else:  # answered before the quota counted it (an error): what is left, unchanged
            deployment = self._record.get("deployment") if self._record is not None else None
            remaining_requests, remaining_tokens = self.server.emulator._settings.remaining(deployment)
        return {
            "apim-request-id": request_id,
            "x-request-id": request_id,
            "x-ms-region": "Emulated",
            "x-emulator": "azure-openai-rest",
            "x-ratelimit-remaining-requests": str(remaining_requests),
            "x-ratelimit-remaining-tokens": str(remaining_tokens),
        }

    def _start(self, status: int, content_type: str, headers: Mapping[str, str], emulator_headers: bool) -> None:
        base = self._headers() if emulator_headers else {"x-emulator": "azure-openai-rest"}
        self._finish_record(status)
        self._started = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
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
    ) -> None:
        self._start(status, content_type, headers or {}, emulator_headers)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command == "HEAD":
            return
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
        self._send(status, payload, "application/json", headers, fault=fault)

    def _send_stream(
        self, chunks: list[dict[str, Any]], fault: Fault | None, pace: tuple[float, float] = (0.0, 0.0)
    ) -> None:
        """Stream ``chunks`` as events; ``pace`` is (time to first token, time per later event) in seconds."""
        first, per_token = pace
        if first:
            self._pause(first)
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
            spoken = _event_tokens(chunks[count]) if count < len(chunks) else 0
            if per_token and spoken:  # only what the model writes takes time: as many tokens as the event holds
                self.wfile.flush()
                self._pause(per_token * spoken)
            self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))
        self.wfile.write(b"0\r\n\r\n")

    def _pause(self, seconds: float) -> None:
        """Wait (a delay or a stall); when the emulator stops meanwhile, drop the connection instead."""
        if seconds <= 0:
            return
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
