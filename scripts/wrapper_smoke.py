"""Run by scripts/regenerate.py on a fresh build: can this repository's wrapper use it?

    python scripts/wrapper_smoke.py FOLDER_HOLDING_azure_openai_rest WRAPPER_FOLDER

Every wrapper call of an operation the build has is made once, against a mock transport answering a minimal
body, and every property of what it returns is read. Prints one line per failure (exit 1), nothing when all
pass: a field the wrapper reads that this api-version's models lack fails here, not in a user's program.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

sys.path[:0] = sys.argv[1:3]  # the fresh build and the wrapper before anything installed

import azure_openai  # noqa: E402
import azure_openai_rest  # noqa: E402
import httpx  # noqa: E402  (after the path is set)
from azure_openai import AzureOpenAI  # noqa: E402
from azure_openai_rest.api import MODULES  # noqa: E402

for module, folder in ((azure_openai_rest, sys.argv[1]), (azure_openai, sys.argv[2])):
    if not str(module.__file__).startswith(os.path.abspath(folder)):  # another one installed: not what is checked
        sys.exit(f"{module.__name__} was imported from {module.__file__}, not from {folder}")

USAGE = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
HEAD = {"id": "smoke", "created": 0, "model": "m"}
MESSAGE = {"role": "assistant", "content": "ok"}
ANSWERS = {  # by the path below the deployment
    "chat/completions": {
        **HEAD,
        "object": "chat.completion",
        "usage": USAGE,
        "choices": [{"index": 0, "message": MESSAGE, "finish_reason": "stop"}],
    },
    "completions": {
        **HEAD,
        "object": "text_completion",
        "usage": USAGE,
        "choices": [{"index": 0, "text": "ok", "finish_reason": "stop"}],
    },
    "embeddings": {
        "object": "list",
        "model": "m",
        "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
        "usage": {"prompt_tokens": 1, "total_tokens": 1},
    },
    "images/generations": {"created": 0, "data": [{"url": "https://smoke.invalid/a.png"}]},
    "audio/transcriptions": {"text": "ok"},
    "audio/translations": {"text": "ok"},
}
CHUNKS = [
    {**HEAD, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": MESSAGE, "finish_reason": None}]},
    {**HEAD, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
]


def answer(request: httpx.Request) -> httpx.Response:
    """The minimal answer of the operation asked, streamed when the body asks for a stream."""
    below = request.url.path.split("/deployments/d/", 1)[1]
    if below == "chat/completions" and json.loads(request.content).get("stream"):
        events = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in CHUNKS) + "data: [DONE]\n\n"
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=events.encode())
    return httpx.Response(200, json=ANSWERS[below])


def read_all(value: Any) -> Any:
    """Read every property of a result (or of each item of a list of them), as a user might."""
    for item in value if isinstance(value, list) else [value]:
        for name in dir(type(item)):
            if not name.startswith("_") and isinstance(getattr(type(item), name), property):
                getattr(item, name)
    return value


def streamed(client: AzureOpenAI) -> Any:
    """A streamed chat: each event and the final result."""
    with client.chat_stream("hi") as stream:
        read_all(list(stream))
        return stream.final()


CALLS: dict[str, dict[str, Callable[[AzureOpenAI], Any]]] = {
    "chat_completions_create": {"chat()": lambda c: c.chat("hi"), "chat_stream() final()": streamed},
    "completions_create": {"complete()": lambda c: c.complete("hi")},
    "embeddings_create": {"embed()": lambda c: c.embed(["hi"]).responses},
    "image_generations_create": {"generate_image()": lambda c: c.generate_image("hi")},
    "transcriptions_create": {"transcribe()": lambda c: c.transcribe(b"RIFF", filename="a.wav")},
    "translations_create": {"translate()": lambda c: c.translate(b"RIFF", filename="a.wav")},
}

failed = False
http = httpx.Client(transport=httpx.MockTransport(answer))
version = azure_openai_rest.API_VERSION  # the build's, not the caller's OPENAI_API_VERSION
with AzureOpenAI(
    endpoint="https://smoke.invalid", api_key="k", deployment="d", api_version=version, http_client=http
) as client:
    for operation, calls in CALLS.items():
        for call, run in calls.items() if operation in MODULES else ():
            try:
                read_all(run(client))
            except Exception as exc:
                failed, where = True, traceback.extract_tb(exc.__traceback__)[-1]
                print(f"{operation}: {call} raised {type(exc).__name__}: {exc} ({where.filename}:{where.lineno})")
sys.exit(1 if failed else 0)
