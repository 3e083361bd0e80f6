"""The ``azure-openai`` command: chat, embed and the local emulator, configured from the library's environment.

Built on typer rather than click: typer carries its own copy of click, while a top-level ``click`` package makes
``import httpx`` load httpx's optional command line (click, rich and pygments, all present here) on every import
of the library, ~115 ms that would break the import-time budget. The library never imports this module.

Expected failures (missing configuration, 401, 404 deployment, 429, content filter, a bad input file) print one
line on stderr and exit non-zero without a traceback; the key never reaches the output because only the
library's own (secret-free) error messages are printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer

if TYPE_CHECKING:
    from ._client import AzureOpenAI

#: The conversation the README demonstrates; ``--seed`` (implied by ``--emulator``) starts from it.
SEED_SYSTEM = "You are a helpful assistant."
SEED_TURNS: tuple[dict[str, str], ...] = (
    {"role": "user", "content": "Does Azure OpenAI support customer managed keys?"},
    {"role": "assistant", "content": "Yes, customer managed keys are supported by Azure OpenAI."},
)

#: Deployment names used with ``--emulator`` when neither ``-d`` nor ``AZURE_OPENAI_DEPLOYMENT`` names one.
EMULATOR_CHAT_DEPLOYMENT = "gpt-35-turbo"
EMULATOR_EMBED_DEPLOYMENT = "text-embedding-ada-002"

#: Exit codes: 1 for a failed call, 2 for bad usage or configuration (click's own convention).
EXIT_FAILED, EXIT_USAGE = 1, 2

_ENDPOINT_ENV = "AZURE_OPENAI_ENDPOINT"
_DEPLOYMENT_ENV = "AZURE_OPENAI_DEPLOYMENT"


def _fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
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
        from ._version import __version__

        typer.echo(f"azure-openai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Azure OpenAI from the shell: chat, embed, and a local emulator of the service."""


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``azure-openai`` console script and ``python -m azure_openai``.

    The library's typed errors become one line on stderr and an exit code, never a traceback.
    """
    from ._errors import AzureOpenAIError, ConfigurationError

    _tolerant_output()
    args = list(argv) if argv is not None else sys.argv[1:]
    _check_arguments(args)
    try:
        app(args=args, prog_name="azure-openai")
    except ConfigurationError as exc:
        _fail(str(exc), EXIT_USAGE)
    except (AzureOpenAIError, AnswerFilteredError) as exc:
        _fail(_describe(exc))
    # Ctrl-C ("Aborted!") and a closed pipe (``| head``) are handled by click's standalone mode: exit 1, no trace.


def _tolerant_output() -> None:
    """A terminal that cannot show a character (``PYTHONIOENCODING=cp1252``) gets a ``?``, not a traceback.

    JSON output stays lossless there: ``_dumps`` escapes what the encoding cannot hold.
    """
    for stream in (sys.stdout, sys.stderr):
        if not _is_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")


def _is_utf8(stream: TextIO) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("_", "-") in ("utf-8", "utf8")


def _dumps(value: Any) -> str:
    """One line of JSON for stdout: non-ASCII as is on a UTF-8 stdout, escaped (still lossless) elsewhere."""
    return json.dumps(value, ensure_ascii=not _is_utf8(sys.stdout))


def _check_arguments(args: Sequence[str]) -> None:
    """Arguments must be text: bytes that are not UTF-8 (``$'caf\\xe9'``) are a usage error, not a traceback."""
    for position, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:  # Python keeps undecodable argv bytes as lone surrogates
            byte = arg[exc.start].encode("utf-8", "surrogateescape")
            _fail(f"argument {position + 1} is not UTF-8 text (character {exc.start}: {byte!r})", EXIT_USAGE)


# ----------------------------------------------------------------------------------------------------- client


def _testing() -> Any:
    """``azure_openai.testing``, or one clear line when its extra (jsonschema) is not installed."""
    try:
        from . import testing
    except ImportError as exc:
        _fail(f"the emulator needs the 'testing' extra ({exc}): pip install 'azure-openai-rest[testing]'", EXIT_USAGE)
    return testing


def _emulated_deployment(
    deployments: Mapping[str, str], operation: str, default: str, *, keep_unknown: bool
) -> str | None:
    """The deployment for ``operation`` on an emulator: ``AZURE_OPENAI_DEPLOYMENT`` if it serves it, else ``default``.

    The emulator's export lines name its chat deployment, which would answer ``embed`` with a 400. A name the
    emulator does not know is another resource's (built-in emulator: ignored) or the user's own (kept).
    """
    from_env = os.environ.get(_DEPLOYMENT_ENV)
    model = deployments.get(from_env) if from_env else None
    if model is None:
        return from_env if keep_unknown and from_env else default
    from .testing._service_errors import supports

    return from_env if supports(model, operation) else default


@contextmanager
def _connection(
    emulator: bool,
    deployment: str | None,
    emulator_deployment: str,
    note: str = "",
    operation: str = "chat/completions",
) -> Iterator[dict[str, Any]]:
    """Client arguments: the environment's resource, or with ``--emulator`` and no endpoint set, the emulator's."""
    if emulator and not os.environ.get(_ENDPOINT_ENV):
        testing = _testing()

        typer.echo(
            f"azure-openai: using the built-in emulator (set {_ENDPOINT_ENV} for a real resource){note}", err=True
        )
        with testing.Emulator() as emu:
            chosen = deployment or _emulated_deployment(
                emu.deployments, operation, emulator_deployment, keep_unknown=False
            )
            yield {"endpoint": emu.endpoint, "api_key": emu.api_key, "deployment": chosen}
        return
    if emulator and deployment is None:  # the endpoint is an emulator (`azure-openai emulator`'s export lines)
        deployment = _emulated_deployment(
            _testing().DEFAULT_DEPLOYMENTS, operation, emulator_deployment, keep_unknown=True
        )
    yield {"deployment": deployment}


@contextmanager
def _open_client(
    emulator: bool, deployment: str | None, emulator_deployment: str, note: str = ""
) -> Iterator[AzureOpenAI]:
    """The configured synchronous client (see ``_connection``)."""
    from ._client import AzureOpenAI

    with _connection(emulator, deployment, emulator_deployment, note) as arguments, AzureOpenAI(**arguments) as client:
        yield client


# ------------------------------------------------------------------------------------------------------- chat


def _load_history(path: str) -> list[dict[str, Any]]:
    """Messages from a JSON file: a list of messages, or ``{"system": ..., "messages": [...]}``."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        _fail(f"cannot read --history file {path!r}: {exc.strerror or exc}", EXIT_USAGE)
    except ValueError as exc:
        _fail(f"--history file {path!r} is not valid JSON ({exc})", EXIT_USAGE)
    messages: list[Any] = []
    if isinstance(data, dict) and isinstance(data.get("messages", []), list):
        if isinstance(data.get("system"), str):
            messages.append({"role": "system", "content": data["system"]})
        messages.extend(data.get("messages", []))
    elif isinstance(data, list):
        messages = data
    else:
        _fail(
            f"--history file {path!r} holds no messages; expected a JSON list of messages or "
            '{"system": ..., "messages": [...]}',
            EXIT_USAGE,
        )
    for position, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            _fail(
                f"--history file {path!r}: message {position} is not an object with a 'role'; expected a JSON list "
                'of messages like [{"role": "user", "content": "..."}]',
                EXIT_USAGE,
            )
    return messages


def _read_message(words: Sequence[str] | None) -> str:
    if words:
        return " ".join(words)
    if sys.stdin.isatty():
        _fail("no message: pass it as arguments, pipe it on stdin, or use -i for a conversation", EXIT_USAGE)
    text = _stdin_text().strip()
    if not text:
        _fail("the message read from stdin is empty", EXIT_USAGE)
    return text


def _stdin_text() -> str:
    """All of stdin as UTF-8 text (the service takes nothing else); other bytes are a usage error, not a traceback."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(f"stdin is not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", EXIT_USAGE)


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


def _describe(exc: Exception) -> str:
    """The one line for an expected error; a content-filter block names the categories and severities."""
    from ._errors import ContentFilterError

    if isinstance(exc, ContentFilterError):
        categories = ", ".join(f"{name} ({severity or 'detected'})" for name, severity in exc.filtered.items())
        return f"blocked by the content filter{': ' + categories if categories else ''}; {exc}"
    return str(exc)


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
        _fail(f"cannot write --save file {path!r}: {exc.strerror or exc}")


def _ask(client: AzureOpenAI, messages: list[dict[str, Any]], *, stream: bool, as_json: bool, out: TextIO) -> str:
    """Send ``messages``; print the answer (streamed, whole, or as JSON); return the answer text."""
    if as_json:
        result = client.chat(messages)
        typer.echo(_dumps(result.raw), file=out)
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


_EMULATOR_HELP = f"Use the built-in emulator unless {_ENDPOINT_ENV} is set."


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
    emulator: Annotated[bool, typer.Option("--emulator", help=_EMULATOR_HELP)] = False,
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

    first = _read_message(message) if message or not interactive else None
    note = "; continuing the seed conversation (--no-seed: only your message)" if seed else ""
    with _open_client(emulator, deployment, EMULATOR_CHAT_DEPLOYMENT, note) as client:
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
    from ._errors import AuthenticationError, AzureOpenAIError, ConfigurationError

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
            typer.echo(f"azure-openai: error: {_describe(exc)}", err=True)
            messages.pop()
            failed = True
            continue
        messages.append({"role": "assistant", "content": answer})
        _save(save, messages)


# ------------------------------------------------------------------------------------------------------ embed


@app.command()
def embed(
    texts: Annotated[list[str] | None, typer.Argument(help="Texts to embed (default: each line of stdin).")] = None,
    deployment: Annotated[
        str | None,
        typer.Option("-d", "--deployment", help="Embeddings deployment name (default: AZURE_OPENAI_DEPLOYMENT)."),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1, max=2048, help="Inputs per request (batch-size x concurrency vectors are held)."
        ),
    ] = 256,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Requests in flight at once for large inputs.")
    ] = 4,
    emulator: Annotated[bool, typer.Option("--emulator", help=_EMULATOR_HELP)] = False,
) -> None:
    """Embed TEXTS (or each line of stdin); print one JSON object per text: index, text, embedding.

    Blank stdin lines are skipped (the service rejects empty input) and counted on stderr; ``index`` is the
    position of the text among the arguments or the stdin lines, blank ones included. Lines are printed as
    soon as their batch is in, in input order; on a failure what was printed stays and the exit status is 1.
    """
    if texts:
        numbered: Iterator[tuple[int, str]] = enumerate(texts)
    elif sys.stdin.isatty():
        _fail("no texts: pass them as arguments or pipe them on stdin, one per line", EXIT_USAGE)
    else:
        numbered = enumerate(_stdin_lines())
    with _connection(emulator, deployment, EMULATOR_EMBED_DEPLOYMENT, operation="embeddings") as arguments:
        asyncio.run(_embed_lines(arguments, numbered, batch_size, concurrency, sys.stdout))


def _stdin_lines() -> Iterator[str]:
    """The lines of stdin, read lazily, split at LF, CRLF or CR as text-mode stdin splits; not UTF-8 fails."""
    offset = 0
    for raw in sys.stdin.buffer:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            at = offset + exc.start
            _fail(f"stdin is not UTF-8 text (byte {at}: {raw[exc.start : exc.start + 1]!r})", EXIT_USAGE)
        offset += len(raw)
        line = line[:-1] if line.endswith("\n") else line
        line = line[:-1] if line.endswith("\r") else line
        yield from line.split("\r")


def _batches(numbered: Iterator[tuple[int, str]], size: int, blank: list[int]) -> Iterator[list[tuple[int, str]]]:
    """Batches of ``size`` non-blank texts with their input index; blank ones are counted in ``blank[0]``."""
    batch: list[tuple[int, str]] = []
    for index, text in numbered:
        if not text.strip():
            blank[0] += 1
            continue
        batch.append((index, text))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _read_in_thread(batches: Iterator[list[tuple[int, str]]]) -> asyncio.Future[list[tuple[int, str]] | None]:
    """The next batch (``None`` at the end), read in a daemon thread: stdin may be a slow pipe, and the requests
    in flight and the printing must go on meanwhile; a daemon thread does not hold up the exit after a failure."""
    import threading

    loop = asyncio.get_running_loop()
    future: asyncio.Future[list[tuple[int, str]] | None] = loop.create_future()

    def settle(value: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)

    def read() -> None:
        try:
            value = next(batches, None)
        except BaseException as exc:  # incl. the SystemExit of a usage error (stdin not UTF-8)
            loop.call_soon_threadsafe(settle, None, exc)
        else:
            loop.call_soon_threadsafe(settle, value, None)

    threading.Thread(target=read, name="azure-openai stdin", daemon=True).start()
    return future


async def _embed_lines(
    arguments: dict[str, Any], numbered: Iterator[tuple[int, str]], batch_size: int, concurrency: int, out: TextIO
) -> None:
    """Embed batch by batch, ``concurrency`` in flight, printing each batch's lines as soon as it is its turn.

    Memory stays flat in the input size: at most ``concurrency`` batches are read ahead and held.
    """
    from collections import deque

    from ._client import AsyncAzureOpenAI
    from ._errors import AzureOpenAIError

    blank = [0]
    batches = _batches(numbered, batch_size, blank)
    in_flight: deque[tuple[list[tuple[int, str]], asyncio.Future[Any]]] = deque()
    reading: asyncio.Future[list[tuple[int, str]] | None] | None = None
    exhausted = False
    written = started = 0
    tty = sys.stderr.isatty()
    async with AsyncAzureOpenAI(**arguments) as client:
        try:
            while True:
                if reading is None and not exhausted and len(in_flight) < concurrency:
                    reading = _read_in_thread(batches)
                waiting = [f for f in (reading, in_flight[0][1] if in_flight else None) if f is not None]
                if not waiting:
                    break
                await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
                if reading is not None and reading.done():
                    batch = reading.result()
                    reading = None
                    if batch is None:
                        exhausted = True
                    else:
                        started += 1
                        if started == 2:  # more than one request: say so (the total is unknown until stdin ends)
                            typer.echo(f"azure-openai: embedding in batches of {batch_size}", err=True)
                        texts = [text for _, text in batch]
                        in_flight.append((batch, asyncio.ensure_future(client.embed(texts, batch_size=batch_size))))
                while in_flight and in_flight[0][1].done():
                    batch, task = in_flight.popleft()
                    try:
                        result = task.result()
                    except AzureOpenAIError as exc:
                        first = batch[0][0]
                        _fail(
                            f"{_describe(exc)} ({written} texts embedded and printed; input index {first} and on not)"
                        )
                    for (index, text), vector in zip(batch, result.vectors, strict=True):
                        out.write(_dumps({"index": index, "text": text, "embedding": vector}))
                        out.write("\n")
                    out.flush()
                    written += len(batch)
                    if tty:
                        typer.echo(f"\razure-openai: embedding: {written} texts done", nl=False, err=True)
        finally:
            for _, task in in_flight:
                task.cancel()
            if in_flight:
                await asyncio.gather(*(task for _, task in in_flight), return_exceptions=True)
            if tty and written:
                typer.echo("", err=True)
    if blank[0]:
        typer.echo(f"azure-openai: skipped {blank[0]} blank line(s)", err=True)
    if not written:
        _fail("nothing to embed: every input was blank", EXIT_USAGE)


# --------------------------------------------------------------------------------------------------- emulator


_DEPLOYMENT_HELP = (
    "A deployment, NAME[=MODEL][,tpm=N][,rpm=N] (repeatable; rpm defaults to 6 per 1,000 tpm). "
    "Default: the emulator's usual five, unlimited."
)
_MODE_HELP = (
    "emulate (made-up answers), record (forward to the real endpoint and save its answers) or replay "
    "(answer from the recording). Default: replay with --recording, else emulate."
)
_UPSTREAM_HELP = (
    f"Record mode: the real endpoint (default: {_ENDPOINT_ENV}); its key or token comes from the "
    "environment (AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN), never from the command line."
)


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
    testing = _testing()
    chosen: dict[str, Any] | None = None
    if deployments:
        from .testing._config import parse_deployment_option

        chosen = dict(parse_deployment_option(text) for text in deployments)
    latency = testing.Latency(
        first_token_ms=first_token_ms, per_token_ms=per_token_ms, embeddings_ms=embeddings_ms, spread=spread
    )
    testing.serve(
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
