"""Tagged unions in answers parse as the member their tag names, on the OpenAPI 3.1 preview's package.

2025-03-01-preview tags its union members with one-value enums and gives discriminators without a mapping
(``OutputItem`` is an ``anyOf``); before ``tag_union_members`` covered answers, every output item parsed as
``OutputMessage``, every tool as ``FileSearchTool``, every annotation as ``FileCitation``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the 2025-03-01-preview package

RESPONSES = """
from azure_openai_rest import models as M
message = {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant", "content": [
    {"type": "output_text", "text": "Hi", "annotations": [
        {"type": "url_citation", "start_index": 0, "end_index": 2, "url": "https://x", "title": "x"},
        {"type": "file_citation", "index": 0, "file_id": "file-1"}]}]}
body = {
    "id": "resp_1", "object": "response", "created_at": 1, "status": "completed", "model": "gpt-4o",
    "output": [
        {"type": "reasoning", "id": "rs_1", "summary": [], "status": "completed"},
        message,
        {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "f", "arguments": "{}"},
        {"type": "mcp_call", "id": "x", "server_label": "s"},  # a kind this api-version does not declare
        {"id": "untagged"},  # no tag at all: still readable
    ],
    "tools": [{"type": "function", "name": "f", "parameters": {}, "strict": True},
              {"type": "file_search", "vector_store_ids": ["vs_1"]}],
    "tool_choice": {"type": "function", "name": "f"},
    "parallel_tool_calls": True, "metadata": {},
}
parsed = M.ResponseObject.from_dict(body)
kinds = [type(item).__name__ for item in parsed.output]
assert kinds == ["ReasoningItem", "OutputMessage", "FunctionToolCall", "OutputItemOther", "OutputMessage"], kinds
assert parsed.output[2].call_id == "call_1"
assert [type(t).__name__ for t in parsed.tools] == ["FunctionTool", "FileSearchTool"]
annotations = parsed.output[1].content[0].annotations
assert [type(a).__name__ for a in annotations] == ["UrlCitation", "FileCitation"], annotations
assert type(parsed.tool_choice).__name__ == "ToolChoiceFunction", parsed.tool_choice
assert type(M.ResponseObject.from_dict({**body, "tool_choice": {"type": "file_search"}}).tool_choice).__name__ == (
    "ToolChoiceTypes"
)
assert parsed.to_dict() == body, parsed.to_dict()
event = M.ResponseOutputItemAddedEvent.from_dict(
    {"type": "response.output_item.added", "output_index": 0, "item": {**message, "type": "message"}}
)
assert type(event.item).__name__ == "OutputMessage"
"""

ASSISTANTS = """
from azure_openai_rest import models as M
run = M.RunObject.from_dict({"id": "run_1", "object": "thread.run", "tools": [
    {"type": "code_interpreter"}, {"type": "file_search"}, {"type": "function", "function": {"name": "f"}}]})
assert [type(t).__name__ for t in run.tools] == ["AssistantToolsCode", "AssistantToolsFileSearch",
                                                 "AssistantToolsFunction"], run.tools
message = M.MessageObject.from_dict({"id": "msg_1", "content": [
    {"type": "image_file", "image_file": {"file_id": "f1"}}, {"type": "text", "text": {"value": "v"}}]})
assert [type(c).__name__ for c in message.content] == ["MessageContentImageFileObject",
                                                       "MessageContentTextObject"], message.content
"""


def _run(package_parent: Path, program: str) -> subprocess.CompletedProcess[str]:
    code = f"import sys; sys.path.insert(0, {str(package_parent)!r})\n" + textwrap.dedent(program)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("program", [RESPONSES, ASSISTANTS], ids=["responses", "assistants"])
def test_each_answer_item_parses_as_the_member_its_tag_names(package_2025_03_01_preview: Path, program: str) -> None:
    shown = _run(package_2025_03_01_preview, program)
    assert shown.returncode == 0, shown.stderr
