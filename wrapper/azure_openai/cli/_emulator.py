"""``azure-openai emulator`` (and ``python -m azure_openai.testing``): the local emulator in the foreground."""

from __future__ import annotations

import io
import os
import sys
from typing import Annotated, Any

import typer

from ._app import ClosedStdout, app
from ._connect import ENDPOINT_ENV, testing_package

__all__ = ["emulator_command"]

_DEPLOYMENT_HELP = (
    "A deployment, NAME[=MODEL][,tpm=N][,rpm=N] (repeatable; rpm defaults to 6 per 1,000 tpm). "
    "Default: the emulator's usual five, unlimited."
)
_MODE_HELP = (
    "emulate (made-up answers), record (forward to the real endpoint and save its answers) or replay "
    "(answer from the recording). Default: replay with --recording, else emulate."
)
_UPSTREAM_HELP = (
    f"Record mode: the real endpoint (default: {ENDPOINT_ENV}); its key or token comes from the "
    "environment (AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN), never from the command line."
)


class _Exports(io.StringIO):
    """Where ``serve`` prints the export lines: passed on to stdout at its flush. If stdout's reader has gone
    (``| head -1``) the emulator goes on serving, which is its point, instead of dying on the write."""

    def flush(self) -> None:
        """Write what was printed to stdout; a closed pipe there is said once on stderr."""
        text = self.getvalue()
        self.seek(0)
        self.truncate()
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            if not isinstance(sys.stdout, ClosedStdout):  # (which has no descriptor: fd 1 may be our socket's now)
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to fail at the exit
            typer.echo("azure-openai: stdout was closed; the emulator goes on serving until Ctrl-C", err=True)


@app.command("emulator")
def emulator_command(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free one).")] = 0,
    host: Annotated[str, typer.Option("--host", help="Address to bind, e.g. ::1 (keep it loopback).")] = "127.0.0.1",
    api_key: Annotated[
        str | None, typer.Option("--api-key", help="The key clients must send (default: a random one).")
    ] = None,
    deployments: Annotated[list[str] | None, typer.Option("--deployment", "-d", help=_DEPLOYMENT_HELP)] = None,
    first_token_ms: Annotated[
        float, typer.Option("--first-token-ms", min=0, help="Mean time to first token (chat, completions).")
    ] = 0.0,
    per_token_ms: Annotated[float, typer.Option("--per-token-ms", min=0, help="Mean time per further token.")] = 0.0,
    embeddings_ms: Annotated[
        float, typer.Option("--embeddings-ms", min=0, help="Mean time per embeddings request.")
    ] = 0.0,
    spread: Annotated[
        float, typer.Option("--latency-spread", min=0, help="Standard deviation of each wait, as a share of its mean.")
    ] = 0.0,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the latency draws (reproducible runs).")] = None,
    quota_window: Annotated[
        float, typer.Option("--quota-window", min=0.001, help="Seconds over which quotas are counted (60).")
    ] = 60.0,
    spec: Annotated[
        str | None, typer.Option("--spec", help="An OpenAPI JSON spec to serve (default: the packaged one).")
    ] = None,
    mode: Annotated[str | None, typer.Option("--mode", help=_MODE_HELP)] = None,
    recording: Annotated[
        str | None, typer.Option("--recording", help="The recording file (JSON) to write or replay.")
    ] = None,
    upstream: Annotated[str | None, typer.Option("--upstream", help=_UPSTREAM_HELP)] = None,
    replay_timing: Annotated[
        bool, typer.Option("--replay-timing", help="Replay streams paced as they were recorded.")
    ] = False,
) -> None:
    """Run the local emulator of the service until Ctrl-C; prints the endpoint and key to export."""
    # The one implementation behind ``azure-openai emulator`` and ``python -m azure_openai.testing``.
    testing = testing_package()
    chosen: dict[str, Any] | None = None
    if deployments:
        from ..testing._config import parse_deployment_option

        chosen = dict(parse_deployment_option(text) for text in deployments)
    latency = testing.Latency(
        first_token_ms=first_token_ms, per_token_ms=per_token_ms, embeddings_ms=embeddings_ms, spread=spread
    )
    testing.serve(
        out=_Exports(),
        port=port,
        host=host,
        api_key=api_key,
        deployments=chosen,
        latency=latency,
        seed=seed,
        quota_window=quota_window,
        spec=spec,
        mode=mode,
        recording=recording,
        upstream=upstream,
        replay_timing=replay_timing,
    )
