"""``scripts/bench.py --quick`` runs end to end and prints its table and targets (no timings are asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from spec_files import REPO


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
    assert "| target (issue 6) | measured | verdict |" in out
    assert out.count("(quick run: not a verdict)") == 14
    assert "CPU:" in out and "Python 3." in out
