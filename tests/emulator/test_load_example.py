"""Issue 13 item 7: the load-test example runs, sees 429s, retries them, and loses no request (small numbers)."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from azure_openai.testing import Latency

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "load_test.py"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_test_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
async def test_the_load_test_is_throttled_retries_and_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quota window's clock moves only when a client's retry sleeps (by that wait), so however slowly a
    loaded machine sends the 80 requests, the 31st sees a full window: throttled, retried, then answered."""
    from azure_openai._transport import retry as retry_module

    now = [1000.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds
        await asyncio.sleep(0)

    monkeypatch.setattr(retry_module, "_async_sleep", sleep)
    example = load_example()
    report = await example.run(
        requests=80,
        concurrency=80,
        tpm=60_000,
        rpm=1_800,  # 30 requests per 1 s window: 80 at once must be throttled
        quota_window=1.0,
        latency=Latency(first_token_ms=20, per_token_ms=1, spread=0.2),
        deadline=60,
        clock=lambda: now[0],
    )
    assert report.lost == 0 and report.failed == 0 and report.unfinished == 0
    assert report.answered == 80 and len(report.latencies) == 80
    assert report.throttled > 0 and report.retried == report.throttled
    lines = report.lines()
    assert lines[0] == "requests:   80 (80 answered, 0 failed, 0 unfinished)" and lines[-1] == "lost:       0"


@pytest.mark.slow  # it waits for the run's deadline
async def test_a_429_cut_short_by_the_deadline_is_throttled_but_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client's retry sleep never ends: the requests refused are cancelled at the deadline, never retried."""
    from azure_openai._transport import retry as retry_module

    async def sleep(seconds: float) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr(retry_module, "_async_sleep", sleep)
    report = await load_example().run(
        requests=40,
        concurrency=40,
        tpm=60_000,
        rpm=1_800,
        quota_window=1.0,
        latency=Latency(),
        deadline=10,
        clock=lambda: 1000.0,
    )
    assert report.throttled == report.unfinished > 0 and report.retried == 0
    assert report.answered + report.failed + report.unfinished == 40


async def test_any_exception_is_counted_as_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from azure_openai import AsyncAzureOpenAI

    async def broken(self: object, *args: object, **kwargs: object) -> None:
        raise RuntimeError("not an AzureOpenAIError")

    monkeypatch.setattr(AsyncAzureOpenAI, "chat", broken)
    report = await load_example().run(requests=3, concurrency=3, latency=Latency(), deadline=10)
    assert (report.failed, report.answered, report.unfinished, report.lost) == (3, 0, 0, 3)
    assert report.errors[0] == "RuntimeError: not an AzureOpenAIError"


def test_the_example_refuses_an_unbounded_run(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        load_example().main(["--requests", "10000000"])
    assert exited.value.code == 2 and "stay bounded" in capsys.readouterr().err
