"""``--config FILE``: the backends ``chat`` and ``embed`` route across, from a JSON file (or TOML on Python 3.11+,
whose ``tomllib`` reads it without a dependency). Credentials may be named by environment variable (``api_key_env``),
so the file holds no secret (docs/cli.md)."""

from __future__ import annotations

import json
import os
import re
from typing import Any, NoReturn

from ._app import EXIT_USAGE, fail

__all__ = ["CONFIG_HELP", "client_arguments"]

CONFIG_HELP = "JSON (or TOML) file of backends to route across, instead of the AZURE_OPENAI_* variables."

_SETTINGS = ("api_version", "max_retries", "max_retry_wait", "timeout")
_BACKEND = ("endpoint", "deployment", "priority", "name")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_CREDENTIALS = ("api_key", "api_key_env", "azure_ad_token", "azure_ad_token_env", "azure_identity")


def _bad(path: str, problem: str) -> NoReturn:
    fail(f"--config file {path!r}: {problem}", EXIT_USAGE)


def _read(path: str) -> Any:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        _bad(path, f"cannot be read: {exc.strerror or exc}")
    if path.lower().endswith(".toml"):
        try:
            import tomllib  # type: ignore[import-not-found,unused-ignore]  # Python 3.11+
        except ImportError:
            _bad(path, "TOML needs Python 3.11 or later (tomllib): write the file as JSON")
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            _bad(path, f"is not valid TOML ({exc})")
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except ValueError as exc:
        _bad(path, f"is not valid JSON ({exc})")


def _no_constant(name: str) -> NoReturn:
    """Refuse ``NaN`` and ``Infinity``, which Python's ``json`` accepts but JSON does not."""
    raise ValueError(f"{name} is not a JSON number: write a finite number of seconds")


def _looks_like_a_name(value: Any) -> bool:
    """Whether ``value`` reads as a variable name, not a key: keys are 32+ letters and digits without ``_``."""
    return isinstance(value, str) and _NAME.fullmatch(value) is not None and (len(value) < 32 or "_" in value)


def _credential(path: str, where: str, entry: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The one credential of a backend entry, a ``*_env`` one read from the environment now, and where it came
    from (for a 401's hint)."""
    given = [key for key in _CREDENTIALS if key in entry]
    if len(given) != 1:
        _bad(path, f"{where} needs exactly one of {', '.join(_CREDENTIALS)}, got {', '.join(given) or 'none'}")
    key = given[0]
    source = f"the {key} of {where} in --config file {path!r}"
    if key == "azure_identity":
        from .._transport.auth import azure_identity_token_provider

        return {"token_provider": azure_identity_token_provider()} if entry[key] is True else {}, source
    if not key.endswith("_env"):
        return {key: entry[key]}, source
    variable = entry[key]
    if not isinstance(variable, str) or not os.environ.get(variable, "").strip():
        if not _looks_like_a_name(variable):  # likely the secret itself pasted there: never echoed
            _bad(
                path,
                f"{where}: {key} does not look like an environment variable name (is it the key itself? put the "
                "key in a variable and name that)",
            )
        _bad(path, f"{where}: {key} names the environment variable {variable!r}, which is not set")
    return {key[: -len("_env")]: os.environ[variable]}, f"the environment variable {variable} ({source})"


def client_arguments(path: str) -> dict[str, Any]:
    """The client's arguments (``backends=`` and the shared settings) from the config file at ``path``."""
    from .._config import Backend, ClientConfig
    from .._errors import ConfigurationError

    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("backends"), list) or not data["backends"]:
        _bad(path, 'expected an object with a non-empty "backends" list (docs/cli.md)')
    unknown = sorted(set(data) - {"backends", *_SETTINGS})
    if unknown:
        _bad(path, f"unknown setting(s) {', '.join(unknown)}; the settings are backends, {', '.join(_SETTINGS)}")
    backends = []
    for index, entry in enumerate(data["backends"]):
        where = f"backend {index}"
        if not isinstance(entry, dict):
            _bad(path, f"{where} is not an object with endpoint, deployment and a credential")
        unknown = sorted(set(entry) - {*_BACKEND, *_CREDENTIALS})
        if unknown:
            _bad(
                path,
                f"{where} has unknown key(s) {', '.join(unknown)}; the keys are {', '.join(_BACKEND + _CREDENTIALS)}",
            )
        named = f"{where} ({entry['name']!r})" if isinstance(entry.get("name"), str) else where
        try:
            credential, source = _credential(path, named, entry)
            if not credential:
                _bad(path, f"{named}: azure_identity must be true")
            backends.append(Backend(**{k: entry[k] for k in _BACKEND if k in entry}, **credential))
            backends[-1].credential = source
        except (ConfigurationError, TypeError) as exc:
            _bad(path, f"{where}: {exc}")  # the Backend's message names it
    arguments = {"backends": backends, **{key: data[key] for key in _SETTINGS if key in data}}
    try:  # checked now, so that a bad setting is reported with the file it is in
        ClientConfig.resolve(environ={}, **arguments)
    except ConfigurationError as exc:
        _bad(path, str(exc))
    return arguments
