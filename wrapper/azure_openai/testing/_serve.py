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
    serves chat) ``AZURE_OPENAI_DEPLOYMENT``. ``options`` are the other ``Emulator`` settings (``latency``,
    ``seed``, ``quota_window``, ``spec``...). A port or host it cannot listen on is a ``ConfigurationError``.
    """
    out = out if out is not None else sys.stdout
    emulator = Emulator(host=host, port=port, api_key=api_key, deployments=deployments, **options)
    with emulator:
        # Quoted for the shell that evaluates them: a key or deployment name may hold spaces, quotes or $.
        print(f"export AZURE_OPENAI_ENDPOINT={shlex.quote(emulator.endpoint)}", file=out)
        print(f"export AZURE_OPENAI_API_KEY={shlex.quote(emulator.api_key)}", file=out)
        print(f"export OPENAI_API_VERSION={shlex.quote(emulator.api_version)}", file=out)
        serves_chat = "chat/completions" in emulator.operations
        chat = [
            name for name, model in emulator.deployments.items() if serves_chat and supports(model, "chat/completions")
        ]
        if chat:
            print(f"export AZURE_OPENAI_DEPLOYMENT={shlex.quote(chat[0])}", file=out)
        quotas = [
            f"{name} {setting['tpm']} TPM/{setting['rpm']} RPM"
            for name, setting in emulator.config()["deployments"].items()
            if setting["tpm"] is not None
        ]
        limits = f"; quotas: {', '.join(quotas)}" if quotas else ""
        answers = {
            "record": "answers are the upstream's, recorded",
            "replay": "answers are replayed from the recording",
        }
        print(
            f"# deployments: {', '.join(sorted(emulator.deployments))}{limits}; "
            f"{answers.get(emulator.mode, 'answers are emulated')}. Ctrl-C stops.",
            file=out,
        )
        out.flush()
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()
