"""``scripts/bench.py --quick`` runs end to end and prints its tables and targets (no timings are asserted)."""

from __future__ import annotations

import http.client
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest
from spec_files import REPO


def _inference_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("aiohttp", "azure.ai.inference"))


@pytest.mark.slow
def test_quick_benchmark_prints_the_table_and_the_targets() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    assert "| section | contender | median | unit | ÷ raw httpx | ÷ openai SDK |" in out
    for row in (
        "azure_openai AzureOpenAI.chat",
        "azure_openai_rest via client.rest",
        "openai AsyncAzureOpenAI",
        "raw httpx.AsyncClient",
        "azure_openai chat_stream(...).final()",
        "raw httpx iter_lines + json.loads",
        "openai default (base64)",
        "MB peak",
        "import azure_openai",
    ):
        assert row in out, row
    # The scale sections of issue 12 run in the quick run too, tiny: every length, every concurrency, every unit.
    for section in (
        "| stream 20 events |",
        "| stream 200 events |",
        "| async, 1 in flight |",
        "| async, 8 in flight |",
    ):
        assert section in out, section
    for unit in (
        "| B/event held |",
        "| B/event peak |",
        "| ms p50 |",
        "| ms p99 |",
        "| failed/100 requests |",
        "| new connections/100 requests |",
    ):
        assert unit in out, unit
    issue_6, _, issue_12 = out.partition("| target (issue 12) | measured | verdict |")
    assert "| target (issue 6) | measured | verdict |" in issue_6
    assert issue_6.count("(quick run: not a verdict)") == 14
    # Per length: two per-event ratios for events and for final(), and the memory held; async: three.
    inference = _inference_installed()
    assert issue_12.count("(quick run: not a verdict)") == 2 * 5 + 2 + inference
    if inference:
        assert "| async, 8 in flight | azure-ai-inference aio (aiohttp) |" in out
        assert "| stream 200 events | azure-ai-inference stream=True |" in out
    else:  # a contender that is not installed is skipped, and the report says so
        assert "azure-ai-inference skipped:" in out
    assert "CPU:" in out and "Python 3." in out


@pytest.fixture
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_script", REPO / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.fixture
def server(bench: ModuleType) -> Iterator[object]:
    server = bench.Server(bench.QUICK, (7,))
    yield server
    server.close()


def test_the_bench_server_counts_the_connections_it_accepts(server: object) -> None:
    """ "New connections per 100 requests" rests on this count: each new connection once, its questions never."""
    before = server.accepts()  # type: ignore[attr-defined]
    connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=10) for _ in range(3)]  # type: ignore[attr-defined]
    try:
        for connection in connections:
            for _ in range(2):  # a kept-alive connection counts once
                connection.request("POST", "/openai/deployments/d/chat/completions", body=b"{}")
                assert json.loads(connection.getresponse().read())["object"] == "chat.completion"
    finally:
        for connection in connections:
            connection.close()
    assert server.accepts() - before == 3  # type: ignore[attr-defined]
    assert server.accepts() - before == 3  # type: ignore[attr-defined]


def test_a_scale_deployment_streams_its_number_of_events(server: object) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)  # type: ignore[attr-defined]
    try:
        connection.request("POST", "/openai/deployments/events-7/chat/completions", body=b'{"stream":true}')
        body = connection.getresponse().read()
    finally:
        connection.close()
    assert body.count(b"data: ") == 7 + 1  # seven events and [DONE]


def test_saving_a_scale_run_keeps_the_full_run_and_the_notes(bench: ModuleType) -> None:
    """``--only scale-stream,scale-async --save`` must not overwrite the small-scale table, nor the reverse."""
    first = bench._markdown("FULL RUN 1", "", scale_only=False)
    with_scale = bench._markdown("SCALE RUN 1", first.replace("(profiles and findings)", "my notes"), scale_only=True)
    assert "FULL RUN 1" in with_scale and "SCALE RUN 1" in with_scale and "my notes" in with_scale
    again = bench._markdown("FULL RUN 2", with_scale, scale_only=False)
    assert "FULL RUN 1" not in again and "FULL RUN 2" in again
    assert "SCALE RUN 1" in again and "my notes" in again
    assert again.index("FULL RUN 2") < again.index("SCALE RUN 1") < again.index("my notes")
    assert again.count(bench.SCALE_RUN) == 1 and again.count(bench.NOTES + "\n") == 1
