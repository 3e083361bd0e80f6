"""The emulator's record and replay modes: forward to the real service and save, or answer from a recording.

``mode="record"`` forwards each request to the upstream resource (``AZURE_OPENAI_ENDPOINT`` and its key or
token by default) with httpx, passes the answer through as it arrives (a stream event by event) and adds it
to the recording, credentials scrubbed. ``mode="replay"`` answers from the recording, never made up: a request
it does not hold gets a 404 naming the closest recorded request. The file format is in ``_recording.py``.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from .._config import ENV_AD_TOKEN, ENV_API_KEY, ENV_ENDPOINT, ClientConfig, _auth_from, normalize_endpoint
from .._errors import APIConnectionError, ConfigurationError, CredentialError
from .._transport.auth import AzureAuth
from .._transport.http import install_policy, new_http_client
from .._transport.retry import RetryPolicy
from ._record import REDACTED
from ._recording import Interaction, Recording, answer_body, request_body, scrub_headers, scrub_query, secret_looking
from ._service_errors import error_body

if TYPE_CHECKING:
    from ._handler import _Handler

__all__ = ["MODES", "RecordReplay"]

_log = logging.getLogger("azure_openai.testing")

#: ``emulate``: answers made up by the emulator; ``record``: the upstream's, saved; ``replay``: the saved ones.
MODES = ("emulate", "record", "replay")

#: Request headers never forwarded: the emulator's own credential, and what httpx writes itself.
_NOT_FORWARDED = frozenset({"api-key", "authorization", "host", "content-length", "accept-encoding", "connection"})

_NO_RETRIES = RetryPolicy(max_retries=0)

#: Answer headers a replay writes afresh, as every real answer has its own.
_REQUEST_ID_HEADERS = ("apim-request-id", "x-request-id")


class _Upstream:
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


def _resolve_upstream(upstream: str | None, api_key: str | None, token: str | Callable[[], str] | None) -> _Upstream:
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
        auth = _auth_from(api_key, static_token, provider, {} if api_key or token else environ)
    except ConfigurationError as exc:
        raise ConfigurationError(
            f"record mode needs the upstream's credential: {exc} (the Emulator's arguments are upstream_api_key= "
            "and upstream_token=)"
        ) from None
    auth.bind(httpx.URL(endpoint))
    known = (api_key, static_token, environ.get(ENV_API_KEY), environ.get(ENV_AD_TOKEN))
    return _Upstream(endpoint, auth, tuple(value.strip() for value in known if value and value.strip()))


class RecordReplay:
    """The mode of one emulator and what it needs: the recording file, the upstream and its credential."""

    def __init__(
        self,
        mode: str | None = None,
        *,
        recording: str | os.PathLike[str] | None = None,
        upstream: str | None = None,
        upstream_api_key: str | None = None,
        upstream_token: str | Callable[[], str] | None = None,
        timing: bool = False,
    ) -> None:
        self.path = Path(recording) if recording is not None else None
        self.timing = timing
        self._upstream_arguments = (upstream, upstream_api_key, upstream_token)
        self._upstream: _Upstream | None = None
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
                self._upstream = _resolve_upstream(*self._upstream_arguments)
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

    # ------------------------------------------------------------------ answering (called by the handler)

    def answer(self, handler: _Handler, operation: str, deployment: str, raw: bytes) -> bool:
        """Answer an authorised request in record or replay mode; False (nothing sent) in emulate mode."""
        mode, recording = self._state
        if mode == "emulate" or recording is None:
            return False
        secrets = self._upstream.secrets if self._upstream is not None else ()
        url = urlsplit(handler.path)
        request: dict[str, Any] = {
            "method": "POST",
            "operation": operation,
            "deployment": deployment,
            "path": url.path,
            "query": scrub_query(parse_qsl(url.query, keep_blank_values=True)),
            "headers": scrub_headers(handler.headers.items(), secrets),
            **request_body(operation, handler.headers.get("Content-Type", ""), raw),
        }
        if mode == "record":
            assert self._upstream is not None
            self._forward(handler, self._upstream, recording, request, raw)
        else:
            self._replay(handler, recording, request)
        return True

    def _forward(
        self, handler: _Handler, upstream: _Upstream, recording: Recording, request: dict[str, Any], raw: bytes
    ) -> None:
        headers = {
            name: value
            for name, value in handler.headers.items()
            if name.lower() not in _NOT_FORWARDED and not secret_looking(name, value)
        }
        sent = time.monotonic()
        try:
            with upstream.client.stream("POST", upstream.url(handler.path), content=raw, headers=headers) as reply:
                answer: dict[str, Any] = {
                    "status": reply.status_code,
                    "headers": scrub_headers(reply.headers.multi_items(), upstream.secrets),
                    "headers_ms": _ms_since(sent),
                }
                if reply.headers.get("content-type", "").startswith("text/event-stream"):
                    self._pass_stream(handler, reply, answer, lambda: recording.add(Interaction(request, answer)))
                else:
                    payload = reply.read()
                    answer.update(answer_body(reply.headers.get("content-type", ""), payload))
                    recording.add(Interaction(request, answer))  # saved before the client has it all
                    _head(handler, answer["status"], answer["headers"], "record", length=len(payload))
                    handler.wfile.write(payload)
        except (httpx.HTTPError, APIConnectionError) as exc:  # the wrapper's transport types connection failures
            if handler._started:  # the stream broke after its head went out: the client sees it end early
                _drop(handler)
            _log.warning("emulator: record mode could not reach %s: %s", upstream.endpoint, type(exc).__name__)
            message = f"Record mode could not reach the upstream {upstream.endpoint} ({type(exc).__name__}: {exc})."
            _send_error(handler, 502, "UpstreamUnreachable", message, "record")
            return
        except (ConfigurationError, CredentialError) as exc:
            # The token function failed or returned no token: say so, not a 500.
            _log.warning("emulator: record mode has no credential for %s: %s", upstream.endpoint, exc)
            _send_error(handler, 502, "UpstreamCredentialFailed", f"Record mode: upstream_token: {exc}", "record")
            return
        _log.debug("emulator: recorded %s to %s: %s", request["operation"], request["deployment"], answer["status"])

    def _pass_stream(
        self, handler: _Handler, reply: httpx.Response, answer: dict[str, Any], save: Callable[[], None]
    ) -> None:
        """Write the stream through as it arrives, keeping its events, each with when it was complete, in ``answer``.

        The recording is saved before the stream's end goes out, so a client that has the whole answer finds it
        in the file.
        """
        _head(handler, answer["status"], answer["headers"], "record", length=None)
        started = time.monotonic()
        events: list[dict[str, Any]] = answer.setdefault("events", [])
        pending = b""
        try:
            for chunk in reply.iter_bytes():
                if not chunk:  # an empty chunk would end the chunked body
                    continue
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                handler.wfile.flush()
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
            _drop(handler)
        handler.wfile.write(b"0\r\n\r\n")

    def _replay(self, handler: _Handler, recording: Recording, request: dict[str, Any]) -> None:
        operation, deployment = request["operation"], request["deployment"]
        found = recording.find(operation, deployment, request)
        if found is None:
            closest = recording.closest(operation, deployment, request)
            message = f"Replay mode has no recorded answer to this {operation} request to {deployment!r}: {closest}."
            _send_error(handler, 404, "NoRecordedAnswer", message, "replay")
            return
        answer = found.response
        headers = dict(answer["headers"])
        fresh = str(uuid.uuid4())
        headers.update({name: fresh for name in _REQUEST_ID_HEADERS if name in headers})
        if self.timing:
            _wait(handler, answer.get("headers_ms", 0))
        if "events" not in answer:
            payload = found.answer_bytes()
            _head(handler, answer["status"], headers, "replay", length=len(payload))
            handler.wfile.write(payload)
            return
        _head(handler, answer["status"], headers, "replay", length=None)
        started = time.monotonic()
        for event in answer["events"]:
            if self.timing:
                _wait(handler, event.get("at_ms", 0) - _ms_since(started))
            data = event["data"].encode()
            if not data:  # a hand-edited empty event: as a chunk it would be the end of the body
                continue
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        if answer.get("cut"):
            _drop(handler)
        handler.wfile.write(b"0\r\n\r\n")


def _ms_since(start: float) -> int:
    return round((time.monotonic() - start) * 1000)


def _head(handler: _Handler, status: int, headers: Mapping[str, str], mode: str, *, length: int | None) -> None:
    """Status line and headers (a redacted one is left out), marked as coming from the emulator in ``mode``."""
    handler._finish_record(status)
    handler._started = True
    handler.send_response(status)
    for name, value in headers.items():
        if value != REDACTED and name not in ("x-emulator", "x-emulator-mode"):  # ours follow
            handler.send_header(name, value)
    handler.send_header("x-emulator", "azure-openai-rest")
    handler.send_header("x-emulator-mode", mode)
    if length is None:
        handler.send_header("Transfer-Encoding", "chunked")
    else:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()


def _send_error(handler: _Handler, status: int, code: str, message: str, mode: str) -> None:
    payload = json.dumps(error_body(code, message)).encode()
    _head(handler, status, {"content-type": "application/json"}, mode, length=len(payload))
    handler.wfile.write(payload)


def _wait(handler: _Handler, milliseconds: float) -> None:
    """Pause as the recording did; when the emulator stops meanwhile, drop the connection instead."""
    if milliseconds > 0 and handler.server.stopping.wait(milliseconds / 1000):
        _drop(handler)


def _drop(handler: _Handler) -> None:
    """End the connection mid-answer, as the original did (or as the emulator stops)."""
    handler.wfile.flush()
    with contextlib.suppress(OSError):
        handler.connection.shutdown(socket.SHUT_RDWR)
    raise ConnectionAbortedError("the recorded answer ended early")
