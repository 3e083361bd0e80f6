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
import json
import os
import sys
from collections.abc import Iterator, Sequence
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

    try:
        app(args=list(argv) if argv is not None else None, prog_name="azure-openai")
    except ConfigurationError as exc:
        _fail(str(exc), EXIT_USAGE)
    except (AzureOpenAIError, AnswerFilteredError) as exc:
        _fail(_describe(exc))
    # Ctrl-C ("Aborted!") and a closed pipe (``| head``) are handled by click's standalone mode: exit 1, no trace.


# ----------------------------------------------------------------------------------------------------- client


def _testing() -> Any:
    """``azure_openai.testing``, or one clear line when its extra (jsonschema) is not installed."""
    try:
        from . import testing
    except ImportError as exc:
        _fail(f"the emulator needs the 'testing' extra ({exc}): pip install 'azure-openai-rest[testing]'", EXIT_USAGE)
    return testing


@contextmanager
def _connection(
    emulator: bool, deployment: str | None, emulator_deployment: str, note: str = ""
) -> Iterator[dict[str, Any]]:
    """Client arguments: the environment's resource, or with ``--emulator`` and no endpoint set, the emulator's."""
    if emulator and not os.environ.get(_ENDPOINT_ENV):
        Emulator = _testing().Emulator

        typer.echo(
            f"azure-openai: using the built-in emulator (set {_ENDPOINT_ENV} for a real resource){note}", err=True
        )
        with Emulator() as emu:
            # AZURE_OPENAI_DEPLOYMENT usually names a deployment of the real resource: use it only if emulated.
            from_env = os.environ.get(_DEPLOYMENT_ENV)
            chosen = deployment or (from_env if from_env in emu.deployments else emulator_deployment)
            yield {"endpoint": emu.endpoint, "api_key": emu.api_key, "deployment": chosen}
        return
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
        typer.echo(json.dumps(result.raw, ensure_ascii=False), file=out)
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
                    out.write(event.text)
                    out.flush()
                    printed = True
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
        from ._errors import AuthenticationError, AzureOpenAIError, ConfigurationError

        tty = sys.stdin.isatty()
        failed = False
        while True:
            if tty:
                typer.echo("you> ", nl=False, err=True)
            line = sys.stdin.readline()
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if text in ("/exit", "/quit"):
                break
            messages.append({"role": "user", "content": text})
            try:
                answer = _ask(client, messages, stream=stream, as_json=as_json, out=out)
            except (ConfigurationError, AuthenticationError):
                raise
            except (AzureOpenAIError, AnswerFilteredError) as exc:
                # One failed turn does not end the session: say why, forget the question, read the next one.
                typer.echo(f"azure-openai: error: {_describe(exc)}", err=True)
                messages.pop()
                failed = True
                continue
            messages.append({"role": "assistant", "content": answer})
            _save(save, messages)
        if failed:  # the session went on, but a script reading the exit status must learn a turn failed
            raise typer.Exit(EXIT_FAILED)


# ------------------------------------------------------------------------------------------------------ embed


@app.command()
def embed(
    texts: Annotated[list[str] | None, typer.Argument(help="Texts to embed (default: each line of stdin).")] = None,
    deployment: Annotated[
        str | None,
        typer.Option("-d", "--deployment", help="Embeddings deployment name (default: AZURE_OPENAI_DEPLOYMENT)."),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Inputs per request.")] = 2048,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Requests in flight at once for large inputs.")
    ] = 4,
    emulator: Annotated[bool, typer.Option("--emulator", help=_EMULATOR_HELP)] = False,
) -> None:
    """Embed TEXTS (or each line of stdin); print one JSON object per text: index, text, embedding.

    Blank stdin lines are skipped (the service rejects empty input) and counted on stderr; ``index`` is the
    position of the text among the arguments or the stdin lines, blank ones included.
    """
    if texts:
        numbered = list(enumerate(texts))
    elif sys.stdin.isatty():
        _fail("no texts: pass them as arguments or pipe them on stdin, one per line", EXIT_USAGE)
    else:
        lines = _stdin_text().replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as text-mode stdin splits
        if lines[-1] == "":
            lines.pop()  # after the last line end
        numbered = list(enumerate(lines))
    kept = [(i, t) for i, t in numbered if t.strip()]
    if len(kept) < len(numbered):
        typer.echo(f"azure-openai: skipped {len(numbered) - len(kept)} blank line(s)", err=True)
    if not kept:
        _fail("nothing to embed: every input was blank", EXIT_USAGE)
    inputs = [t for _, t in kept]
    with _connection(emulator, deployment, EMULATOR_EMBED_DEPLOYMENT) as arguments:
        result = asyncio.run(_embed_all(arguments, inputs, batch_size, concurrency))
    out = sys.stdout
    for (index, text), vector in zip(kept, result.vectors, strict=True):
        out.write(json.dumps({"index": index, "text": text, "embedding": vector}, ensure_ascii=False))
        out.write("\n")
    out.flush()


async def _embed_all(arguments: dict[str, Any], inputs: list[str], batch_size: int, concurrency: int) -> Any:
    """Embed with up to ``concurrency`` batches in flight; a progress bar on stderr when there is more than one."""
    from ._client import AsyncAzureOpenAI

    async with AsyncAzureOpenAI(**arguments) as client:
        if len(inputs) <= batch_size:
            return await client.embed(inputs, batch_size=batch_size)
        with typer.progressbar(length=len(inputs), label="embedding", file=sys.stderr) as bar:
            done = 0

            def advance(embedded: int, _total: int) -> None:
                nonlocal done
                bar.update(embedded - done)
                done = embedded

            return await client.embed(inputs, batch_size=batch_size, max_concurrency=concurrency, on_progress=advance)


# --------------------------------------------------------------------------------------------------- emulator


_DEPLOYMENT_HELP = (
    "A deployment, NAME[=MODEL][,tpm=N][,rpm=N] (repeatable; rpm defaults to 6 per 1,000 tpm). "
    "Default: the emulator's usual five, unlimited."
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
    )
