"""The typed operation constants: ``RequestModel``, ``ResponseModel``, ``StreamChunkModel`` and ``RequestParams``.

The wrapper types its results and keyword arguments with these (under ``TYPE_CHECKING``), so a caller's plain
JSON and the generated models must both be accepted, by the type checker and at run time.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import azure_openai_rest.api as api
import pytest
from azure_openai_rest.api.default import chat_completions_create, embeddings_create, transcriptions_create
from azure_openai_rest.models import ChatCompletionRequestMessageUser, ChatCompletionToolChoiceOptionType0
from azure_openai_rest.types import File
from spec_files import REPO

# The README's chat call, `client.chat("...", system="Be brief.", temperature=0.2)`, as the request it sends, and
# the mistakes a type checker must catch (`warn_unused_ignores` fails the run if an ignore is not needed).
README_CHAT = """
from typing_extensions import Unpack
from azure_openai_rest.api.default.chat_completions_create import RequestModel, RequestParams, ResponseModel
from azure_openai_rest.models import ChatCompletionRequestMessageSystem

def chat(**params: Unpack[RequestParams]) -> ResponseModel | None:
    body = RequestModel.from_dict(dict(params))
    return None if body.to_dict() else None

params: RequestParams = {
    "messages": [
        ChatCompletionRequestMessageSystem(content="Be brief."),
        {"role": "user", "content": "Does Azure OpenAI support customer managed keys?"},
    ],
    "temperature": 0.2,
}
chat(**params)
chat(messages=({"role": "user", "content": "hi"},), stop=["\\n"], tool_choice="auto", max_tokens=5)
chat(temperature="hot")  # type: ignore[arg-type]
chat(temprature=0.2)  # type: ignore[call-arg]
wrong: RequestParams = {"messages": "hi", "n": 1}  # type: ignore[typeddict-item]
"""


@pytest.mark.slow
def test_mypy_accepts_the_readme_chat_call_as_request_params(tmp_path: Path) -> None:
    program = tmp_path / "readme_chat.py"
    program.write_text(README_CHAT, encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores", "--python-version", "3.10"]
        + ["--config-file", "", "--cache-dir", str(tmp_path / "cache"), "--follow-imports", "silent", str(program)],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(REPO / "generated"), "PATH": ""},
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_request_params_resolves_at_run_time() -> None:
    """Every annotation names something imported (get_type_hints would raise NameError) and none is ``Unset``."""
    for module_path in api.MODULES.values():
        module = importlib.import_module(f"azure_openai_rest.api.{module_path}")
        hints = typing.get_type_hints(module.RequestParams)
        assert hints.keys() == module.RequestParams.__annotations__.keys()
        assert module.RequestParams.__required_keys__ == frozenset(), module_path
        assert "Unset" not in repr(hints), module_path


def test_request_params_accept_the_model_or_its_json() -> None:
    hints = typing.get_type_hints(chat_completions_create.RequestParams)
    (message,) = typing.get_args(hints["messages"])[:1]
    assert typing.get_origin(hints["messages"]) is Sequence
    assert {ChatCompletionRequestMessageUser, Mapping[str, Any]} <= set(typing.get_args(message))
    assert {ChatCompletionToolChoiceOptionType0, str} <= set(typing.get_args(hints["tool_choice"]))
    assert set(typing.get_args(hints["stop"])) == {str, Sequence[str], type(None)}
    assert typing.get_type_hints(embeddings_create.RequestParams)["input_"] == str | Sequence[str] | None
    assert File in typing.get_args(typing.get_type_hints(transcriptions_create.RequestParams)["file"])


def test_the_aliases_are_the_constants() -> None:
    for module_path in api.MODULES.values():
        module = importlib.import_module(f"azure_openai_rest.api.{module_path}")
        assert module.RequestModel is module.REQUEST_MODEL
        assert module.ResponseModel is module.RESPONSE_MODELS[200][0]
        assert getattr(module, "StreamChunkModel", None) is module.STREAM_CHUNK_MODEL
    assert chat_completions_create.StreamChunkModel.__name__ == "CreateChatCompletionStreamResponse"
