"""The sans-I/O flow drivers: one flow, run blocking and awaiting, sees the same outcomes and errors."""

from __future__ import annotations

import asyncio
import enum
from typing import Any

import httpx
import pytest
from azure_openai._chat.flows import chat_flow
from azure_openai._flow import Call, Flow, Post, run_async, run_sync
from azure_openai._operations.flows import complete, generate_image


def _flow() -> Flow[tuple[int, str]]:
    length = yield Call(len, ("abc",))
    try:
        yield Call(int, ("x",))
    except ValueError as exc:  # a failed step is thrown back in at its yield
        return length, type(exc).__name__
    raise AssertionError("the failing step was not thrown into the flow")


def _post(step: Post) -> httpx.Response:
    raise AssertionError("these flows send no request")


async def _apost(step: Post) -> httpx.Response:
    return _post(step)


def test_both_drivers_give_the_flow_its_outcomes_and_errors() -> None:
    assert run_sync(_flow(), _post) == (3, "ValueError")
    assert asyncio.run(run_async(_flow(), _apost)) == (3, "ValueError")


def test_an_error_the_flow_does_not_handle_reaches_the_caller() -> None:
    def flow() -> Flow[None]:
        yield Call(int, ("x",))

    with pytest.raises(ValueError):
        run_sync(flow(), _post)
    with pytest.raises(ValueError):
        asyncio.run(run_async(flow(), _apost))


class _Size(enum.Enum):
    SMALL = "256x256"


class _Model:
    def to_dict(self) -> dict[str, Any]:
        return {"type": "json_object"}


def test_chat_and_the_other_operations_write_request_fields_alike() -> None:
    """Models become their ``to_dict()``, enum members their value, lists item by item, in every operation."""
    given = {"response_format": _Model(), "stop": (_Size.SMALL, "x"), "size": _Size.SMALL}
    wire = {"response_format": {"type": "json_object"}, "stop": ["256x256", "x"], "size": "256x256"}
    posts: list[Post] = []

    def post(step: Post) -> httpx.Response:
        posts.append(step)
        raise RuntimeError("stop after the request is built")

    for flow in (chat_flow("hi", given), complete("hi", given), generate_image("hi", given)):
        with pytest.raises(RuntimeError):
            run_sync(flow, post)
    assert [{name: p.body[name] for name in wire} for p in posts if p.body is not None] == [wire] * 3
