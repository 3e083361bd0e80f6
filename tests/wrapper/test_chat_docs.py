"""docs/chat.md's chat, streaming, conversation, On Your Data, tools and JSON-mode examples run as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .chat_loopback import LoopbackServer

CHAT_DOCS = (Path(__file__).resolve().parents[2] / "docs" / "chat.md").read_text(encoding="utf-8")


def blocks(heading: str) -> list[str]:
    """The ```python blocks of one section of docs/chat.md."""
    section = CHAT_DOCS.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result


def environment(endpoint: str, api_key: str) -> dict[str, str]:
    return {
        **os.environ,
        "AZURE_OPENAI_ENDPOINT": endpoint,
        "AZURE_OPENAI_API_KEY": api_key,
        "AZURE_OPENAI_DEPLOYMENT": "gpt-35-turbo",
    }


@pytest.fixture
def emulator_env() -> Iterator[dict[str, str]]:
    from azure_openai.testing import Emulator

    with Emulator() as emu:
        yield environment(emu.endpoint, emu.api_key)


def completion(content: str, **message: object) -> dict[str, object]:
    choice = {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content, **message}}
    return {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": [choice]}


def test_the_chat_streaming_and_conversation_example_runs(emulator_env: dict[str, str]) -> None:
    out = run(blocks("## Chat, conversations and streaming")[0], emulator_env).stdout
    assert 'You said: "Write a haiku about rain."' in out and "stop ContentFilterResults" in out
    assert "Three sights in Rome?" in out and "(turn 2 of this conversation)" in out


def test_the_on_your_data_example_runs(loop: LoopbackServer) -> None:
    context = {
        "citations": [{"title": "Reset guide", "url": "https://docs/reset", "content": "Hold it."}],
        "intent": "[]",
    }
    loop.reply(completion("Hold the button.", context=context))
    env = {**environment(loop.endpoint, "k"), "AZURE_SEARCH_KEY": "search-secret"}
    out = run(blocks("## Chat, conversations and streaming")[1], env).stdout
    assert out.splitlines() == ["Reset guide https://docs/reset", "[]"]
    source = loop.requests[0].json()["data_sources"][0]
    assert source["parameters"]["authentication"] == {"type": "api_key", "key": "search-secret"}


def test_the_tools_example_runs(emulator_env: dict[str, str]) -> None:
    out = run(blocks("## Tools and JSON mode")[0], emulator_env).stdout
    assert "using the tool results" in out and '"temperature": 21' in out and out.rstrip().endswith(" 2")


def test_the_json_mode_example_runs(loop: LoopbackServer) -> None:
    loop.reply(completion('{"colours": ["red", "yellow", "blue"]}'))
    out = run(blocks("## Tools and JSON mode")[1], environment(loop.endpoint, "k")).stdout
    assert out.strip() == "['red', 'yellow', 'blue']"
    assert loop.requests[0].json()["response_format"] == {"type": "json_object"}
