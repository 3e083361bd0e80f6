"""The HTTP side of the emulator: a threaded HTTP/1.1 keep-alive server, and the handler that reads a request.

Built on the stdlib ``http.server.ThreadingHTTPServer`` (one thread per connection, keep-alive with
``protocol_version = "HTTP/1.1"``): no dependency, and full control of the bytes on the wire, which fault
injection needs (a reset, a chunked body cut short, a pause between events). The handler reads the request
(its body's framing included) and hands it on by method and path: a POST to an operation to ``_pipeline.py``,
``/_emulator/config`` to ``_admin.py``, a generated image's URL to its bytes; anything else is the service's 404.
"""

from __future__ import annotations

import contextlib
import http.server
import logging
import socket
import sys
import threading
from typing import Any
from urllib.parse import urlsplit

from . import _responses as responses
from . import _service_errors as errors
from ._admin import ADMIN_PATH, admin_answer
from ._answers import IMAGE_PATH
from ._exchange import Dropped, Exchange
from ._pipeline import answer_post
from ._state import EmulatorState

__all__ = ["EmulatorServer"]

_log = logging.getLogger("azure_openai.testing")


class _BadFraming(Exception):
    """The request's body framing (Content-Length, chunk sizes) cannot be read: a 400, then the connection closes."""


class EmulatorServer(http.server.ThreadingHTTPServer):
    """The listening socket and its connection threads; knows its emulator and which connections are open."""

    daemon_threads = True
    # socketserver's default backlog of 5 resets most of a burst of connections (200 at once: ~150 resets); a
    # load test opens hundreds at once. The kernel caps this at its own somaxconn.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], emulator: EmulatorState) -> None:
        self.emulator = emulator
        self.stopping = threading.Event()
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        if ":" in address[0]:  # an IPv6 literal such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    @property
    def endpoint(self) -> str:
        """The URL clients reach it at, e.g. ``http://127.0.0.1:54321`` (an IPv6 address in brackets)."""
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that leaves (a stream read halfway, a reset) is normal here: no traceback on stderr."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            _log.debug("emulator: connection from %s ended: %r", client_address, error)
        else:
            _log.exception("emulator: error on a connection from %s", client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    """One connection: reads each request and hands it to what answers it (each answer has its own ``Exchange``)."""

    protocol_version = "HTTP/1.1"
    # A stream is many small writes; with Nagle's algorithm each waits for the client's delayed ACK (~40 ms
    # per streamed answer on Linux). TCP_NODELAY sends each at once, as a service streaming tokens does.
    disable_nagle_algorithm = True
    server_version = "azure-openai-emulator"
    sys_version = ""
    server: EmulatorServer

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

    def _exchange(self) -> Exchange:
        """A new answer for the request just read (nothing of a keep-alive connection's last one carries over)."""
        server, emulator = self.server, self.server.emulator
        return Exchange(
            self, settings=emulator._settings, log=emulator._log, stopping=server.stopping, endpoint=server.endpoint
        )

    # ------------------------------------------------------------------ entry points

    def do_GET(self) -> None:
        exchange = self._exchange()
        path = urlsplit(self.path).path
        if path == ADMIN_PATH:
            return self._admin(exchange, b"")
        if path.startswith(IMAGE_PATH + "/") and path.endswith(".png"):
            key = path.removeprefix(IMAGE_PATH + "/").removesuffix(".png")
            if key in self.server.emulator._images:
                return exchange.send(200, responses.png(key), content_type="image/png")
        return exchange.send(404, errors.NOT_FOUND)

    def do_PATCH(self) -> None:
        if urlsplit(self.path).path != ADMIN_PATH:
            return self._not_found()
        exchange = self._exchange()
        raw = self._read_body_or_400(exchange)
        return None if raw is None else self._admin(exchange, raw)

    def _not_found(self) -> None:
        """The service's JSON 404, for a method or path it does not serve (never the stdlib's 501 page)."""
        exchange = self._exchange()
        if self._read_body_or_400(exchange) is not None:
            exchange.send(404, errors.NOT_FOUND)

    do_PUT = do_DELETE = do_OPTIONS = do_HEAD = _not_found

    def _admin(self, exchange: Exchange, raw: bytes) -> None:
        emulator, headers = self.server.emulator, self.headers
        status, body = admin_answer(emulator, self.command, headers.get("api-key"), headers.get("Authorization"), raw)
        exchange.send(status, body, service_headers=False)

    def do_POST(self) -> None:
        exchange = self._exchange()
        try:
            answer_post(self.server.emulator, exchange, self._read_body())
        except _BadFraming as exc:
            self._bad_framing(exchange, exc)
        except (Dropped, OSError):  # a fault dropped the connection, the client went away, or the emulator stopped
            self.close_connection = True
            exchange.finish_record(0)
        except Exception:
            # A bug in the emulator: say so in the log and answer 500 rather than leave the client hanging.
            _log.exception("emulator: error while answering %s", self.path.split("?")[0])
            self.close_connection = True
            if not exchange.started:  # no service headers: they read the settings, which may be what failed
                body = errors.error_body("InternalServerError", "The emulator failed; see its log.")
                with contextlib.suppress(Exception):
                    exchange.send(500, body, {"Connection": "close"}, service_headers=False)

    # ------------------------------------------------------------------ the request body

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

    def _read_body_or_400(self, exchange: Exchange) -> bytes | None:
        """The body, or None after answering a 400 for its framing."""
        try:
            return self._read_body()
        except _BadFraming as exc:
            self._bad_framing(exchange, exc)
            return None

    def _bad_framing(self, exchange: Exchange, exc: _BadFraming) -> None:
        """A 400 naming the framing problem; the connection closes, since where the next request starts is unknown."""
        self.close_connection = True
        body = {"error": errors.bad_request(f"The request could not be read: {exc}.", "invalid_request_error")}
        with contextlib.suppress(OSError):
            exchange.send(400, body, {"Connection": "close"}, service_headers=False)
