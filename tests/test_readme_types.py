"""mypy --strict sees the README's examples fully typed: no ``Any`` on a user's path (issue 10, item 2).

The quickstart and the generated-client example are checked with ``--disallow-any-expr``, which refuses every
expression whose type is or contains ``Any``; the quickstart also reveals the typed views a user reaches for
(``.completion``, ``.message``, ``event.chunk``...), which must be the generated models, not ``Any``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_readme import python_block_after

pytestmark = pytest.mark.slow

#: What a user of the quickstart reads next; each must be a real type.
REVEALED = (
    "result",
    "result.completion",
    "result.message",
    "result.usage",
    "result.content_filter",
    "event",
    "event.chunk",
    "final",
)


def _mypy(tmp_path: Path, name: str, code: str) -> str:
    path = tmp_path / f"{name}.py"
    path.write_text(code, encoding="utf-8")
    found = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr", "--no-incremental", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert found.returncode == 0, found.stdout + found.stderr
    return found.stdout


def test_the_quickstart_has_no_any(tmp_path: Path) -> None:
    code = python_block_after("## Quickstart") + "".join(f"reveal_type({name})\n" for name in REVEALED)
    report = _mypy(tmp_path, "quickstart", code)
    revealed = re.findall(r'Revealed type is "(.*)"', report)
    assert len(revealed) == len(REVEALED), report
    for name, shown in zip(REVEALED, revealed, strict=True):
        assert "Any" not in shown, f"{name} is {shown}"
    assert "azure_openai_rest.models" in revealed[REVEALED.index("result.completion")]
    assert "azure_openai_rest.models" in revealed[REVEALED.index("event.chunk")]


def test_the_generated_client_example_has_no_any(tmp_path: Path) -> None:
    _mypy(tmp_path, "generated", python_block_after("## The generated client: `azure_openai_rest`"))
