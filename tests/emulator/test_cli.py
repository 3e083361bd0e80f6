"""``python -m azure_openai.testing`` and ``serve()``: the export lines, and a server that answers."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from azure_openai.testing import serve

from .conftest import API_VERSION

pytestmark = pytest.mark.slow  # runs the azure-openai command in subprocesses


def exports(text: str) -> dict[str, str]:
    """The variables the ``export`` lines set, unquoted as the shell does."""
    import shlex

    words = (shlex.split(line)[1] for line in text.splitlines() if line.startswith("export "))
    return dict(word.split("=", 1) for word in words)


def ask(env: dict[str, str]) -> httpx.Response:
    return httpx.post(
        f"{env['AZURE_OPENAI_ENDPOINT']}/openai/deployments/gpt-35-turbo/chat/completions",
        params={"api-version": env["OPENAI_API_VERSION"]},
        headers={"api-key": env["AZURE_OPENAI_API_KEY"]},
        json={"messages": [{"role": "user", "content": "hi"}]},
    )


def test_serve_prints_exports_and_serves_until_stopped() -> None:
    out, stop = io.StringIO(), threading.Event()
    thread = threading.Thread(target=serve, kwargs={"api_key": "k-1", "out": out, "stop": stop})
    thread.start()
    try:
        while "OPENAI_API_VERSION" not in out.getvalue():
            stop.wait(0.01)
        env = exports(out.getvalue())
        assert env["AZURE_OPENAI_API_KEY"] == "k-1" and env["OPENAI_API_VERSION"] == API_VERSION
        assert env["AZURE_OPENAI_ENDPOINT"].startswith("http://127.0.0.1:")
        assert env["AZURE_OPENAI_DEPLOYMENT"] == "gpt-35-turbo"
        assert ask(env).status_code == 200
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_export_lines_are_quoted_for_the_shell() -> None:
    """A key or deployment name with a space, a quote or a $ comes out of `eval` as it went in."""
    import shlex

    key, deployment = "it's a $KEY", "my chat"
    out, stop = io.StringIO(), threading.Event()
    options = {"api_key": key, "deployments": {deployment: "gpt-4o"}, "out": out, "stop": stop}
    thread = threading.Thread(target=serve, kwargs=options)
    thread.start()
    try:
        while "AZURE_OPENAI_DEPLOYMENT" not in out.getvalue():
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join(timeout=10)
    words = [shlex.split(line) for line in out.getvalue().splitlines() if line.startswith("export ")]
    env = dict(word.split("=", 1) for _, word in words)
    assert env["AZURE_OPENAI_API_KEY"] == key and env["AZURE_OPENAI_DEPLOYMENT"] == deployment


def test_python_dash_m_runs_in_the_foreground() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "azure_openai.testing", "--port", "0", "--deployment", "gpt-35-turbo"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        env = exports("".join(lines))
        response = ask(env)
        assert response.status_code == 200 and response.headers["x-emulator"] == "azure-openai-rest"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_importing_azure_openai_does_not_load_the_emulator_or_jsonschema() -> None:
    code = (
        "import sys, azure_openai; "
        "loaded = [m for m in ('azure_openai.testing', 'jsonschema') if m in sys.modules]; "
        "print(loaded)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------- issue 9: one command, no tracebacks

CLI = str(Path(sys.executable).parent / "azure-openai")
ENTRY_POINTS = {"azure-openai emulator": [CLI, "emulator"], "python -m": [sys.executable, "-m", "azure_openai.testing"]}


def start(command: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """Start an emulator command (in ``env``, by default this one's) and read its export lines."""
    env = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    lines: list[str] = []
    while not lines or not lines[-1].startswith("#"):
        line = process.stdout.readline()
        if not line:
            process.wait(timeout=10)
            raise AssertionError(f"the emulator exited: {process.stderr.read() if process.stderr else ''}")
        lines.append(line)
    return process, exports("".join(lines))


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    return err


def test_both_entry_points_are_one_command_with_the_same_options() -> None:
    helps = [
        subprocess.run([*command, "--help"], capture_output=True, text=True, check=True).stdout
        for command in ENTRY_POINTS.values()
    ]
    assert helps[0] == helps[1]
    for option in ("--api-key", "--deployment", "--first-token-ms", "--seed", "--quota-window", "--spec"):
        assert option in helps[0]


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_api_key_and_deployment_with_a_quota_from_the_command_line(entry: str) -> None:
    command = [*ENTRY_POINTS[entry], "--api-key", "key-1", "--deployment", "chat=gpt-4o,tpm=1000,rpm=2"]
    process, env = start(command)
    try:
        assert env["AZURE_OPENAI_API_KEY"] == "key-1" and env["AZURE_OPENAI_DEPLOYMENT"] == "chat"
        url = f"{env['AZURE_OPENAI_ENDPOINT']}/openai/deployments/chat/chat/completions"
        statuses = [
            httpx.post(
                url,
                params={"api-version": env["OPENAI_API_VERSION"]},
                headers={"api-key": "key-1"},
                json={"messages": [{"role": "user", "content": "hi"}]},
            ).status_code
            for _ in range(3)
        ]
        assert statuses == [200, 200, 429]
    finally:
        err = stop(process)
    assert "Traceback" not in err


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_a_port_in_use_is_one_error_line(entry: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([*ENTRY_POINTS[entry], "--port", str(port)], capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"azure-openai: error: the emulator cannot listen on 127.0.0.1:{port}: Address already in use; "
        "choose another port (0: any free one) or host"
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--deployment", "x=gpt-4,tpm=lots"],
            "--deployment 'x=gpt-4,tpm=lots': expected NAME[=MODEL][,tpm=N][,rpm=N]",
        ),
        (["--spec", "/nonexistent/inference.json"], "spec='/nonexistent/inference.json': cannot read"),
        (["--quota-window", "inf"], "quota_window must be a number of seconds > 0 and <= 3600 (an hour), got inf"),
    ],
)
def test_bad_options_are_one_error_line(arguments: list[str], message: str) -> None:
    result = subprocess.run([CLI, "emulator", *arguments], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"azure-openai: error: {message}")


def test_ipv6_loopback_gets_a_bracketed_endpoint_that_answers() -> None:
    """``--host ::1`` (the IPv6 loopback) used to print a traceback; the endpoint must bracket the address."""
    process, env = start([CLI, "emulator", "--host", "::1"])
    try:
        assert env["AZURE_OPENAI_ENDPOINT"].startswith("http://[::1]:")
        assert ask(env).status_code == 200
    finally:
        assert "Traceback" not in stop(process)


# --------------------------------------------------------------------------- issue 13: record and replay from a shell


def test_record_then_replay_from_the_command_line(tmp_path: Path) -> None:
    """``--mode record`` forwards to the upstream (its key from the environment only); ``--recording`` replays."""
    from azure_openai.testing import Emulator

    recording = tmp_path / "rec.json"
    with Emulator(api_key="upstream-secret-key-123") as upstream:
        real = {**os.environ, "AZURE_OPENAI_ENDPOINT": upstream.endpoint, "AZURE_OPENAI_API_KEY": upstream.api_key}
        process, env = start([CLI, "emulator", "--mode", "record", "--recording", str(recording)], real)
        assert "AZURE_OPENAI_DEPLOYMENT" not in env  # the upstream's deployments answer: the user's variable stays
        try:
            recorded = ask(env)
        finally:
            err = stop(process)
        assert recorded.status_code == 200 and "Traceback" not in err
        assert len(upstream.requests) == 1  # the answer is the upstream's
    saved = recording.read_text(encoding="utf-8")
    assert "upstream-secret-key-123" not in saved and '"hi"' in saved

    process, env = start([CLI, "emulator", "--recording", str(recording)])  # the upstream is gone: replay
    try:
        replayed = ask({**env})
    finally:
        err = stop(process)
    assert replayed.status_code == 200 and replayed.json()["choices"] == recorded.json()["choices"]
    assert "Traceback" not in err


def test_record_mode_without_an_upstream_is_one_error_line(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_OPENAI_", "OPENAI_"))}
    result = subprocess.run(
        [CLI, "emulator", "--mode", "record", "--recording", str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "record mode needs the real endpoint" in result.stderr
