"""The CLI never shows a traceback for text it cannot read or write, and ``chat -i`` survives Ctrl-C."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys

import pytest
from azure_openai.testing import Emulator, Fault

from .test_cli import CLI, assert_one_line_error, chat_bodies, emu, emulator, env_for

pytestmark = pytest.mark.slow  # runs the azure-openai command in subprocesses

__all__ = ["emu", "emulator"]  # the fixtures, re-used


def run_bytes(args: list[bytes], env: dict[str, str], stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([CLI.encode(), *args], input=stdin, env=env, capture_output=True, timeout=60, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.mark.slow
@pytest.mark.parametrize("command", [[b"chat"], [b"embed"], [b"chat", b"-s"]])
def test_an_argument_that_is_not_utf8_is_a_one_line_usage_error(emu: Emulator, command: list[bytes]) -> None:
    proc = run_bytes([*command, b"caf\xe9"], env_for(emu))
    assert_one_line_error(proc, 2, "is not UTF-8 text (character 3: b'\\xe9')")
    assert emu.requests == []


@pytest.mark.slow
def test_a_line_of_chat_i_that_is_not_utf8_is_one_error_and_the_session_goes_on(emu: Emulator) -> None:
    proc = run_bytes([b"chat", b"-i", b"--no-stream"], env_for(emu), stdin=b"caf\xe9\nstill here\n")
    assert_one_line_error(proc, 1, "not UTF-8 text (byte 3: b'\\xe9')")
    assert chat_bodies(emu)[-1]["messages"] == [{"role": "user", "content": "still here"}]
    assert "still here" in proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("stream", ["--stream", "--no-stream"])
def test_an_answer_the_terminal_cannot_show_is_printed_with_replacements(emu: Emulator, stream: str) -> None:
    env = env_for(emu, PYTHONIOENCODING="cp1252")
    proc = subprocess.run(
        [CLI, "chat", stream, "caf\u00e9 \u65e5\u672c"], env=env, capture_output=True, timeout=60, check=False
    )
    stdout, stderr = proc.stdout.decode("cp1252"), proc.stderr.decode("cp1252")
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "caf\u00e9 ??" in stdout  # what cp1252 has is shown, the rest is '?'


@pytest.mark.slow
def test_json_output_on_a_terminal_that_is_not_utf8_is_escaped_and_lossless(emu: Emulator) -> None:
    env = env_for(emu, PYTHONIOENCODING="cp1252")
    proc = subprocess.run(
        [CLI, "chat", "--json", "\u65e5\u672c"], env=env, capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    raw = json.loads(proc.stdout.decode("ascii"))
    assert "\u65e5\u672c" in raw["choices"][0]["message"]["content"]
    proc = subprocess.run(
        [CLI, "embed", "-d", "text-embedding-ada-002", "\u65e5\u672c"], env=env, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.decode("ascii"))["text"] == "\u65e5\u672c"


@pytest.mark.slow
def test_an_error_line_the_terminal_cannot_show_is_escaped(emu: Emulator) -> None:
    env = env_for(emu, PYTHONIOENCODING="cp1252")
    proc = subprocess.run(
        [CLI, "chat", "-d", "\u65e5\u672c", "hi"], env=env, capture_output=True, timeout=60, check=False
    )
    decoded = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    assert_one_line_error(decoded, 1, "404")


def read_some(fd: int) -> bytes:
    ready, _, _ = select.select([fd], [], [], 60)
    assert ready, "the CLI printed nothing"
    return os.read(fd, 4096)


@pytest.mark.slow
def test_ctrl_c_during_an_answer_stops_the_answer_not_the_session(emu: Emulator) -> None:
    emu.inject(Fault.stall(30, after_events=4), operation="chat/completions")
    proc = subprocess.Popen(
        [CLI, "chat", "-i"], env=env_for(emu), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"a long answer please\n")
    proc.stdin.flush()
    started = read_some(proc.stdout.fileno())  # part of the answer arrived; the rest is stalled
    assert started.strip()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(b"second question\n", timeout=60)
    assert proc.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    assert b"answer interrupted" in stderr
    cut, _, rest = (started + stdout).partition(b"\n")
    assert cut.startswith(started.rstrip(b"\n"))  # the cut answer's line was ended before the next answer...
    assert b"second question" in rest  # ...as the session went on and the next question was answered
    assert chat_bodies(emu)[-1]["messages"] == [{"role": "user", "content": "second question"}]


def on_terminal(emu: Emulator, steps: list[tuple[bytes, bytes]]) -> tuple[bytes, int]:
    """Run ``chat -i`` on a pseudo-terminal; for each ``(expected, key)``, type ``key`` once the output ends with
    ``expected`` (and every line typed so far was answered); (all output, exit status)."""
    import pty

    env = env_for(emu, TERM="dumb")
    pid, main = pty.fork()  # the child gets the terminal as its controlling one: Ctrl-C there is SIGINT
    if pid == 0:  # pragma: no cover  (the child)
        os.execve(CLI, [CLI, "chat", "-i", "--no-stream"], env)
    output = b""
    lines = 0
    try:
        for expected, key in steps:
            while output.count(b"You said") < lines or not output.rstrip().endswith(expected):
                output += read_some(main)
            os.write(main, key)
            if key == b"\x03" and not select.select([main], [], [], 10)[0]:
                # The SIGINT fell between two of readline's waits: CPython's readline notices a signal only when
                # it interrupts the wait, so it stays pending until the next one. Press Ctrl-C again, as a user would.
                os.write(main, key)
            lines += key.endswith(b"\r")
            output += read_some(main)
        with contextlib.suppress(OSError):  # EIO once the child has exited and closed its side
            while chunk := read_some(main):
                output += chunk
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # a child that hangs must not hang the test run
        raise
    finally:
        os.close(main)
        _, status = os.waitpid(pid, 0)
    return output, os.waitstatus_to_exitcode(status)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("key", [b"\x04", b"\x03"], ids=["ctrl-d", "ctrl-c"])
def test_ending_chat_i_at_the_prompt_ends_the_line(emu: Emulator, key: bytes) -> None:
    # Ctrl-C with some of a line typed: the line is dropped and the session ends, after a newline.
    last = [(b"abc", b"\x03")] if key == b"\x03" else []
    first = key if key == b"\x04" else b"abc"
    output, status = on_terminal(emu, [(b"you>", b"hello there\r"), (b"you>", first), *last])
    assert status == 0, output
    assert b"hello there" in output  # the first question was answered
    assert b"Traceback" not in output
    tail = output[output.rindex(b"you>") :]
    assert b"\n" in tail  # the shell's prompt will start on a line of its own


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_chat_i_on_a_terminal_has_line_editing(emu: Emulator) -> None:
    left = b"\x1b[D"
    output, status = on_terminal(emu, [(b"you>", b"hllo" + left * 3 + b"e world\r"), (b"you>", b"\x04")])
    assert status == 0, output
    assert chat_bodies(emu)[-1]["messages"] == [{"role": "user", "content": "he worldllo"}]
