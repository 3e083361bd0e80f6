"""``python -m azure_openai.testing [--port N] [--host H] [--api-key K]``: run the emulator in the foreground."""

from __future__ import annotations

import argparse

from ._serve import serve


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="python -m azure_openai.testing",
        description="Run the Azure OpenAI emulator in the foreground; print the export lines that point clients at it.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--api-key", default=None, help="the key clients must send (default: a random one)")
    parser.add_argument("--deployment", action="append", dest="deployments", help="a deployment name (repeatable)")
    args = parser.parse_args(argv)
    serve(args.port, args.host, api_key=args.api_key, deployments=args.deployments)


if __name__ == "__main__":
    main()
