"""Running the emulator in the foreground, for ``python -m azure_openai.testing`` and ``azure-openai emulator``."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterable
from typing import TextIO

import azure_openai_rest

from ._server import Emulator
from ._service_errors import supports

__all__ = ["serve"]


def serve(
    port: int = 0,
    host: str = "127.0.0.1",
    *,
    api_key: str | None = None,
    deployments: Iterable[str] | None = None,
    out: TextIO | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C) or ``stop`` is set, after printing ``export`` lines for a shell.

    The lines set ``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_API_KEY``, ``OPENAI_API_VERSION`` and (when a deployment
    serves chat) ``AZURE_OPENAI_DEPLOYMENT``.
    """
    out = out if out is not None else sys.stdout
    emulator = Emulator(host=host, port=port, api_key=api_key, deployments=deployments)
    with emulator:
        print(f"export AZURE_OPENAI_ENDPOINT={emulator.endpoint}", file=out)
        print(f"export AZURE_OPENAI_API_KEY={emulator.api_key}", file=out)
        print(f"export OPENAI_API_VERSION={azure_openai_rest.API_VERSION}", file=out)
        chat = [name for name, model in emulator.deployments.items() if supports(model, "chat/completions")]
        if chat:
            print(f"export AZURE_OPENAI_DEPLOYMENT={chat[0]}", file=out)
        print(
            f"# deployments: {', '.join(sorted(emulator.deployments))}; answers are emulated. Ctrl-C stops.", file=out
        )
        out.flush()
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()
