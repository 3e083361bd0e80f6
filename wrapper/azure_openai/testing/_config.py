"""Deployments as the emulator is configured with them: a model and, optionally, a quota like Azure assigns.

Accepted forms, from ``Emulator(deployments=...)``, ``emu.configure(deployments=...)``, the admin endpoint
and the command line (``--deployment``):

- a list of names (each deployment's model is its name), or a name -> model mapping: unlimited;
- name -> ``{"model": "gpt-4o", "tpm": 30000, "rpm": 180}``: a quota (``rpm`` defaults to 6 per 1,000 ``tpm``);
- on the command line, ``NAME[=MODEL][,tpm=N][,rpm=N]``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from .._errors import ConfigurationError
from ._quota import default_rpm

__all__ = ["Deployment", "parse_deployment_option", "parse_deployments"]


@dataclasses.dataclass(frozen=True)
class Deployment:
    """A deployment's model, and its quota in tokens and requests per minute (``tpm`` None: unlimited)."""

    model: str
    tpm: int | None = None
    rpm: int | None = None

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
    if isinstance(value, Deployment):
        return value
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
