"""``Emulator``: configuration, lifecycle, fault queue and request record of a local Azure OpenAI stand-in.

The HTTP side (server, request handler) is in ``_handler.py``; what it answers is in ``_chat.py``,
``_responses.py`` and ``_service_errors.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import azure_openai_rest

from .._errors import ConfigurationError
from ._chat import Replies
from ._config import Settings
from ._faults import Fault, FaultQueue
from ._handler import EmulatorServer
from ._latency import Latency
from ._quota import Quota
from ._record import RecordedRequest
from ._replay import RecordReplay
from ._service_errors import OPERATION_IDS
from ._validation import RequestValidator

__all__ = ["DEFAULT_DEPLOYMENTS", "KNOWN_API_VERSIONS", "Emulator"]

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


def _load(spec: Mapping[str, Any] | str | os.PathLike[str]) -> Mapping[str, Any]:
    """A spec given as a mapping or as the path of its JSON file."""
    if isinstance(spec, Mapping):
        return spec
    try:
        loaded = json.loads(Path(spec).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"spec={str(spec)!r}: cannot read an OpenAPI JSON document there ({exc})") from None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("paths"), dict):
        raise ConfigurationError(f"spec={str(spec)!r}: not an OpenAPI document (no 'paths' object)")
    return loaded


class Emulator:
    """A local stand-in for an Azure OpenAI resource: ``with Emulator() as emu:`` then point a client at it.

    ``emu.endpoint`` and ``emu.api_key`` configure any client; ``emu.inject(Fault...)`` queues failures;
    ``emu.requests`` records what arrived (secrets redacted). Every answer is marked as emulated.

    Options: ``api_key`` (random by default) and bearer ``tokens`` it accepts; ``deployments`` as names, a
    name -> model mapping (the model decides which operations a deployment serves) or name ->
    ``{"model": ..., "tpm": ..., "rpm": ...}`` for a quota enforced like the service's (``_config.py``);
    ``api_versions`` accepted (published ones by default); ``spec`` (a mapping or a JSON file; the packaged
    spec by default) decides which operations exist and how requests are validated; ``replies`` scripting chat
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

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        tokens: Iterable[str] = (),
        deployments: Iterable[str] | Mapping[str, str | Mapping[str, Any]] | None = None,
        api_versions: Iterable[str] | None = None,
        replies: Replies | None = None,
        embedding_dimensions: int = 1536,
        requests_per_minute: int = 1000,
        tokens_per_minute: int = 120_000,
        mode: str | None = None,
        recording: str | os.PathLike[str] | None = None,
        upstream: str | None = None,
        upstream_api_key: str | None = None,
        upstream_token: str | Callable[[], str] | None = None,
        replay_timing: bool = False,
        spec: Mapping[str, Any] | str | os.PathLike[str] | None = None,
        latency: Latency | Mapping[str, float] | None = None,
        seed: int | None = None,
        quota_window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.host = host
        self.port = port
        self.api_key = api_key if api_key is not None else "emulator-" + secrets.token_hex(16)
        self.tokens = set(tokens)
        self._spec = _load(spec) if spec is not None else None
        known = set(KNOWN_API_VERSIONS)
        if self._spec is not None and isinstance(self._spec.get("info", {}).get("version"), str):
            known.add(self._spec["info"]["version"])
        self.api_versions = set(api_versions) if api_versions is not None else known
        self.replies = replies
        self.embedding_dimensions = embedding_dimensions
        self._faults = FaultQueue()
        self._images: set[str] = set()
        self._records: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._settings = Settings(Quota(tokens_per_minute, requests_per_minute, enforced=False), seed, clock)
        self._validator: RequestValidator | None = None
        self._server: EmulatorServer | None = None
        self._thread: threading.Thread | None = None
        self._replay = RecordReplay(
            mode,
            recording=recording,
            upstream=upstream,
            upstream_api_key=upstream_api_key,
            upstream_token=upstream_token,
            timing=replay_timing,
        )
        self.configure(
            deployments=DEFAULT_DEPLOYMENTS if deployments is None else deployments,
            latency=latency if latency is not None else Latency(),
            quota_window=quota_window,
        )

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
        host = str(host)
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"  # IPv6 goes in brackets

    def start(self) -> Emulator:
        """Bind the port and serve in a background thread."""
        if self._server is not None:
            return self
        self._validator = RequestValidator(self._spec) if self._spec is not None else RequestValidator.shared()
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

    @property
    def mode(self) -> str:
        """``"emulate"`` (answers made up here), ``"record"`` (the upstream's, saved) or ``"replay"`` (the saved)."""
        return self._replay.mode

    @mode.setter
    def mode(self, mode: str) -> None:
        self._replay.switch(mode)

    @property
    def api_version(self) -> str:
        """The api-version of the spec served (the packaged one's, ``azure_openai_rest.API_VERSION``, by default)."""
        version = (self._spec or {}).get("info", {}).get("version")
        return version if isinstance(version, str) else azure_openai_rest.API_VERSION

    @property
    def operations(self) -> list[str]:
        """The operations served (path suffixes such as ``chat/completions``): those of the spec with an answer here.

        The spec is the packaged one (``azure_openai_rest.load_spec()``) unless ``spec=`` names another; an
        operation it lacks (chat in the 2022 api-versions) answers 404 like a path the service does not have.
        """
        validator = self._validator if self._validator is not None else RequestValidator.shared()
        return [operation for operation in validator.operations if operation in OPERATION_IDS]

    # ------------------------------------------------------------------ runtime configuration

    @property
    def deployments(self) -> dict[str, str]:
        """Deployment name -> model (a copy; change deployments with ``configure(deployments=...)``)."""
        return {name: deployment.model for name, deployment in self._settings.deployments.items()}

    #: What a deployment without a quota reports per minute (never enforced); live, as the quota holds them.
    requests_per_minute = property(
        lambda self: self._settings.unlimited.rpm,
        lambda self, value: setattr(self._settings.unlimited, "rpm", value),
        doc="Requests per minute a deployment without a quota reports (never enforced).",
    )
    tokens_per_minute = property(
        lambda self: self._settings.unlimited.tpm,
        lambda self, value: setattr(self._settings.unlimited, "tpm", value),
        doc="Tokens per minute a deployment without a quota reports (never enforced).",
    )

    @property
    def latency(self) -> Latency:
        """The latency in force (``Latency()``, all zero, by default)."""
        return self._settings.latency

    def config(self) -> dict[str, Any]:
        """The settings that ``configure`` changes, as JSON (what ``GET /_emulator/config`` answers)."""
        return {**self._settings.snapshot(), "mode": self.mode}

    def configure(self, **changes: Any) -> dict[str, Any]:
        """Change settings while running (``PATCH /_emulator/config`` does the same); returns the new ``config()``.

        ``deployments``: name -> model, quota mapping, or None to remove; merged into the current ones (a quota
        changed keeps the requests already counted). ``latency``: a ``Latency`` or some of its fields.
        ``seed``: restarts the latency draws. ``quota_window``: seconds. ``mode``: ``"emulate"``, ``"record"``
        or ``"replay"`` (as ``emu.mode = ...``). Unknown names or bad values raise ``ConfigurationError`` and
        change nothing.
        """
        return self._configure(changes)

    def _configure(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """``configure`` with the changes as a mapping (the admin endpoint's: any key, even ``"self"``)."""
        changes = dict(changes)
        enter_mode = self._replay.prepare(changes.pop("mode")) if "mode" in changes else None
        self._settings.update(changes)
        if enter_mode is not None:
            enter_mode()
        return self.config()

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
