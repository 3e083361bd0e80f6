"""``azure-openai chat``: one question, or a conversation (``-i``), streamed, whole or as JSON."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from ._app import EXIT_FAILED, EXIT_USAGE, app, describe, dumps, fail, need_piped_stdin
from ._config_file import CONFIG_HELP
from ._connect import EMULATOR_HELP, open_client

if TYPE_CHECKING:
    from .._client import AzureOpenAI

__all__ = ["EMULATOR_CHAT_DEPLOYMENT", "SEED_SYSTEM", "SEED_TURNS", "AnswerFilteredError", "chat"]

#: The conversation the README demonstrates; ``--seed`` (implied by ``--emulator``) starts from it.
SEED_SYSTEM = "You are a helpful assistant."
SEED_TURNS: tuple[dict[str, str], ...] = (
    {"role": "user", "content": "Does Azure OpenAI support customer managed keys?"},
    {"role": "assistant", "content": "Yes, customer managed keys are supported by Azure OpenAI."},
)

#: The deployment ``--emulator`` uses when neither ``-d`` nor ``AZURE_OPENAI_DEPLOYMENT`` names one.
EMULATOR_CHAT_DEPLOYMENT = "gpt-35-turbo"


def _load_history(path: str) -> list[dict[str, Any]]:
    """Messages from a JSON file: a list of messages, or ``{"system": ..., "messages": [...]}``."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        fail(f"cannot read --history file {path!r}: {exc.strerror or exc}", EXIT_USAGE)
    except ValueError as exc:
        fail(f"--history file {path!r} is not valid JSON ({exc})", EXIT_USAGE)
    messages: list[Any] = []
    if isinstance(data, dict) and isinstance(data.get("messages", []), list):
        if isinstance(data.get("system"), str):
            messages.append({"role": "system", "content": data["system"]})
        messages.extend(data.get("messages", []))
    elif isinstance(data, list):
        messages = data
    else:
        fail(
            f"--history file {path!r} holds no messages; expected a JSON list of messages or "
            '{"system": ..., "messages": [...]}',
            EXIT_USAGE,
        )
    for position, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            fail(
                f"--history file {path!r}: message {position} is not an object with a 'role'; expected a JSON list "
                'of messages like [{"role": "user", "content": "..."}]',
                EXIT_USAGE,
            )
    return messages


def _read_message(words: Sequence[str] | None) -> str:
    if words:
        if not "".join(words).strip():  # chat "$UNSET": a question the service would answer anyway
            fail("the message given is empty; pass some text, or none to read it from stdin", EXIT_USAGE)
        return " ".join(words)
    need_piped_stdin("no message: pass it as arguments, pipe it on stdin, or use -i for a conversation")
    text = _stdin_text().strip()
    if not text:
        fail("the message read from stdin is empty", EXIT_USAGE)
    return text


def _stdin_text() -> str:
    """All of stdin as UTF-8 text (the service takes nothing else); other bytes are a usage error, not a traceback."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"stdin is not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", EXIT_USAGE)


class AnswerFilteredError(Exception):
    """The answer was cut by the content filter (``finish_reason`` ``content_filter``); what came was printed."""


def _filtered_note(result: Any) -> None:
    """An answer cut by the content filter is printed as far as it came, then reported as a failure."""
    if result.finish_reason == "content_filter":
        completion = result.content_filter.completion
        categories = ", ".join(completion.filtered) if completion is not None else ""
        raise AnswerFilteredError(
            f"the answer was stopped by the content filter{': ' + categories if categories else ''}"
        )


def _save(path: str | None, messages: list[dict[str, Any]]) -> None:
    """Write the conversation as a JSON list of messages (what ``--history`` and ``Conversation.from_json`` read)."""
    if path is None:
        return
    temporary = f"{path}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(messages, handle, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except OSError as exc:
        fail(f"cannot write --save file {path!r}: {exc.strerror or exc}")


def _ask(client: AzureOpenAI, messages: list[dict[str, Any]], *, stream: bool, as_json: bool, out: TextIO) -> str:
    """Send ``messages``; print the answer (streamed, whole, or as JSON); return the answer text."""
    if as_json:
        result = client.chat(messages)
        typer.echo(dumps(result.raw), file=out)
        _filtered_note(result)
        return result.text or ""
    if not stream:
        result = client.chat(messages)
        typer.echo(result.text or "", file=out)
        _filtered_note(result)
        return result.text or ""
    printed = False
    try:
        with client.chat_stream(messages) as events:
            for event in events:
                if event.text:
                    printed = True  # first: a Ctrl-C right after the write must still end the line
                    out.write(event.text)
                    out.flush()
            final = events.final()
    finally:
        if printed:  # end the line of whatever arrived, also when the stream failed part-way
            typer.echo("", file=out)
    if not printed:
        typer.echo("", file=out)
    _filtered_note(final)
    text: str = final.text or ""
    return text


@app.command()
def chat(
    message: Annotated[list[str] | None, typer.Argument(help="The message (default: read from stdin).")] = None,
    deployment: Annotated[
        str | None, typer.Option("-d", "--deployment", help="Deployment name (default: AZURE_OPENAI_DEPLOYMENT).")
    ] = None,
    system: Annotated[str | None, typer.Option("-s", "--system", help="System prompt.")] = None,
    history: Annotated[
        str | None, typer.Option("--history", metavar="FILE", help="JSON file of earlier messages to continue from.")
    ] = None,
    seed: Annotated[
        bool | None,
        typer.Option(
            "--seed/--no-seed",
            help="Start from the README's seed conversation (default: on with --emulator unless -s/--history).",
            show_default=False,
        ),
    ] = None,
    stream: Annotated[bool, typer.Option("--stream/--no-stream", help="Print the answer as it arrives.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole response as JSON (not streamed).")] = False,
    interactive: Annotated[
        bool, typer.Option("-i", "--interactive", help="A conversation: read messages from stdin until EOF.")
    ] = False,
    save: Annotated[
        str | None,
        typer.Option("--save", metavar="FILE", help="Write the conversation to FILE (JSON) after each answer."),
    ] = None,
    emulator: Annotated[bool, typer.Option("--emulator", help=EMULATOR_HELP)] = False,
    config: Annotated[str | None, typer.Option("--config", metavar="FILE", help=CONFIG_HELP)] = None,
) -> None:
    """Chat with a deployment: MESSAGE from the arguments or stdin; -i for a conversation."""
    if seed is None:
        seed = emulator and system is None and history is None
    messages: list[dict[str, Any]] = []
    if seed:
        messages += [{"role": "system", "content": system or SEED_SYSTEM}, *map(dict, SEED_TURNS)]
    elif system is not None:
        messages.append({"role": "system", "content": system})
    if history is not None:
        messages += _load_history(history)

    if interactive and sys.stdin is None:  # started with <&-: no line would ever come
        fail("-i reads the conversation from stdin, which is closed", EXIT_USAGE)
    first = _read_message(message) if message or not interactive else None
    note = "; continuing the seed conversation (--no-seed: only your message)" if seed else ""
    with open_client(emulator, deployment, EMULATOR_CHAT_DEPLOYMENT, note, config) as client:
        out = sys.stdout
        if first is not None:
            messages.append({"role": "user", "content": first})
            messages.append(
                {"role": "assistant", "content": _ask(client, messages, stream=stream, as_json=as_json, out=out)}
            )
            _save(save, messages)
        if not interactive:
            return
        if _session(client, messages, stream=stream, as_json=as_json, save=save, out=out):
            raise typer.Exit(EXIT_FAILED)  # the session went on, but a script reading the exit status must learn


def _prompt_reader() -> Callable[[], str | None]:
    """A function reading the next message: the line read, ``None`` at the end of the session.

    On a terminal the line is read with ``input()`` and line editing (readline, where the platform has it), the
    prompt on stderr when stdout is not the terminal; Ctrl-D and Ctrl-C at the prompt end the session after a
    newline, so the shell prompt does not start mid-line. Other stdin is read as UTF-8 lines.
    """
    if not sys.stdin.isatty():

        def read_piped() -> str | None:
            raw = sys.stdin.buffer.readline()
            if not raw:
                return None
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _NotText(
                    f"this line of stdin is not UTF-8 text (byte {exc.start}: {raw[exc.start : exc.start + 1]!r})"
                ) from None

        return read_piped
    with contextlib.suppress(ImportError):  # no readline on Windows: input() still reads a line
        import readline  # noqa: F401  # imported for its effect: input() gets line editing and history

    prompt_on_stdout = sys.stdout.isatty()

    def read_terminal() -> str | None:
        try:
            if prompt_on_stdout:
                return input("you> ")
            typer.echo("you> ", nl=False, err=True)
            return input()
        except (EOFError, KeyboardInterrupt):
            typer.echo("", err=True)  # end the prompt's line
            return None
        except UnicodeDecodeError as exc:
            raise _NotText(f"the line typed is not text in the terminal's encoding ({exc.reason})") from None

    return read_terminal


class _NotText(Exception):
    """A line of the session that cannot be read as text: reported, then the session goes on."""


def _session(
    client: AzureOpenAI, messages: list[dict[str, Any]], *, stream: bool, as_json: bool, save: str | None, out: TextIO
) -> bool:
    """``chat -i``: ask each line until EOF or ``/exit``; whether a turn failed.

    A failed turn (429, content filter, a line that is not text) prints its error line and the session goes on
    without that question; Ctrl-C during an answer stops that answer, not the session.
    """
    from .._errors import AuthenticationError, AzureOpenAIError, ConfigurationError

    read = _prompt_reader()
    failed = False
    while True:
        try:
            line = read()
        except _NotText as exc:
            typer.echo(f"azure-openai: error: {exc}", err=True)
            failed = True
            continue
        if line is None:
            return failed
        text = line.strip()
        if not text:
            continue
        if text in ("/exit", "/quit"):
            return failed
        messages.append({"role": "user", "content": text})
        try:
            answer = _ask(client, messages, stream=stream, as_json=as_json, out=out)
        except KeyboardInterrupt:
            typer.echo("azure-openai: answer interrupted (Ctrl-C); the question is forgotten", err=True)
            messages.pop()
            continue
        except (ConfigurationError, AuthenticationError):
            raise
        except (AzureOpenAIError, AnswerFilteredError) as exc:
            typer.echo(f"azure-openai: error: {describe(exc)}", err=True)
            messages.pop()
            failed = True
            continue
        messages.append({"role": "assistant", "content": answer})
        _save(save, messages)
