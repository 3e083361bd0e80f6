"""Every Python example of docs/emulator.md runs as written, and the README points there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "emulator.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC, re.S)


def test_the_doc_has_an_example_per_feature() -> None:
    headings = re.findall(r"^## (.+)$", DOC, re.M)
    for feature in ("JSON mode", "Quotas", "Latency", "Changing settings while it runs", "Load testing"):
        assert feature in headings
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_each_python_example_runs(number: int) -> None:
    namespace: dict[str, Any] = {"__name__": f"docs_emulator_example_{number}"}
    exec(compile(EXAMPLES[number], f"docs/emulator.md example {number + 1}", "exec"), namespace)


def test_the_readme_points_at_the_doc() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The emulator\n", 1)[1].split("\n## ", 1)[0]
    assert "docs/emulator.md" in section and len(section.strip().splitlines()) <= 3
