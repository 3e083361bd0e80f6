"""``azure-openai embed`` streams: each batch's lines as soon as it is in, in order; a failure keeps them."""

from __future__ import annotations

import json
import selectors
import signal
import subprocess
from typing import IO

import pytest
from azure_openai.testing import Emulator, Fault

from .test_cli import CLI, assert_one_line_error, base_env, emu, emulator, env_for, run

pytestmark = pytest.mark.slow  # runs the azure-openai command in subprocesses

__all__ = ["emu", "emulator"]  # the fixtures, re-used


def read_line(stream: IO[str]) -> str:
    """One line of the child's stdout; a child that never writes it fails the test instead of hanging it."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    ready = selector.select(timeout=60)
    selector.close()
    assert ready, "the CLI wrote nothing"
    return stream.readline()


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CLI, *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


@pytest.mark.slow
def test_each_batch_is_printed_while_stdin_is_still_open_and_a_failure_keeps_what_was_done(emu: Emulator) -> None:
    # several requests may be in flight, but the first batch is printed while stdin has no more to give
    proc = spawn(["embed", "-d", "text-embedding-ada-002", "--batch-size", "2", "--concurrency", "3"], env_for(emu))
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("one\n\ntwo\n")  # a blank line counts for the index but is not sent
    proc.stdin.flush()
    first = [json.loads(read_line(proc.stdout)) for _ in range(2)]  # printed before stdin ends: read lazily
    assert [(row["index"], row["text"]) for row in first] == [(0, "one"), (2, "two")]
    # both remaining batches fail: they may reach the emulator in either order, and the first in input order wins
    emu.inject(Fault.error(400), times=2, operation="embeddings")
    rest, stderr = proc.communicate("three\nfour\nfive\n", timeout=60)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, "".join(json.dumps(r) for r in first) + rest, stderr)
    assert_one_line_error(done, 1, "2 texts embedded and printed", "input index 3")
    assert rest == ""  # nothing after the failed batch, nothing out of order


@pytest.mark.slow
def test_lines_come_out_in_input_order_with_several_batches_in_flight(emu: Emulator) -> None:
    lines = [f"line {i}" for i in range(30)]
    proc = run(
        ["embed", "-d", "text-embedding-ada-002", "--batch-size", "4", "--concurrency", "3"],
        env_for(emu),
        stdin="\n".join(lines) + "\r\n",
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(row["index"], row["text"]) for row in rows] == list(enumerate(lines))
    assert sum(1 for r in emu.requests if r.operation == "embeddings") == 8


@pytest.mark.slow
def test_embed_emulator_uses_an_embeddings_deployment_not_the_exported_chat_one(emu: Emulator) -> None:
    env = env_for(emu)  # what `azure-openai emulator` exports: AZURE_OPENAI_DEPLOYMENT=gpt-35-turbo (chat)
    proc = run(["embed", "--emulator", "hello"], env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == "hello"
    assert [r.deployment for r in emu.requests] == ["text-embedding-ada-002"]
    built_in = base_env()
    built_in["AZURE_OPENAI_DEPLOYMENT"] = "gpt-35-turbo"
    proc = run(["embed", "--emulator", "hello"], built_in)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["embedding"]) > 1


@pytest.mark.slow
def test_ctrl_c_says_what_was_printed_and_where_to_resume(emu: Emulator) -> None:
    proc = spawn(["embed", "-d", "text-embedding-ada-002", "--batch-size", "2"], env_for(emu))
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write("one\n\ntwo\n")
    proc.stdin.flush()
    first = [json.loads(read_line(proc.stdout)) for _ in range(2)]
    assert [row["index"] for row in first] == [0, 2]
    proc.send_signal(signal.SIGINT)  # while it waits for more of stdin, which stays open
    try:
        code = proc.wait(timeout=60)  # the signal alone ends it: stdin is closed only after (not at EOF)
    finally:
        proc.stdin.close()
        proc.kill()  # (a no-op once it has exited)
    rest, stderr = proc.stdout.read(), proc.stderr.read()
    done = subprocess.CompletedProcess(proc.args, code, rest, stderr)
    assert_one_line_error(done, 130, "interrupted (Ctrl-C); 2 texts embedded and printed; input index 3 and on not")
    assert rest == ""


@pytest.mark.slow
def test_a_failure_while_stdin_is_still_open_exits_in_one_line(emu: Emulator) -> None:
    # The thread reading stdin is still blocked in it when the command exits: that must not abort the exit.
    emu.inject(Fault.error(400), operation="embeddings")
    proc = spawn(["embed", "-d", "text-embedding-ada-002", "--batch-size", "1"], env_for(emu))
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write("one\n")
    proc.stdin.flush()
    error = proc.stderr.read()  # to the end: the process has exited, stdin still open
    proc.stdin.close()
    done = subprocess.CompletedProcess(proc.args, proc.wait(timeout=60), "", error)
    assert_one_line_error(done, 1, "0 texts embedded and printed; input index 0 and on not")
