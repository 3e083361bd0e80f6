"""Running the emulator in the foreground, for ``azure-openai emulator`` and ``python -m azure_openai.testing``."""

from __future__ import annotations

import contextlib
import shlex
import sys
import threading
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from ._emulator import Emulator
from ._service_errors import supports

__all__ = ["serve"]


def serve(
    port: int = 0,
    host: str = "127.0.0.1",
    *,
    api_key: str | None = None,
    deployments: Iterable[str] | Mapping[str, Any] | None = None,
    out: TextIO | None = None,
    stop: threading.Event | None = None,
    **options: Any,
) -> None:
    """Serve until interrupted (Ctrl-C) or ``stop`` is set, after printing ``export`` lines for a shell.

    The lines set ``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_API_KEY``, ``OPENAI_API_VERSION`` and (when a deployment
    serves chat: one of the recording's in replay mode; none in record mode, where the upstream's answer)
    ``AZURE_OPENAI_DEPLOYMENT``; a comment names the deployments that answer. ``options`` are the other
    ``Emulator`` settings (``latency``, ``seed``, ``quota_window``, ``spec``...). A port or host it cannot listen
    on is a ``ConfigurationError``.
    """
    out = out if out is not None else sys.stdout
    emulator = Emulator(host=host, port=port, api_key=api_key, deployments=deployments, **options)
    with emulator:
        # Quoted for the shell that evaluates them: a key or deployment name may hold spaces, quotes or $.
        print(f"export AZURE_OPENAI_ENDPOINT={shlex.quote(emulator.endpoint)}", file=out)
        print(f"export AZURE_OPENAI_API_KEY={shlex.quote(emulator.api_key)}", file=out)
        print(f"export OPENAI_API_VERSION={shlex.quote(emulator.api_version)}", file=out)
        chat, named = _deployments(emulator)
        if chat is not None:
            print(f"export AZURE_OPENAI_DEPLOYMENT={shlex.quote(chat)}", file=out)
        answers = _ANSWERS.get(emulator.mode, "answers are emulated")
        print(f"# deployments: {named}; {answers}. Ctrl-C stops.", file=out)
        out.flush()
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()


#: What answers, by mode (the banner's last words).
_ANSWERS = {"record": "answers are the upstream's, recorded", "replay": "answers are replayed from the recording"}


def _deployments(emulator: Emulator) -> tuple[str | None, str]:
    """The deployment to export (one that answers chat; None: none, or not the emulator's to choose) and the
    deployments that answer, as the banner names them: the emulator's own, the recording's or the upstream's."""
    if emulator.mode == "record":  # the upstream's deployments answer: the environment's own name stays in force
        return None, "the upstream's (AZURE_OPENAI_DEPLOYMENT unchanged)"
    if emulator.mode == "replay":
        recording = emulator._replay.recording
        recorded = recording.deployments() if recording is not None else {}
        chat = [name for name, operations in recorded.items() if "chat/completions" in operations]
        return (chat[0] if chat else None), ", ".join(sorted(recorded)) or "none recorded"
    serves_chat = "chat/completions" in emulator.operations
    chat = [name for name, model in emulator.deployments.items() if serves_chat and supports(model, "chat/completions")]
    quotas = [
        f"{name} {setting['tpm']} TPM/{setting['rpm']} RPM"
        for name, setting in emulator.config()["deployments"].items()
        if setting["tpm"] is not None
    ]
    limits = f"; quotas: {', '.join(quotas)}" if quotas else ""
    return (chat[0] if chat else None), ", ".join(sorted(emulator.deployments)) + limits
