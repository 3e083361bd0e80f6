"""The work a stream does per event, counted rather than timed (issue 12: per event at most 1.1x raw httpx).

On a loopback server a raw ``iter_lines`` + ``json.loads`` reader spends ~55 µs per event; our margin over it is
the few Python calls and builtin calls our code makes per event. They are counted here with ``sys.setprofile``
(only calls made in ``azure_openai``'s own code), so that a change adding work to every event shows up in a test,
whatever the machine's load; ``scripts/bench.py --only scale-stream`` measures the time itself.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import azure_openai
import httpx
from azure_openai import AsyncAzureOpenAI, AzureOpenAI

from .chat_loopback import PROMPT_FILTER_CHUNK, chunk, sse

ENDPOINT = "https://r.openai.azure.com"
PACKAGE = str(Path(azure_openai.__file__).parent)
EVENTS = 200  # text events counted, after the first few (which set up the fold)
# Azure's sequence, one event per read as the service sends them: the prompt filters, the role, text, the end.
BODY = [
    sse(PROMPT_FILTER_CHUNK),
    sse(chunk({"role": "assistant", "content": ""})),
    *(sse(chunk({"content": f" word{i}"})) for i in range(EVENTS + 10)),
    sse(chunk({}, finish_reason="stop")),
    b"data: [DONE]\n\n",
]
# Per event: resuming the iterator, _event, _loads, the fold (2), the event object, its .text, one read, decoding it.
PYTHON_CALLS = 9
BUILTIN_CALLS = 24


class Reads(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        return iter(BODY)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in BODY:
            yield piece


def respond(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=Reads())


class Counter:
    """Counts the Python calls and the builtin calls made in our package's code while on."""

    def __init__(self) -> None:
        self.python = self.builtin = 0

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if frame.f_code.co_filename.startswith(PACKAGE):
            if event == "call":
                self.python += 1
            elif event == "c_call":
                self.builtin += 1

    def per_event(self) -> tuple[int, int]:
        # Rounded: a call made once while counting (a finalizer the event loop runs meanwhile) is not per event.
        return round(self.python / EVENTS), round(self.builtin / EVENTS)

    def __enter__(self) -> Counter:
        self.previous = sys.getprofile()
        sys.setprofile(self)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.setprofile(self.previous)


def test_a_stream_event_costs_a_fixed_handful_of_calls() -> None:
    transport = httpx.MockTransport(respond)
    client = AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="d", http_client=httpx.Client(transport=transport))
    with client.chat_stream("hi") as stream:
        events = iter(stream)
        for _ in range(5):
            next(events)
        with Counter() as counted:
            texts = [next(events).text for _ in range(EVENTS)]
        assert texts[0] == " word3" and stream.final().text.startswith(" word0 word1 word2 word3")
    python, builtin = counted.per_event()
    assert python <= PYTHON_CALLS and builtin <= BUILTIN_CALLS, (python, builtin)


async def test_an_async_stream_event_costs_as_little() -> None:
    transport = httpx.MockTransport(respond)
    client = AsyncAzureOpenAI(
        endpoint=ENDPOINT, api_key="k", deployment="d", http_client=httpx.AsyncClient(transport=transport)
    )
    async with client.chat_stream("hi") as stream:
        events = aiter(stream)
        for _ in range(5):
            await anext(events)
        with Counter() as counted:
            texts = [(await anext(events)).text for _ in range(EVENTS)]
        assert texts[0] == " word3" and (await stream.final()).text.startswith(" word0 word1 word2 word3")
    python, builtin = counted.per_event()
    assert python <= PYTHON_CALLS and builtin <= BUILTIN_CALLS, (python, builtin)
