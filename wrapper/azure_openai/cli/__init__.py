"""The ``azure-openai`` command: chat, embed and the local emulator, configured from the library's environment.

Built on typer rather than click: typer carries its own copy of click, while a top-level ``click`` package makes
``import httpx`` load httpx's optional command line (click, rich and pygments, all present here) on every import
of the library, ~115 ms that would break the import-time budget. The library never imports this package.

Expected failures (missing configuration, 401, 404 deployment, 429, content filter, a bad input file) print one
line on stderr and exit non-zero without a traceback; the key never reaches the output because only the
library's own (secret-free) error messages are printed.

One module per command (``_chat.py``, ``_embed.py``, ``_emulator.py``), on the app and the error lines they share
(``_app.py``) and the choice of resource or emulator (``_connect.py``); importing this package registers them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import _chat, _embed, _emulator  # noqa: F401  # imported for their effect: each registers its command
from ._app import EXIT_USAGE, app, check_arguments, describe, fail, tolerant_output
from ._chat import AnswerFilteredError

__all__ = ["app", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``azure-openai`` console script and ``python -m azure_openai``.

    The library's typed errors become one line on stderr and an exit code, never a traceback.
    """
    from .._errors import AzureOpenAIError, ConfigurationError

    tolerant_output()
    args = list(argv) if argv is not None else sys.argv[1:]
    check_arguments(args)
    try:
        app(args=args, prog_name="azure-openai")
    except ConfigurationError as exc:
        fail(str(exc), EXIT_USAGE)
    except (AzureOpenAIError, AnswerFilteredError) as exc:
        fail(describe(exc))
    # Ctrl-C ("Aborted!") and a closed pipe (``| head``) are handled by click's standalone mode: exit 1, no trace.
