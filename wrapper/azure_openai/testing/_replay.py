"""The emulator's record and replay modes: forward to the real service and save, or answer from a recording.

``mode="record"`` forwards each request to the upstream resource (``AZURE_OPENAI_ENDPOINT`` and its key or
token by default) with httpx, passes the answer through as it arrives (a stream event by event) and adds it
to the recording, credentials scrubbed. ``mode="replay"`` answers from the recording, never made up: a request
it does not hold gets a 404 naming the closest recorded request. The file format is in ``_recording.py``.
"""

from __future__ import annotations

import inspect
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from .._config import ENV_AD_TOKEN, ENV_API_KEY, ENV_ENDPOINT, ClientConfig, _auth_from, normalize_endpoint
from .._errors import APIConnectionError, ConfigurationError, CredentialError
from .._transport.auth import AzureAuth
from .._transport.http import install_policy, new_http_client
from .._transport.retry import RetryPolicy
from ._exchange import EMULATOR_HEADER, Exchange
from ._record import REDACTED
from ._recording import Interaction, Recording, answer_body, request_body
from ._scrub import scrub_headers, scrub_query, secret_looking
from ._service_errors import error_body

__all__ = ["MODES", "RecordReplay", "Upstream", "resolve_upstream"]

_log = logging.getLogger("azure_openai.testing")

#: ``emulate``: answers made up by the emulator; ``record``: the upstream's, saved; ``replay``: the saved ones.
MODES = ("emulate", "record", "replay")

#: Request headers never forwarded: the emulator's own credential, and what httpx writes itself.
_NOT_FORWARDED = frozenset({"api-key", "authorization", "host", "content-length", "accept-encoding", "connection"})

_NO_RETRIES = RetryPolicy(max_retries=0)

#: Answer headers a replay writes afresh, as every real answer has its own.
_REQUEST_ID_HEADERS = ("apim-request-id", "x-request-id")

#: Recorded headers left out of a replay: the emulator writes its own marks.
_OURS = frozenset({"x-emulator", "x-emulator-mode"})


class Upstream:
    """Where record mode forwards to: the resource URL and an httpx client carrying its credential."""

    def __init__(self, endpoint: str, auth: AzureAuth, secrets: tuple[str, ...]) -> None:
        self.endpoint = endpoint
        self.auth = auth
        self.secrets = secrets
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()  # concurrent first requests share one client, none is left unclosed

    def __repr__(self) -> str:
        return f"<upstream {self.endpoint} {self.auth!r}>"

    @property
    def client(self) -> httpx.Client:
        """One pooled client (made on first use again after ``close``)."""
        with self._lock:
            if self._client is None:
                # Built as the wrapper builds its own (environment proxies and certificates honoured; the
                # credential put on for the upstream's origin only), but without retries: a recording keeps
                # what the service answered, 429s and 5xx included. (No api_version: each request carries its own.)
                config = ClientConfig(endpoint=self.endpoint, auth=self.auth, api_version="", retry=_NO_RETRIES)
                self._client = new_http_client()
                install_policy(self._client, config, owned=True)
            return self._client

    def url(self, target: str) -> httpx.URL:
        """The upstream URL for a request's target: its path and query on the upstream's origin.

        Only the path and query are taken, so an absolute-form target (``POST http://elsewhere/openai/...``)
        still goes to the upstream, never to the host it names.
        """
        parts = urlsplit(target)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return httpx.URL(self.endpoint).copy_with(raw_path=path.encode("latin-1"))

    def close(self) -> None:
        """Close the pooled connections."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()


def resolve_upstream(upstream: str | None, api_key: str | None, token: str | Callable[[], str] | None) -> Upstream:
    """The upstream from the arguments, else ``AZURE_OPENAI_ENDPOINT`` and its credential; checked."""
    environ = os.environ
    if upstream is None and not environ.get(ENV_ENDPOINT, "").strip():
        raise ConfigurationError(
            "record mode needs the real endpoint to forward to: pass upstream='https://NAME.openai.azure.com' "
            f"or set {ENV_ENDPOINT}"
        )
    endpoint = normalize_endpoint(
        upstream if upstream is not None else environ[ENV_ENDPOINT], env=None if upstream is not None else ENV_ENDPOINT
    )
    static_token = token if isinstance(token, str) else None
    provider = token if callable(token) else None
    if provider is not None and (
        inspect.iscoroutinefunction(provider) or inspect.iscoroutinefunction(type(provider).__call__)
    ):
        raise ConfigurationError(
            "upstream_token is an async function, but the emulator forwards from its own threads and calls it "
            "synchronously: pass a sync function, e.g. azure.identity's (sync) get_bearer_token_provider"
        )
    try:
        auth, _ = _auth_from(api_key, static_token, provider, {} if api_key or token else environ)
    except ConfigurationError as exc:
        raise ConfigurationError(
            f"record mode needs the upstream's credential: {exc} (the Emulator's arguments are upstream_api_key= "
            "and upstream_token=)"
        ) from None
    auth.bind(httpx.URL(endpoint))
    known = (api_key, static_token, environ.get(ENV_API_KEY), environ.get(ENV_AD_TOKEN))
    return Upstream(endpoint, auth, tuple(value.strip() for value in known if value and value.strip()))


class RecordReplay:
    """The mode of one emulator and what it needs: the recording file, the upstream and its credential."""

    def __init__(
        self,
        mode: str | None,
        recording: str | os.PathLike[str] | None,
        upstream: Callable[[], Upstream],
        *,
        timing: bool = False,
    ) -> None:
        """``upstream`` resolves where record mode forwards to (and checks its credential) when it is entered."""
        self.path = Path(recording) if recording is not None else None
        self.timing = timing
        self._resolve_upstream = upstream
        self._upstream: Upstream | None = None
        # The mode and its recording as one pair, swapped at once: a request reads both in one step, so a
        # switch meanwhile can never pair the new mode with the old recording.
        self._state: tuple[str, Recording | None] = ("emulate", None)
        # A recording without a mode is there to be replayed (answering made up instead would go unnoticed).
        self.switch(mode if mode is not None else "replay" if recording is not None else "emulate")

    def __repr__(self) -> str:
        return f"<RecordReplay mode={self.mode} recording={str(self.path)!r} upstream={self._upstream!r}>"

    @property
    def mode(self) -> str:
        """``"emulate"``, ``"record"`` or ``"replay"``."""
        return self._state[0]

    @property
    def recording(self) -> Recording | None:
        """The recording being made or replayed (None in emulate mode until one is entered)."""
        return self._state[1]

    def resume(self, recording: Recording) -> None:
        """In record mode, add to ``recording`` (one started earlier for the same file) instead of a new one."""
        if self._state[0] == "record":
            self._state = ("record", recording)

    def switch(self, mode: str) -> None:
        """Enter ``mode``: record starts an empty recording (written on its first answer); replay reads the file."""
        self.prepare(mode)()

    def prepare(self, mode: str) -> Callable[[], None]:
        """Check that ``mode`` can be entered (a ``ConfigurationError`` if not) and return what enters it.

        Nothing changes until the returned function is called, so a caller changing several settings at once
        can check them all first.
        """
        if mode not in MODES:
            raise ConfigurationError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
        if mode != "emulate" and self.path is None:
            raise ConfigurationError(f"mode={mode!r} needs a recording file: pass recording='path/to/recording.json'")
        recording = self._state[1]
        if mode == "record":
            if self._upstream is None:
                self._upstream = self._resolve_upstream()
            assert self.path is not None
            recording = Recording(self.path, secrets=self._upstream.secrets)
        elif mode == "replay":
            assert self.path is not None
            recording = Recording.load(self.path)

        def enter() -> None:
            self._state = (mode, recording)

        return enter

    def close(self) -> None:
        """Release the upstream's connections (the emulator stopped)."""
        if self._upstream is not None:
            self._upstream.close()

    # ------------------------------------------------------------------ answering (called by the pipeline)

    def answer(self, exchange: Exchange, operation: str, deployment: str, raw: bytes) -> bool:
        """Answer an authorised request in record or replay mode; False (nothing sent) in emulate mode."""
        mode, recording = self._state
        if mode == "emulate" or recording is None:
            return False
        secrets = self._upstream.secrets if self._upstream is not None else ()
        received = exchange.handler.headers
        url = urlsplit(exchange.handler.path)
        request: dict[str, Any] = {
            "method": "POST",
            "operation": operation,
            "deployment": deployment,
            "path": url.path,
            "query": scrub_query(parse_qsl(url.query, keep_blank_values=True)),
            "headers": scrub_headers(received.items(), secrets),
            **request_body(operation, received.get("Content-Type", ""), raw),
        }
        if mode == "record":
            assert self._upstream is not None
            self._forward(exchange, self._upstream, recording, request, raw)
        else:
            self._replay(exchange, recording, request)
        return True

    def _forward(
        self, exchange: Exchange, upstream: Upstream, recording: Recording, request: dict[str, Any], raw: bytes
    ) -> None:
        headers = {
            name: value
            for name, value in exchange.handler.headers.items()
            if name.lower() not in _NOT_FORWARDED and not secret_looking(name, value)
        }
        target = upstream.url(exchange.handler.path)
        sent = time.monotonic()
        try:
            with upstream.client.stream("POST", target, content=raw, headers=headers) as reply:
                answer: dict[str, Any] = {
                    "status": reply.status_code,
                    "headers": scrub_headers(reply.headers.multi_items(), upstream.secrets),
                    "headers_ms": _ms_since(sent),
                }
                if reply.headers.get("content-type", "").startswith("text/event-stream"):
                    self._pass_stream(exchange, reply, answer, lambda: recording.add(Interaction(request, answer)))
                else:
                    payload = reply.read()
                    answer.update(answer_body(reply.headers.get("content-type", ""), payload))
                    recording.add(Interaction(request, answer))  # saved before the client has it all
                    exchange.head(answer["status"], _marked(answer["headers"], "record"), length=len(payload))
                    exchange.write(payload)
        except (httpx.HTTPError, APIConnectionError) as exc:  # the wrapper's transport types connection failures
            if exchange.started:  # the stream broke after its head went out: the client sees it end early
                exchange.drop()
            _log.warning("emulator: record mode could not reach %s: %s", upstream.endpoint, type(exc).__name__)
            message = f"Record mode could not reach the upstream {upstream.endpoint} ({type(exc).__name__}: {exc})."
            _send_error(exchange, 502, "UpstreamUnreachable", message, "record")
            return
        except (ConfigurationError, CredentialError) as exc:
            # The token function failed or returned no token: say so, not a 500.
            _log.warning("emulator: record mode has no credential for %s: %s", upstream.endpoint, exc)
            _send_error(exchange, 502, "UpstreamCredentialFailed", f"Record mode: upstream_token: {exc}", "record")
            return
        _log.debug("emulator: recorded %s to %s: %s", request["operation"], request["deployment"], answer["status"])

    def _pass_stream(
        self, exchange: Exchange, reply: httpx.Response, answer: dict[str, Any], save: Callable[[], None]
    ) -> None:
        """Write the stream through as it arrives, keeping its events, each with when it was complete, in ``answer``.

        The recording is saved before the stream's end goes out, so a client that has the whole answer finds it
        in the file.
        """
        exchange.head(answer["status"], _marked(answer["headers"], "record"), length=None)
        started = time.monotonic()
        events: list[dict[str, Any]] = answer.setdefault("events", [])
        pending = b""
        try:
            for chunk in reply.iter_bytes():
                exchange.chunk(chunk)
                exchange.flush()
                pending += chunk
                while b"\n\n" in pending:  # events end with a blank line; keeping them whole keeps the text valid
                    event, _, pending = pending.partition(b"\n\n")
                    events.append({"at_ms": _ms_since(started), "data": (event + b"\n\n").decode("utf-8", "replace")})
        except (httpx.HTTPError, APIConnectionError):
            answer["cut"] = True  # replayed as a connection dropped after these events
        if pending:
            events.append({"at_ms": _ms_since(started), "data": pending.decode("utf-8", "replace")})
        save()
        if answer.get("cut"):
            exchange.drop()
        exchange.end_chunks()

    def _replay(self, exchange: Exchange, recording: Recording, request: dict[str, Any]) -> None:
        operation, deployment = request["operation"], request["deployment"]
        found = recording.find(operation, deployment, request)
        if found is None:
            closest = recording.closest(operation, deployment, request)
            message = f"Replay mode has no recorded answer to this {operation} request to {deployment!r}: {closest}."
            _send_error(exchange, 404, "NoRecordedAnswer", message, "replay")
            return
        answer = found.response
        headers = _marked(answer["headers"], "replay")
        fresh = str(uuid.uuid4())
        headers.update({name: fresh for name in _REQUEST_ID_HEADERS if name in headers})
        if self.timing:
            exchange.pause(answer.get("headers_ms", 0) / 1000)
        if "events" not in answer:
            payload = found.answer_bytes()
            exchange.head(answer["status"], headers, length=len(payload))
            exchange.write(payload)
            return
        exchange.head(answer["status"], headers, length=None)
        started = time.monotonic()
        for event in answer["events"]:
            if self.timing:
                exchange.pause((event.get("at_ms", 0) - _ms_since(started)) / 1000)
            exchange.chunk(event["data"].encode())  # a hand-edited empty event is skipped, not the body's end
        if answer.get("cut"):
            exchange.drop()
        exchange.end_chunks()


def _ms_since(start: float) -> int:
    return round((time.monotonic() - start) * 1000)


def _marked(headers: dict[str, str], mode: str) -> dict[str, str]:
    """Recorded headers (a redacted one left out) marked as coming from the emulator in ``mode``."""
    kept = {name: value for name, value in headers.items() if value != REDACTED and name not in _OURS}
    return {**kept, EMULATOR_HEADER[0]: EMULATOR_HEADER[1], "x-emulator-mode": mode}


def _send_error(exchange: Exchange, status: int, code: str, message: str, mode: str) -> None:
    headers = {"x-emulator-mode": mode}
    exchange.send(status, error_body(code, message), headers, service_headers=False)
