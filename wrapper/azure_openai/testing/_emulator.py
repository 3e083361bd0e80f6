"""``Emulator``: a local Azure OpenAI stand-in a test starts, injects faults into and reads the requests of.

Its options and settings are in ``_state.py``; the HTTP side (server, request handler) is in ``_server.py``;
what it answers is in ``_pipeline.py`` and ``_answers.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterable

from .._errors import ConfigurationError
from ._faults import Fault
from ._record import RecordedRequest
from ._server import EmulatorServer
from ._state import EmulatorState
from ._validation import RequestValidator

__all__ = ["Emulator"]


class Emulator(EmulatorState):
    """A local stand-in for an Azure OpenAI resource: ``with Emulator() as emu:`` then point a client at it.

    ``emu.endpoint`` and ``emu.api_key`` configure any client; ``emu.inject(Fault...)`` queues failures;
    ``emu.requests`` records what arrived (secrets redacted). Every answer is marked as emulated.

    Options: ``api_key`` (random by default) and bearer ``tokens`` it accepts; ``deployments`` as names, a
    name -> model mapping (the model decides which operations a deployment serves) or name ->
    ``{"model": ..., "tpm": ..., "rpm": ...}`` for a quota enforced like the service's (``_config.py``);
    ``api_versions`` accepted (published ones by default); ``spec`` (a mapping or a JSON file; the packaged
    spec by default) decides which operations exist and checks requests at its api-version (others: against
    their own spec when one is held, ``docs/emulator.md``); ``replies`` scripting chat
    answers (last user text -> reply, or a function of the messages returning a reply or None);
    ``embedding_dimensions``; ``latency`` (a ``Latency`` or its fields as a mapping; off by default) and a
    ``seed`` for its draws; ``quota_window`` (seconds, 60 by default) over which quotas are counted; ``clock``
    (``time.monotonic``) that quotas read, for tests that move time by hand. A deployment without a quota
    reports ``requests_per_minute``/``tokens_per_minute`` in its ``x-ratelimit-remaining-*`` headers without
    enforcing them. ``emu.configure(...)`` (or ``PATCH /_emulator/config``) changes settings while it runs.

    Record/replay (``docs/recording.md``): ``mode="record"`` forwards to ``upstream`` (``AZURE_OPENAI_ENDPOINT``)
    with ``upstream_api_key`` or ``upstream_token`` (a token or a function returning one; default: the
    environment's) and saves to ``recording``; ``mode="replay"`` answers from it (paced as recorded with
    ``replay_timing=True``; the mode when ``recording`` is given alone). ``emu.mode = ...`` switches while it runs.
    """

    _server: EmulatorServer | None = None
    _thread: threading.Thread | None = None

    def __repr__(self) -> str:
        state = self.endpoint if self._server is not None else "stopped"
        return f"<Emulator {state} deployments={sorted(self.deployments)}>"

    # ------------------------------------------------------------------ lifecycle

    @property
    def endpoint(self) -> str:
        """The resource endpoint to give a client, e.g. ``http://127.0.0.1:54321`` (the server must be running)."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; use 'with Emulator() as emu:' or call start()")
        return self._server.endpoint

    def start(self) -> Emulator:
        """Bind the port and serve in a background thread."""
        if self._server is not None:
            return self
        if self._spec is not None:
            self._validator = RequestValidator(self._spec)
        self._request_validator()  # built now rather than on the first request
        try:
            self._server = EmulatorServer((self.host, self.port), self)
        except OSError as exc:  # a port in use, an address this machine does not have, a name that does not resolve
            reason = exc.strerror or str(exc)
            where = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
            raise ConfigurationError(
                f"the emulator cannot listen on {where}: {reason}; choose another port (0: any free one) or host"
            ) from None
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
        self._replay.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> Emulator:
        return self.start()

    async def __aexit__(self, *exc_info: object) -> None:
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
        return self._log.copy()

    def clear_requests(self) -> None:
        """Forget the requests received so far."""
        self._log.clear()
