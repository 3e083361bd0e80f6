"""The admin endpoint: ``GET``/``PATCH /_emulator/config``, the emulator's settings while it runs.

Outside ``/openai/`` so it can never be mistaken for (or collide with) an operation of the service, and
protected by the emulator's api key (or one of its bearer tokens) like the operations are. ``PATCH`` takes
the JSON form of ``Emulator.configure(...)`` and answers the new configuration.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .._errors import ConfigurationError
from . import _service_errors as errors

if TYPE_CHECKING:
    from ._state import EmulatorState

__all__ = ["ADMIN_PATH", "admin_answer"]

ADMIN_PATH = "/_emulator/config"


def admin_answer(
    emu: EmulatorState, method: str, api_key: str | None, authorization: str | None, raw: bytes
) -> tuple[int, dict[str, Any]]:
    """(status, JSON body) for an admin request."""
    if not emu._authorized(api_key, authorization):
        return 401, errors.unauthorized((authorization or "").lower().startswith("bearer "))
    if method == "GET":
        return 200, emu.config()
    try:
        changes = json.loads(raw or b"null")
    except (ValueError, RecursionError):  # RecursionError: nested too deeply for the parser
        return 400, errors.error_body("invalid_config", "The body must be a JSON object of settings to change.")
    if not isinstance(changes, dict):
        return 400, errors.error_body("invalid_config", "The body must be a JSON object of settings to change.")
    try:
        return 200, emu._configure(changes)  # not **changes: a key such as "self" is a bad setting, not a TypeError
    except ConfigurationError as exc:
        return 400, errors.error_body("invalid_config", str(exc))
