"""The sans-I/O flow drivers: one flow, run blocking and awaiting, sees the same outcomes and errors."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from azure_openai._flow import Call, Flow, Post, run_async, run_sync


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
