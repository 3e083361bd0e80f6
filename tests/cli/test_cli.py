"""The installed ``azure-openai`` console script (and ``python -m azure_openai``), run as a subprocess.

A test-process Emulator plays the service; the CLI finds it through the environment, exactly as a user's shell
would point it at a real resource.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from azure_openai import AzureOpenAI
from azure_openai.testing import Emulator, Fault

pytestmark = pytest.mark.slow  # runs the azure-openai command in subprocesses

BIN = Path(sys.executable).parent
CLI = str(BIN / "azure-openai")
KEY = "emulator-key-S3CR3T-do-not-print"
SEED = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Does Azure OpenAI support customer managed keys?"},
    {"role": "assistant", "content": "Yes, customer managed keys are supported by Azure OpenAI."},
    {"role": "user", "content": "Do other Azure AI services support this too?"},
]
AZURE_VARS = (
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_DEPLOYMENT",
)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(api_key=KEY) as emu:
        yield emu


@pytest.fixture
def emu(emulator: Emulator) -> Emulator:
    emulator.clear_requests()
    emulator.clear_faults()
    return emulator


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in AZURE_VARS}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def env_for(emu: Emulator, **extra: str) -> dict[str, str]:
    env = base_env()
    env.update(AZURE_OPENAI_ENDPOINT=emu.endpoint, AZURE_OPENAI_API_KEY=KEY, AZURE_OPENAI_DEPLOYMENT="gpt-35-turbo")
    env.update(extra)
    return env


def run(
    args: list[str], env: dict[str, str], stdin: str = "", *, module: bool = False
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "azure_openai", *args] if module else [CLI, *args]
    return subprocess.run(command, input=stdin, env=env, capture_output=True, text=True, timeout=60, check=False)


def chat_bodies(emu: Emulator) -> list[Any]:
    return [r.json for r in emu.requests if r.operation == "chat/completions" or "chat" in (r.operation or "")]


def assert_one_line_error(proc: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    assert proc.returncode == code, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("azure-openai: error:")]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert KEY not in proc.stdout + proc.stderr


def test_help_from_the_script_and_python_m() -> None:
    for module in (False, True):
        proc = run(["--help"], base_env(), module=module)
        assert proc.returncode == 0
        assert "chat" in proc.stdout and "embed" in proc.stdout and "emulator" in proc.stdout


def test_chat_message_from_arguments(emu: Emulator) -> None:
    proc = run(["chat", "--no-stream", "-s", "Be brief.", "Hello", "there"], env_for(emu))
    assert proc.returncode == 0, proc.stderr
    assert chat_bodies(emu)[-1]["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hello there"},
    ]
    assert "Hello there" in proc.stdout  # the emulator echoes the user's message
    assert "stream" not in chat_bodies(emu)[-1]


def test_chat_message_from_stdin_and_deployment_option(emu: Emulator) -> None:
    proc = run(["chat", "--no-stream", "-d", "gpt-4"], env_for(emu), stdin="What is 2+2?\n")
    assert proc.returncode == 0, proc.stderr
    assert emu.requests[-1].deployment == "gpt-4"
    assert chat_bodies(emu)[-1]["messages"] == [{"role": "user", "content": "What is 2+2?"}]


def test_chat_json_prints_the_whole_response(emu: Emulator) -> None:
    proc = run(["chat", "--json", "hi"], env_for(emu))
    assert proc.returncode == 0, proc.stderr
    body = json.loads(proc.stdout)
    assert body["object"] == "chat.completion" and body["prompt_filter_results"] and body["usage"]


def test_chat_streams_by_default_and_prints_the_same_text(emu: Emulator) -> None:
    streamed = run(["chat", "Tell me about streaming"], env_for(emu))
    assert streamed.returncode == 0, streamed.stderr
    assert chat_bodies(emu)[-1].get("stream") is True
    whole = run(["chat", "--no-stream", "Tell me about streaming"], env_for(emu))
    assert streamed.stdout == whole.stdout and streamed.stdout.strip()


def test_emulator_flag_with_an_endpoint_uses_it_and_sends_the_seed_conversation(emu: Emulator) -> None:
    proc = run(["chat", "--emulator", "--no-stream", SEED[-1]["content"]], env_for(emu))
    assert proc.returncode == 0, proc.stderr
    assert chat_bodies(emu)[-1]["messages"] == SEED  # the environment's resource got the seed conversation


def test_no_seed_and_history_file(emu: Emulator, tmp_path: Path) -> None:
    run(["chat", "--emulator", "--no-seed", "--no-stream", "just this"], env_for(emu))
    assert chat_bodies(emu)[-1]["messages"] == [{"role": "user", "content": "just this"}]
    history = tmp_path / "history.json"
    history.write_text(json.dumps({"system": SEED[0]["content"], "messages": SEED[1:3]}))
    proc = run(["chat", "--no-stream", "--history", str(history), SEED[-1]["content"]], env_for(emu))
    assert proc.returncode == 0, proc.stderr
    assert chat_bodies(emu)[-1]["messages"] == SEED


def test_bad_history_file_is_one_line(emu: Emulator, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"content": "no role"}]')
    assert_one_line_error(run(["chat", "--history", str(bad), "x"], env_for(emu)), 2, "message 0", "'role'")
    assert_one_line_error(run(["chat", "--history", str(tmp_path / "none.json"), "x"], env_for(emu)), 2, "cannot read")
    bad.write_text('{"messages": "hello"}')
    assert_one_line_error(run(["chat", "--history", str(bad), "x"], env_for(emu)), 2, "holds no messages")


def test_interactive_session_keeps_the_conversation(emu: Emulator) -> None:
    proc = run(["chat", "-i", "--no-stream", "-s", "Be kind."], env_for(emu), stdin="first question\nsecond question\n")
    assert proc.returncode == 0, proc.stderr
    first, second = chat_bodies(emu)[-2:]
    assert first["messages"] == [
        {"role": "system", "content": "Be kind."},
        {"role": "user", "content": "first question"},
    ]
    assert [m["role"] for m in second["messages"]] == ["system", "user", "assistant", "user"]
    assert second["messages"][2]["content"] == proc.stdout.splitlines()[0]  # the answer printed is the one kept
    assert second["messages"][3] == {"role": "user", "content": "second question"}


def test_the_seed_conversation_runs_on_the_built_in_emulator() -> None:
    proc = run(["chat", "--emulator", SEED[-1]["content"]], base_env())
    assert proc.returncode == 0, proc.stderr
    assert "emulator" in proc.stdout.lower() and proc.stdout.strip()
    assert "built-in emulator" in proc.stderr


def test_embed_args_and_stdin_lines_as_json_lines(emu: Emulator) -> None:
    proc = run(["embed", "-d", "text-embedding-ada-002", "alpha", "beta"], env_for(emu))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["index"], r["text"]) for r in rows] == [(0, "alpha"), (1, "beta")]
    with AzureOpenAI(endpoint=emu.endpoint, api_key=KEY, deployment="text-embedding-ada-002") as client:
        assert [r["embedding"] for r in rows] == client.embed(["alpha", "beta"]).vectors

    proc = run(["embed", "-d", "text-embedding-ada-002"], env_for(emu), stdin="one\n\ntwo\nthree\n")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["index"], r["text"]) for r in rows] == [(0, "one"), (2, "two"), (3, "three")]
    assert "skipped 1 blank line" in proc.stderr


def test_embed_large_input_batches_with_progress_on_stderr(emu: Emulator) -> None:
    lines = "".join(f"line {i}\n" for i in range(25))
    proc = run(
        ["embed", "-d", "text-embedding-ada-002", "--batch-size", "10", "--concurrency", "2"], env_for(emu), stdin=lines
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 25
    assert sorted(len(r.json["input"]) for r in emu.requests) == [5, 10, 10]  # up to --concurrency in flight
    assert "embedding" in proc.stderr  # the progress bar's label, on stderr only
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["text"] for r in rows] == [f"line {i}" for i in range(25)]  # input order, whatever finished first


def test_missing_configuration_is_one_line() -> None:
    proc = run(["chat", "hi"], base_env())
    assert_one_line_error(proc, 2, "AZURE_OPENAI_ENDPOINT")


def test_wrong_key_is_one_line_without_the_key(emu: Emulator) -> None:
    proc = run(["chat", "--no-stream", "hi"], env_for(emu, AZURE_OPENAI_API_KEY="wrong-" + KEY))
    assert_one_line_error(proc, 1, "401")
    assert "wrong-" not in proc.stderr


def test_unknown_deployment_is_one_line(emu: Emulator) -> None:
    assert_one_line_error(run(["chat", "-d", "gpt-7", "hi"], env_for(emu)), 1, "404", "gpt-7")
    assert_one_line_error(run(["embed", "-d", "nope", "x"], env_for(emu)), 1, "404", "nope")


def test_rate_limit_after_retries_is_one_line(emu: Emulator) -> None:
    emu.inject(Fault.rate_limit(retry_after_ms=1), times=10)
    assert_one_line_error(run(["chat", "--no-stream", "hi"], env_for(emu)), 1, "429")


def test_content_filter_is_one_line(emu: Emulator) -> None:
    emu.inject(Fault.content_filter(("violence",)))
    assert_one_line_error(run(["chat", "--no-stream", "hi"], env_for(emu)), 1, "violence")
    emu.inject(Fault.content_filter(("hate",), on="completion"))
    assert_one_line_error(run(["chat", "--no-stream", "hi"], env_for(emu)), 1, "content filter")


def test_no_message_is_a_usage_error(emu: Emulator) -> None:
    assert_one_line_error(run(["chat"], env_for(emu), stdin=""), 2, "empty")


def test_an_empty_message_or_text_argument_is_a_usage_error(emu: Emulator) -> None:
    # What an unset shell variable gives ("$QUESTION"): nothing is sent.
    assert_one_line_error(run(["chat", ""], env_for(emu)), 2, "the message given is empty")
    assert_one_line_error(run(["chat", " ", ""], env_for(emu)), 2, "the message given is empty")
    proc = run(["embed", "-d", "text-embedding-ada-002", "a", "", "b"], env_for(emu))
    assert_one_line_error(proc, 2, "text argument 2 is blank", "drop it")
    assert "blank line" not in proc.stderr and proc.stdout == ""
    assert emu.requests == []


def test_emulator_command_prints_exports_and_serves() -> None:
    proc = subprocess.Popen(
        [CLI, "emulator", "--port", "0"], env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        exports = dict(
            line.removeprefix("export ").split("=", 1) for line in (proc.stdout.readline().strip() for _ in range(3))
        )
        with AzureOpenAI(
            endpoint=exports["AZURE_OPENAI_ENDPOINT"],
            api_key=exports["AZURE_OPENAI_API_KEY"],
            deployment="gpt-35-turbo",
        ) as client:
            assert client.chat("ping").text
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0


@pytest.mark.parametrize("closed", ["pipe", "descriptor"])
def test_the_emulator_goes_on_serving_when_stdout_is_closed(closed: str) -> None:
    # `azure-openai emulator | head -1` (pipe) or `>&-` (descriptor: sys.stdout is None): the export lines are
    # information, serving is the point.
    with socket.socket() as probe:  # a free port: the endpoint line is not there to read
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write of the export lines fails with a broken pipe
    try:
        command = [CLI, "emulator", "--port", str(port), "--api-key", KEY]
        without_fd = (lambda: os.close(1)) if closed == "descriptor" else None
        proc = subprocess.Popen(
            command, env=base_env(), stdout=writer, stderr=subprocess.PIPE, text=True, preexec_fn=without_fd
        )
    finally:
        os.close(writer)
    try:
        assert proc.stderr is not None
        said = proc.stderr.readline()  # "" if it exited instead
        assert said == "azure-openai: stdout was closed; the emulator goes on serving until Ctrl-C\n"
        with AzureOpenAI(endpoint=f"http://127.0.0.1:{port}", api_key=KEY, deployment="gpt-35-turbo") as client:
            assert client.chat("ping").text
    finally:
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=30)[1]
    assert proc.returncode == 0 and rest == ""


def test_importing_the_library_loads_no_cli() -> None:
    code = (
        "import sys, azure_openai; "
        "loaded = [m for m in ('azure_openai.cli', 'typer', 'click', 'azure_openai.testing') if m in sys.modules]; "
        "print(loaded)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.strip() == "[]"


def test_version() -> None:
    from azure_openai import __version__

    proc = run(["--version"], base_env())
    assert proc.returncode == 0 and proc.stdout.strip() == f"azure-openai {__version__}"


def test_built_in_emulator_ignores_a_real_resources_deployment_and_credentials() -> None:
    env = base_env()
    env.update(AZURE_OPENAI_DEPLOYMENT="my-real-deployment", AZURE_OPENAI_AD_TOKEN="real-token-S3CR3T")
    proc = run(["chat", "--emulator", "--no-stream", "hi"], env)
    assert proc.returncode == 0, proc.stderr
    assert "gpt-35-turbo" in proc.stdout  # the emulator's default deployment answered
    assert "real-token-S3CR3T" not in proc.stdout + proc.stderr
    proc = run(["chat", "--emulator", "--no-stream", "-d", "gpt-4", "hi"], env)
    assert "gpt-4" in proc.stdout


def test_a_cut_stream_keeps_the_text_printed_and_fails_in_one_line(emu: Emulator) -> None:
    whole = run(["chat", "--no-stream", "tell me a long story about streams"], env_for(emu)).stdout.strip()
    emu.inject(Fault.cut_stream(after_events=4))
    proc = run(["chat", "tell me a long story about streams"], env_for(emu))
    assert_one_line_error(proc, 1, "; the text above is what arrived")
    assert ".partial" not in proc.stderr  # the library's pointer means nothing in a shell
    assert proc.stdout.endswith("\n") and proc.stdout.strip()
    assert whole.startswith(proc.stdout.strip()) and proc.stdout.strip() != whole


def test_interactive_session_survives_a_failed_turn_and_saves(emu: Emulator, tmp_path: Path) -> None:
    saved = tmp_path / "chat.json"
    emu.inject(Fault.content_filter(("violence",)), times=1)
    proc = run(
        ["chat", "-i", "--no-stream", "--save", str(saved)],
        env_for(emu),
        stdin="blocked one\nallowed one\n/exit\nnot sent\n",
    )
    assert proc.returncode == 1, proc.stderr  # the session went on, but the exit status tells a turn failed
    assert "blocked by the content filter: violence (high)" in proc.stderr
    last = chat_bodies(emu)[-1]["messages"]
    assert last == [{"role": "user", "content": "allowed one"}]  # the failed question was not kept
    messages = json.loads(saved.read_text())
    assert [m["role"] for m in messages] == ["user", "assistant"] and messages[0]["content"] == "allowed one"
    # The saved file continues the conversation.
    proc = run(["chat", "--no-stream", "--history", str(saved), "and then?"], env_for(emu))
    assert proc.returncode == 0, proc.stderr
    assert chat_bodies(emu)[-1]["messages"] == [*messages, {"role": "user", "content": "and then?"}]


@pytest.mark.parametrize("command", [["chat"], ["embed"]])
def test_stdin_that_is_not_utf8_is_a_one_line_usage_error(emu: Emulator, command: list[str]) -> None:
    proc = subprocess.run(
        [CLI, *command], input=b"caf\xe9\n", env=env_for(emu), capture_output=True, timeout=60, check=False
    )
    decoded = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    assert_one_line_error(decoded, 2, "stdin is not UTF-8 text (byte 3: b'\\xe9')")
    assert emu.requests == []  # nothing was sent


def run_without(fd: int, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command started with descriptor ``fd`` closed (the shell's ``<&-`` or ``>&-``): Python's stream is None."""
    return subprocess.run(
        [CLI, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(fd),  # the shell's <&- or >&-
    )


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["embed"], "no texts: pass them as arguments or pipe them on stdin, one per line (stdin is closed)"),
        (
            ["chat"],
            "no message: pass it as arguments, pipe it on stdin, or use -i for a conversation (stdin is closed)",
        ),
        (["chat", "-i"], "-i reads the conversation from stdin, which is closed"),
    ],
)
def test_a_closed_stdin_is_no_input_a_usage_error(emu: Emulator, command: list[str], said: str) -> None:
    assert_one_line_error(run_without(0, command, env_for(emu)), 2, said)
    assert emu.requests == []


@pytest.mark.parametrize(
    "command", [["chat", "hi"], ["chat", "--no-stream", "hi"], ["embed", "-d", "text-embedding-ada-002", "hi"]]
)
def test_a_closed_stdout_is_a_closed_pipe(emu: Emulator, command: list[str]) -> None:
    proc = run_without(1, command, env_for(emu))
    assert (proc.returncode, proc.stderr) == (1, "")  # as with `| head` gone: exit 1, nothing more to say
