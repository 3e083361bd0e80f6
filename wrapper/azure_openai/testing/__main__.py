"""``python -m azure_openai.testing [--port N] [--host H] [--api-key K] [--deployment D] ...``: run the emulator.

The same command as ``azure-openai emulator`` (one implementation, in ``azure_openai.cli``), so both entry points
take the same options and fail the same way: one ``azure-openai: error: ...`` line, never a traceback.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Serve until Ctrl-C with the options of ``azure-openai emulator``."""
    from ..cli import main as cli_main

    cli_main(["emulator", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
