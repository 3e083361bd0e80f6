"""The emulator's runtime settings (``Settings``), and deployments: a model and, optionally, a quota like Azure's.

Accepted forms, from ``Emulator(deployments=...)``, ``emu.configure(deployments=...)``, the admin endpoint
and the command line (``--deployment``):

- a list of names (each deployment's model is its name), or a name -> model mapping: unlimited;
- name -> ``{"model": "gpt-4o", "tpm": 30000, "rpm": 180}``: a quota (``rpm`` defaults to 6 per 1,000 ``tpm``);
- on the command line, ``NAME[=MODEL][,tpm=N][,rpm=N]``.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from .._errors import ConfigurationError
from ._latency import Latency, Pacer
from ._quota import Admission, Quota, default_rpm

__all__ = ["MAX_QUOTA_WINDOW", "Deployment", "Settings", "parse_deployment_option", "parse_deployments"]

#: The longest quota window, seconds: longer ones only slow a test down (and inf or nan break the arithmetic).
MAX_QUOTA_WINDOW = 3600.0


@dataclasses.dataclass(frozen=True)
class Deployment:
    """A deployment's model, and its quota in tokens and requests per minute (``tpm`` None: unlimited)."""

    model: str
    tpm: int | None = None
    rpm: int | None = None

    def __post_init__(self) -> None:
        if self.tpm is not None and self.rpm is None and isinstance(self.tpm, int):  # Azure's default, as a mapping
            object.__setattr__(self, "rpm", default_rpm(self.tpm))

    def to_json(self) -> dict[str, Any]:
        """The form the admin endpoint shows (and accepts)."""
        return {"model": self.model, "tpm": self.tpm, "rpm": self.rpm}


def _count(name: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"deployment {name!r}: {key} must be a whole number >= 1, got {value!r}")
    return value


def _deployment(name: str, value: Any) -> Deployment:
    if not isinstance(name, str) or not name or "/" in name:
        raise ConfigurationError(f"a deployment name must be a non-empty string without '/', got {name!r}")
    if isinstance(value, Deployment):  # checked like the mapping it stands for
        value = value.to_json()
    if isinstance(value, str):
        return Deployment(value)
    if not isinstance(value, Mapping):
        raise ConfigurationError(
            f"deployment {name!r}: expected a model name or {{'model': ..., 'tpm': ..., 'rpm': ...}}, got {value!r}"
        )
    unknown = sorted(set(value) - {"model", "tpm", "rpm"})
    if unknown:
        raise ConfigurationError(f"deployment {name!r}: unknown setting(s) {unknown}; use model, tpm and rpm")
    model = value.get("model", name)
    if not isinstance(model, str) or not model:
        raise ConfigurationError(f"deployment {name!r}: model must be a non-empty string, got {model!r}")
    tpm = None if value.get("tpm") is None else _count(name, "tpm", value["tpm"])
    rpm = None if value.get("rpm") is None else _count(name, "rpm", value["rpm"])
    if rpm is not None and tpm is None:
        raise ConfigurationError(f"deployment {name!r}: rpm needs a tpm too (Azure assigns quota in tokens per minute)")
    if tpm is not None and rpm is None:
        rpm = default_rpm(tpm)
    return Deployment(model, tpm, rpm)


def parse_deployments(value: Iterable[str] | Mapping[str, Any]) -> dict[str, Deployment]:
    """Every accepted form of ``deployments`` -> name -> ``Deployment``; a ``ConfigurationError`` names a bad one."""
    if isinstance(value, str):
        raise ConfigurationError(f"deployments must be a list of names or a mapping, not the string {value!r}")
    if isinstance(value, Mapping):
        return {name: _deployment(name, spec) for name, spec in value.items()}
    return {name: _deployment(name, name) for name in value}


def parse_deployment_option(text: str) -> tuple[str, Deployment]:
    """``NAME[=MODEL][,tpm=N][,rpm=N]`` (the command line's ``--deployment``) -> (name, deployment)."""
    head, *options = text.split(",")
    name, _, model = head.partition("=")
    settings: dict[str, Any] = {"model": model.strip() or name.strip()}
    for option in options:
        key, sep, number = option.partition("=")
        key = key.strip()
        if not sep or key not in ("tpm", "rpm") or not number.strip().isdigit():
            raise ConfigurationError(f"--deployment {text!r}: expected NAME[=MODEL][,tpm=N][,rpm=N]")
        settings[key] = int(number)
    return name.strip(), _deployment(name.strip(), settings)


class Settings:
    """What an emulator lets you change while it runs: deployments and their quotas, latency, its seed, the
    quota window. ``update`` validates every change before applying any, so a bad one changes nothing.

    ``FIELDS`` maps each setting to (check: value -> prepared value, raising ``ConfigurationError``; apply,
    under the lock); one more setting (a record/replay ``mode``) is one more entry there and in ``snapshot``.
    """

    def __init__(self, unlimited: Quota, seed: int | None, clock: Callable[[], float]) -> None:
        self.deployments: dict[str, Deployment] = {}
        self.quotas: dict[str, Quota] = {}
        self.unlimited = unlimited  # the rates a deployment without a quota reports, never enforced
        self.reporting: dict[str, Quota] = {}  # each such deployment's own count of what it used
        self.latency = Latency()
        self.seed = seed
        self.pacer = Pacer(seed)
        self.quota_window = 60.0
        self.clock = clock
        self._lock = threading.Lock()

    def snapshot(self) -> dict[str, Any]:
        """The settings as JSON (what ``GET /_emulator/config`` answers)."""
        with self._lock:
            return {
                "deployments": {name: deployment.to_json() for name, deployment in self.deployments.items()},
                "latency": dataclasses.asdict(self.latency),
                "seed": self.seed,
                "quota_window": self.quota_window,
            }

    def update(self, changes: Mapping[str, Any]) -> None:
        """Apply ``changes`` (setting name -> value) all together, or none when one is unknown or bad."""
        unknown = sorted(set(changes) - set(self.FIELDS))
        if unknown:
            raise ConfigurationError(f"unknown emulator setting(s) {unknown}; use {sorted(self.FIELDS)}")
        prepared = [(self.FIELDS[name][1], self.FIELDS[name][0](self, value)) for name, value in changes.items()]
        with self._lock:
            for apply, value in prepared:
                apply(self, value)

    # ------------------------------------------------------------------ quotas, for the handler

    def admit(self, deployment: str, cost: int) -> Admission:
        """Count a request to ``deployment`` costing ``cost`` tokens against its quota (refused past it)."""
        with self._lock:
            quota = self.quotas.get(deployment)
            if quota is None:  # unlimited: its own report-only count, at the rates reported for all
                quota = self.reporting.setdefault(deployment, Quota(1, 1, enforced=False, window=self.quota_window))
                quota.tpm, quota.rpm = self.unlimited.tpm, self.unlimited.rpm
            return quota.admit(cost, self.clock())

    def remaining(self, deployment: str | None) -> tuple[int, int]:
        """What ``deployment``'s quota has left (for an answer that spends nothing: an error before admission)."""
        with self._lock:
            quota = self.quotas.get(deployment or "")
            if quota is None:
                quota = self.reporting.get(deployment or "", self.unlimited)
                quota.tpm, quota.rpm = self.unlimited.tpm, self.unlimited.rpm
            return quota.peek(self.clock())

    # ------------------------------------------------------------------ each setting: check, then apply

    def _check_deployments(self, value: Any) -> dict[str, Deployment | None]:
        if not isinstance(value, Mapping):
            return dict(parse_deployments(value))
        kept = parse_deployments({name: self._merged(name, spec) for name, spec in value.items() if spec is not None})
        return {**kept, **{name: None for name, spec in value.items() if spec is None}}

    def _merged(self, name: str, spec: Any) -> Any:
        """A change to an existing deployment keeps what it does not name: its model, its tpm, a custom rpm."""
        current = self.deployments.get(name)
        if current is None or not isinstance(spec, Mapping):
            return spec
        merged = {"model": current.model, **spec}
        if "tpm" not in spec and current.tpm is not None:
            merged["tpm"] = current.tpm
        custom_rpm = current.tpm is not None and current.rpm != default_rpm(current.tpm)
        if "rpm" not in spec and custom_rpm and merged.get("tpm") is not None:
            merged["rpm"] = current.rpm  # a default rpm follows a new tpm; a chosen one stays
        return merged

    def _apply_deployments(self, value: dict[str, Deployment | None]) -> None:
        for name, deployment in value.items():
            self.reporting.pop(name, None)  # its count starts again with its new (or no) quota
            if deployment is None or deployment.tpm is None or deployment.rpm is None:
                self.quotas.pop(name, None)
            elif name in self.quotas:  # the requests already counted stay counted
                self.quotas[name].tpm, self.quotas[name].rpm = deployment.tpm, deployment.rpm
            else:
                self.quotas[name] = Quota(deployment.tpm, deployment.rpm, window=self.quota_window)
            if deployment is None:
                self.deployments.pop(name, None)
            else:
                self.deployments[name] = deployment

    def _check_latency(self, value: Any) -> Latency:
        if isinstance(value, Latency):
            return value
        if not isinstance(value, Mapping):
            raise ConfigurationError(f"latency must be a Latency or a mapping of its fields, got {value!r}")
        return self.latency.updated(value)

    def _apply_latency(self, value: Latency) -> None:
        self.latency = value

    def _check_seed(self, value: Any) -> int | None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigurationError(f"seed must be an int or None, got {value!r}")
        return value

    def _apply_seed(self, value: int | None) -> None:
        self.seed = value
        self.pacer.reseed(value)

    def _check_window(self, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_QUOTA_WINDOW:
            raise ConfigurationError(
                f"quota_window must be a number of seconds > 0 and <= {MAX_QUOTA_WINDOW:g} (an hour), got {value!r}"
            )
        return float(value)

    def _apply_window(self, value: float) -> None:
        self.quota_window = value
        for quota in [*self.quotas.values(), *self.reporting.values(), self.unlimited]:
            quota.window = value

    FIELDS: ClassVar[dict[str, tuple[Callable[[Settings, Any], Any], Callable[[Settings, Any], None]]]] = {
        "deployments": (_check_deployments, _apply_deployments),
        "latency": (_check_latency, _apply_latency),
        "seed": (_check_seed, _apply_seed),
        "quota_window": (_check_window, _apply_window),
    }
