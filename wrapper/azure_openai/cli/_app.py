"""The ``azure-openai`` typer app, and what every command shares: exit codes, error lines, output encoding."""

from __future__ import annotations

import errno
import io
import json
import sys
from collections.abc import Sequence
from typing import Annotated, Any, NoReturn

import typer

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_USAGE",
    "ClosedStdout",
    "app",
    "check_arguments",
    "describe",
    "dumps",
    "fail",
    "need_piped_stdin",
    "tolerant_output",
]

#: Exit codes: 1 for a failed call, 2 for bad usage or configuration (click's own convention), 130 for Ctrl-C
#: (128 + SIGINT, as a shell reports it).
EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print ``azure-openai: error: message`` on stderr and exit with ``code`` (never a traceback)."""
    typer.echo(f"azure-openai: error: {message}", err=True)
    sys.exit(code)


app = typer.Typer(
    name="azure-openai",
    help=(
        "Azure OpenAI from the shell: chat, embed, and a local emulator of the service.\n\n"
        "Configured by the same environment variables as the library: AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY "
        "(or AZURE_OPENAI_AD_TOKEN), OPENAI_API_VERSION and AZURE_OPENAI_DEPLOYMENT."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # expected errors are one line (below); nothing may print locals or the key
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from .._version import __version__

        typer.echo(f"azure-openai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Azure OpenAI from the shell: chat, embed, and a local emulator of the service."""


class ClosedStdout(io.TextIOBase):
    """``sys.stdout`` of a process started without one (``>&-``): a write fails as on a closed pipe (``| head``)."""

    def write(self, text: str) -> int:
        """Refuse, as a pipe nobody reads does."""
        raise BrokenPipeError(errno.EPIPE, "stdout is closed")


def tolerant_output() -> None:
    """A terminal that cannot show a character (``PYTHONIOENCODING=cp1252``) gets a ``?``, not a traceback; no
    stdout at all (``>&-``, where Python sets ``sys.stdout`` to None) is a closed pipe, not ``None.write``.

    JSON output stays lossless there: ``dumps`` escapes what the encoding cannot hold.
    """
    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    for stream in (sys.stdout, sys.stderr):
        if not is_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")


def is_utf8(stream: object) -> bool:
    """Whether ``stream`` encodes UTF-8 (and so can show any text)."""
    return (getattr(stream, "encoding", None) or "").lower().replace("_", "-") in ("utf-8", "utf8")


def dumps(value: Any) -> str:
    """One line of JSON for stdout: non-ASCII as is on a UTF-8 stdout, escaped (still lossless) elsewhere."""
    return json.dumps(value, ensure_ascii=not is_utf8(sys.stdout))


def need_piped_stdin(usage: str) -> None:
    """Fail with the usage line unless stdin is piped: not a terminal, nor missing (``<&-``: ``sys.stdin`` None)."""
    if sys.stdin is None:
        fail(f"{usage} (stdin is closed)", EXIT_USAGE)
    if sys.stdin.isatty():
        fail(usage, EXIT_USAGE)


def check_arguments(args: Sequence[str]) -> None:
    """Arguments must be text: bytes that are not UTF-8 (``$'caf\\xe9'``) are a usage error, not a traceback."""
    for position, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:  # Python keeps undecodable argv bytes as lone surrogates
            byte = arg[exc.start].encode("utf-8", "surrogateescape")
            fail(f"argument {position + 1} is not UTF-8 text (character {exc.start}: {byte!r})", EXIT_USAGE)


def describe(exc: Exception) -> str:
    """The one line for an expected error; a content-filter block names the categories and severities; a cut
    stream says that the text printed is what arrived (the library points at ``.partial``, which a shell lacks)."""
    from .._errors import ContentFilterError
    from .._results.chat import ChatResult

    if isinstance(exc, ContentFilterError):
        categories = ", ".join(f"{name} ({severity or 'detected'})" for name, severity in exc.filtered.items())
        return f"blocked by the content filter{': ' + categories if categories else ''}; {exc}"
    partial = getattr(exc, "partial", None)
    if isinstance(partial, ChatResult):
        kept = [clause for clause in str(exc).split("; ") if ".partial" not in clause]
        return "; ".join([*kept, "the text above is what arrived" if partial.text else "no text had arrived"])
    return str(exc)
