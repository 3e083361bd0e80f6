"""The chat methods' keyword arguments are typed from the generated request (``RequestParams``) plus the wrapper's.

mypy --strict checks a caller's program: the README's calls pass, and each mistake below must be reported
(``--warn-unused-ignores`` fails the run when an ignore is not needed, as it was when ``**params`` was ``Any``),
and what the chat methods give back has no ``Any`` in it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spec_files import REPO

PROGRAM = """
from typing_extensions import assert_type
from azure_openai import AsyncAzureOpenAI, AsyncChatStream, AzureOpenAI, Backend, ChatResult, ChatStream, Conversation
from azure_openai import ToolRun, azure_search

def weather(city: str) -> str:
    return city

client = AzureOpenAI()
assert_type(client.chat("Hi", system="Be brief.", temperature=0.2, deployment="d", timeout=5), ChatResult)
assert_type(client.chat_stream("Hi", stop=["\\n"], max_tokens=5), ChatStream)
assert_type(client.chat_stream("Hi", stream_options={"include_usage": True}), ChatStream)  # docs/chat.md's
assert_type(client.run_tools("Coat?", tools=[weather], max_rounds=5, tool_choice="auto"), ToolRun)
chat = client.conversation(system="S", max_history_tokens=3000, temperature=0)
assert_type(chat, Conversation)
assert_type(chat.ask("Rome?", max_tokens=5), ChatResult)
source = azure_search(endpoint="https://s.search.windows.net", index_name="i", api_key="k")
client.chat_with_data("Reset?", data_sources=[source], temperature=0)

client.chat("x", temperature="hot")  # type: ignore[arg-type]
client.chat("x", tempreture=0.2)  # type: ignore[call-arg]
client.chat_stream("x", max_tokens="5")  # type: ignore[arg-type]
client.chat_json("JSON", deployment=3)  # type: ignore[arg-type]
client.chat_with_data("x")  # type: ignore[call-arg]
client.run_tools("x", tools=[weather], max_rounds="many")  # type: ignore[arg-type]
client.conversation(max_history_tokens="lots")  # type: ignore[arg-type]
chat.ask("x", n="2")  # type: ignore[arg-type]
chat.ask_stream("x", stream_options={"include_usage": True})
client.chat("x", stream_options={"include_usage": True})  # type: ignore[call-arg]

async def main(aclient: AsyncAzureOpenAI) -> None:
    assert_type(await aclient.chat("x", top_p=0.5), ChatResult)
    await aclient.chat("x", top_p="all")  # type: ignore[arg-type]
    await aclient.run_tools("x", tools=[weather], temprature=0)  # type: ignore[call-arg]
    stream = await aclient.chat_stream("x")  # was Any, and so were its events and final()
    assert_type(stream, AsyncChatStream)
    assert_type(stream.backend, Backend | None)
    assert_type(await stream.final(), ChatResult)
"""


# What docs/chat.md's examples get back from the chat methods, checked for `Any` in every expression (the parsed
# JSON of chat_json is Any by nature, as json.loads's, and is left out).
USER_PATH = """# mypy: disallow-any-expr
from azure_openai import AzureOpenAI, Conversation, image_part, tool_call, tool_message, user_message

client = AzureOpenAI()
with client.chat_stream("Write a haiku about rain.", system="Be brief.") as stream:
    for event in stream:
        print(event.text, end="")
    result = stream.final()
print(result.text, result.finish_reason, result.usage, stream.backend)
client.chat([user_message("What is in this picture?", image_part("https://example.com/cat.jpg"))])
client.chat([tool_message("call_1", {"sky": "clear"}), {"role": "assistant", "content": "ok"}], temperature=0)
print(tool_call("call_1", "weather", {"city": "Oslo"}))
chat = client.conversation(system="You are a travel guide.", max_history_tokens=3000)
print(chat.ask("Three sights in Rome?").text, len(chat))
chat = Conversation.from_json(chat.to_json(), client)
run = client.run_tools("Do I need a coat in Oslo?", tools=[len], max_rounds=5)
print(run.text, run.rounds)
"""


@pytest.mark.slow
def test_mypy_checks_the_chat_keywords(tmp_path: Path) -> None:
    program = tmp_path / "caller.py"
    program.write_text(PROGRAM, encoding="utf-8")
    (tmp_path / "user_path.py").write_text(USER_PATH, encoding="utf-8")
    options = ["--strict", "--warn-unused-ignores", "--python-version", "3.10", "--config-file", ""]
    options += ["--cache-dir", str(tmp_path / "cache"), "--follow-imports", "silent"]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", *options, str(program), str(tmp_path / "user_path.py")],
        capture_output=True,
        text=True,
        env={"MYPYPATH": f"{REPO / 'generated'}:{REPO / 'wrapper'}", "PATH": ""},
        cwd=tmp_path,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
