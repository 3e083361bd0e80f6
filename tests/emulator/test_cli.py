"""``python -m azure_openai.testing`` and ``serve()``: the export lines, and a server that answers."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading

import httpx
from azure_openai.testing import serve

from .conftest import API_VERSION


def exports(text: str) -> dict[str, str]:
    pairs = (line.removeprefix("export ").split("=", 1) for line in text.splitlines() if line.startswith("export "))
    return dict(pairs)


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
