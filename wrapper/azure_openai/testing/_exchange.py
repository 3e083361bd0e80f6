"""``Exchange``: one request's answer on its connection, the bytes as they go out, and the request's record.

Every answer goes through it: the emulated ones (``_pipeline.py``, ``_answers.py``), the recorded and replayed
ones (``_replay.py``) and the admin endpoint's. It writes the head (``Content-Length`` or chunked), the body or
the chunks, pauses (a latency, a stall) and drops the connection mid-answer (a fault, the emulator stopping);
writing the status completes the request's entry in ``Emulator.requests``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import json
import socket
import threading
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from ._record import RecordedRequest, RequestLog

if TYPE_CHECKING:
    from ._config import Settings
    from ._faults import Fault
    from ._quota import Admission

__all__ = ["EMULATOR_HEADER", "Dropped", "Exchange"]

#: The header that marks every answer as emulated (a client or a log can always tell).
EMULATOR_HEADER = ("x-emulator", "azure-openai-rest")


class Dropped(Exception):
    """The connection was ended mid-answer (a fault, a recorded answer that ended early, the emulator stopping)."""


@dataclasses.dataclass(eq=False)
class Exchange:
    """One request and its answer: write the head, then the body or its chunks; pause; drop the connection."""

    handler: http.server.BaseHTTPRequestHandler
    #: The emulator's settings, for the quota left that every answer reports.
    settings: Settings
    #: Where the request goes, with the status of its answer (``Emulator.requests``).
    log: RequestLog
    #: Set when the emulator stops: a pause ends at once, with the connection.
    stopping: threading.Event
    #: The emulator's endpoint, for the URLs an answer holds (a generated image's).
    endpoint: str
    #: The request as ``Emulator.requests`` will show it, once the answer's status is known (None: not kept).
    record: dict[str, Any] | None = None
    #: The quota's count for this request once admitted (its ``x-ratelimit-remaining-*`` headers).
    admission: Admission | None = None
    #: Whether the head went out: after it, a failure can only end the connection.
    started: bool = False

    # ------------------------------------------------------------------ the head

    def head(self, status: int, headers: Mapping[str, str], *, length: int | None) -> None:
        """The status line and ``headers``, then ``Content-Length: length`` or, for None, a chunked body."""
        self.finish_record(status)
        self.started = True
        handler = self.handler
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        if length is None:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(length))
        handler.end_headers()

    def service_headers(self) -> dict[str, str]:
        """The headers the service puts on an answer: request ids, region, and what the quota has left."""
        request_id = str(uuid.uuid4())
        if self.admission is not None:
            remaining_requests, remaining_tokens = self.admission.remaining_requests, self.admission.remaining_tokens
        else:  # answered before the quota counted it (an error): what is left, unchanged
            deployment = self.record.get("deployment") if self.record is not None else None
            remaining_requests, remaining_tokens = self.settings.remaining(deployment)
        return {
            "apim-request-id": request_id,
            "x-request-id": request_id,
            "x-ms-region": "Emulated",
            EMULATOR_HEADER[0]: EMULATOR_HEADER[1],
            "x-ratelimit-remaining-requests": str(remaining_requests),
            "x-ratelimit-remaining-tokens": str(remaining_tokens),
        }

    # ------------------------------------------------------------------ the body

    def send(
        self,
        status: int,
        body: object,
        headers: Mapping[str, str] | None = None,
        *,
        content_type: str = "application/json",
        fault: Fault | None = None,
        service_headers: bool = True,
    ) -> None:
        """A whole answer: ``body`` as JSON, or bytes of ``content_type``.

        ``service_headers=False`` for an answer the service's code never reached (a bad request framing, the
        gateway's page, an emulator failure); a ``stall`` or ``cut_stream`` fault shapes the body.
        """
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        base = self.service_headers() if service_headers else dict([EMULATOR_HEADER])
        self.head(status, {"Content-Type": content_type, **base, **(headers or {})}, length=len(payload))
        if self.handler.command == "HEAD":
            return
        if fault is not None and fault.kind == "stall":
            self.flush()
            self.pause(fault.seconds)
        if fault is not None and fault.kind == "cut_stream":
            self.write(payload[: len(payload) // 2])
            self.drop()
        self.write(payload)

    def write(self, data: bytes) -> None:
        """Body bytes, after ``head``."""
        self.handler.wfile.write(data)

    def chunk(self, data: bytes) -> None:
        """One chunk of a chunked body (an empty one is skipped: it would end the body)."""
        if data:
            self.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_chunks(self) -> None:
        """The end of a chunked body."""
        self.write(b"0\r\n\r\n")

    def flush(self) -> None:
        """Send what is written so far (before a pause, or for a stream passed through as it arrives)."""
        self.handler.wfile.flush()

    # ------------------------------------------------------------------ time and failure

    def pause(self, seconds: float) -> None:
        """Wait (a latency, a delay, a stall); when the emulator stops meanwhile, drop the connection instead."""
        if seconds > 0 and self.stopping.wait(seconds):
            self.drop()

    def drop(self) -> NoReturn:
        """End the connection mid-answer: the client sees an incomplete message."""
        self.flush()
        with contextlib.suppress(OSError):
            self.handler.connection.shutdown(socket.SHUT_RDWR)
        raise Dropped

    def finish_record(self, status: int) -> None:
        """Add the request to the emulator's record with the status it got (0: the connection was dropped)."""
        record, self.record = self.record, None
        if record is not None:
            self.log.append(RecordedRequest(status=status, **record))
