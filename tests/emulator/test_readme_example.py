"""The README's emulator example runs as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_emulator_section_example_runs() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The emulator") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "no python example in the emulator section"
    namespace: dict[str, Any] = {}
    exec(compile(match.group(1), "README.md", "exec"), namespace)
    namespace["test_my_code"]()
