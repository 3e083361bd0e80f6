"""``azure-openai embed``: one JSON line per text, batched and concurrent, in input order, memory flat."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import Annotated, Any, TextIO

import typer

from ._app import EXIT_INTERRUPTED, EXIT_USAGE, app, describe, dumps, fail, need_piped_stdin
from ._config_file import CONFIG_HELP
from ._connect import EMULATOR_HELP, connection

__all__ = ["EMULATOR_EMBED_DEPLOYMENT", "embed"]

#: The deployment ``--emulator`` uses when neither ``-d`` nor ``AZURE_OPENAI_DEPLOYMENT`` names one.
EMULATOR_EMBED_DEPLOYMENT = "text-embedding-ada-002"


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
    emulator: Annotated[bool, typer.Option("--emulator", help=EMULATOR_HELP)] = False,
    config: Annotated[str | None, typer.Option("--config", metavar="FILE", help=CONFIG_HELP)] = None,
) -> None:
    """Embed TEXTS (or each line of stdin); print one JSON object per text: index, text, embedding.

    Blank stdin lines are skipped (the service rejects empty input) and counted on stderr, a blank argument is
    refused; ``index`` is the position of the text among the arguments or the stdin lines, blank ones included.
    Lines are printed as soon as their batch is in, in input order; on a failure what was printed stays and the
    exit status is 1 (130 for Ctrl-C), the error line saying where to resume.
    """
    if texts:
        blank = next((position for position, text in enumerate(texts) if not text.strip()), None)
        if blank is not None:  # a blank line of a file is skipped; a blank argument is a mistake ("$UNSET")
            fail(f"text argument {blank + 1} is blank (the service embeds no empty text); drop it", EXIT_USAGE)
        numbered: Iterator[tuple[int, str]] = enumerate(texts)
    else:
        need_piped_stdin("no texts: pass them as arguments or pipe them on stdin, one per line")
        numbered = enumerate(_stdin_lines())
    progress = _Progress()
    with connection(
        emulator, deployment, EMULATOR_EMBED_DEPLOYMENT, operation="embeddings", config=config
    ) as arguments:
        try:
            asyncio.run(_embed_lines(arguments, numbered, batch_size, concurrency, sys.stdout, progress))
        except KeyboardInterrupt:
            fail(f"interrupted (Ctrl-C); {progress}", EXIT_INTERRUPTED)


class _Progress:
    """What is printed so far: the resume hint of a failure or a Ctrl-C."""

    def __init__(self) -> None:
        self.written = 0
        self.resume = 0  # the input index after the last one printed (blank lines on the way need no vector)

    def __str__(self) -> str:
        return f"{self.written} texts embedded and printed; input index {self.resume} and on not"


def _stdin_lines() -> Iterator[str]:
    """The lines of stdin, read lazily, split at LF, CRLF or CR as text-mode stdin splits; not UTF-8 fails."""
    offset = 0
    # A reader of our own on the descriptor, not sys.stdin.buffer: the reading thread may still be blocked in it
    # when the command exits (a failure, Ctrl-C), and a lock held on sys.stdin's aborts the interpreter's shutdown.
    with open(sys.stdin.fileno(), "rb", closefd=False) as stdin:
        for raw in stdin:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                at = offset + exc.start
                fail(f"stdin is not UTF-8 text (byte {at}: {raw[exc.start : exc.start + 1]!r})", EXIT_USAGE)
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
    arguments: dict[str, Any],
    numbered: Iterator[tuple[int, str]],
    batch_size: int,
    concurrency: int,
    out: TextIO,
    progress: _Progress,
) -> None:
    """Embed batch by batch, ``concurrency`` in flight, printing each batch's lines as soon as it is its turn.

    Memory stays flat in the input size: at most ``concurrency`` batches are read ahead and held.
    """
    from collections import deque

    from .._client import AsyncAzureOpenAI
    from .._errors import AzureOpenAIError

    blank = [0]
    batches = _batches(numbered, batch_size, blank)
    in_flight: deque[tuple[list[tuple[int, str]], asyncio.Future[Any]]] = deque()
    reading: asyncio.Future[list[tuple[int, str]] | None] | None = None
    exhausted = False
    started = 0
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
                        fail(f"{describe(exc)} ({progress})")
                    for (index, text), vector in zip(batch, result.vectors, strict=True):
                        out.write(dumps({"index": index, "text": text, "embedding": vector}))
                        out.write("\n")
                    out.flush()
                    progress.written += len(batch)
                    progress.resume = batch[-1][0] + 1
                    if tty:
                        typer.echo(f"\razure-openai: embedding: {progress.written} texts done", nl=False, err=True)
        finally:
            for _, task in in_flight:
                task.cancel()
            if in_flight:
                await asyncio.gather(*(task for _, task in in_flight), return_exceptions=True)
            if tty and progress.written:
                typer.echo("", err=True)
    if blank[0]:
        typer.echo(f"azure-openai: skipped {blank[0]} blank line(s)", err=True)
    if not progress.written:
        fail("nothing to embed: every input was blank", EXIT_USAGE)
