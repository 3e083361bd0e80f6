"""``EmulatorState``: what an emulator knows and its server reads: options, credentials, settings, mode, faults.

The base of ``Emulator`` (``_emulator.py``), which adds serving it. The server (``_server.py``) and the answers
it builds read this class only, so the modules that answer a request never import the one that starts them.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import azure_openai_rest

from .._errors import ConfigurationError
from ._chat import Replies
from ._config import Settings
from ._faults import FaultQueue
from ._latency import Latency
from ._quota import Quota
from ._record import RequestLog
from ._replay import RecordReplay, resolve_upstream
from ._service_errors import OPERATION_IDS
from ._validation import RequestValidator

__all__ = ["DEFAULT_DEPLOYMENTS", "KNOWN_API_VERSIONS", "EmulatorState"]

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


class EmulatorState:
    """An emulator's options and state, without the serving (``Emulator`` documents the options)."""

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
        self._log = RequestLog()
        self._settings = Settings(Quota(tokens_per_minute, requests_per_minute, enforced=False), seed, clock)
        self._validator: RequestValidator | None = None
        # The upstream is resolved (and its credential checked) only when record mode is entered.
        upstream_of = functools.partial(resolve_upstream, upstream, upstream_api_key, upstream_token)
        self._replay = RecordReplay(mode, recording, upstream_of, timing=replay_timing)
        self.configure(
            deployments=DEFAULT_DEPLOYMENTS if deployments is None else deployments,
            latency=latency if latency is not None else Latency(),
            quota_window=quota_window,
        )

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
        return [operation for operation in self._request_validator().operations if operation in OPERATION_IDS]

    def _request_validator(self, api_version: str | None = None) -> RequestValidator:
        """What checks a request at ``api_version`` (None: the served one): the spec of that api-version, else the
        oldest newer one, among the served spec (``spec=`` or the packaged one) and those held
        (``RequestValidator.held_versions()``); the newest when none is newer. Arguments come with api-versions,
        so a newer spec accepts what the asked one may refuse: a missed 400 is better than a false one."""
        version = api_version or self.api_version  # api-versions are dates: they compare as strings
        candidates = RequestValidator.held_versions() | {self.api_version}
        nearest = min((v for v in candidates if v >= version), default=max(candidates))
        if self._validator is not None and nearest == self.api_version:
            return self._validator  # spec=: it decides at its own api-version, and those just older
        return RequestValidator.held(nearest)

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

    # ------------------------------------------------------------------ what the server asks

    def _authorized(self, api_key: str | None, authorization: str | None) -> bool:
        """Whether a request's ``api-key`` or ``Authorization: Bearer`` header is one this emulator accepts."""
        if api_key is not None and secrets.compare_digest(api_key.encode(), self.api_key.encode()):
            return True
        scheme, _, token = (authorization or "").partition(" ")
        return scheme.lower() == "bearer" and any(
            secrets.compare_digest(token.encode(), t.encode()) for t in self.tokens
        )
