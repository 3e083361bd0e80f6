"""Tools: schemas from signatures and docstrings, and the tool-call loop against a loopback server."""

from __future__ import annotations

import asyncio
import enum
import json
from typing import Any, Literal

import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AzureOpenAI,
    ConfigurationError,
    InvalidArgumentError,
    RateLimitError,
    Tool,
    ToolLoopError,
    ToolRun,
    Usage,
    tool_schema,
)

from .chat_loopback import LoopbackServer


class Unit(enum.Enum):
    C = "celsius"
    F = "fahrenheit"


def get_weather(
    city: str, days: int = 1, unit: Unit = Unit.C, detail: Literal["short", "long"] | None = None
) -> dict[str, Any]:
    """Get the weather forecast for a city.

    Uses the national weather service.

    Args:
        city: The city name, e.g. Oslo.
        days (int): How many days
            to forecast.
        unit: Temperature unit.
    """
    return {"city": city, "days": days, "unit": unit.value, "sky": "clear"}  # .value: a Unit, not a str


def convert(amounts: list[float], rates: dict[str, float], note: str | None = None) -> float:
    """Convert money.

    :param amounts: The amounts to add up.
    :param rates: Exchange rates by currency.
    """
    return sum(amounts) * rates.get("EUR", 1.0)


def test_schema_from_signature_and_google_docstring() -> None:
    assert tool_schema(get_weather) == {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the weather forecast for a city.",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "The city name, e.g. Oslo."},
                    "days": {"type": "integer", "description": "How many days to forecast.", "default": 1},
                    "unit": {
                        "enum": ["celsius", "fahrenheit"],
                        "description": "Temperature unit.",
                        "default": "celsius",
                    },
                    "detail": {"enum": ["short", "long"], "default": None},
                },
                "required": ["city"],
            },
        },
    }


def test_schema_from_sphinx_docstring_with_containers() -> None:
    parameters = tool_schema(convert)["function"]["parameters"]
    assert parameters["properties"]["amounts"] == {
        "type": "array",
        "items": {"type": "number"},
        "description": "The amounts to add up.",
    }
    assert parameters["properties"]["rates"]["additionalProperties"] == {"type": "number"}
    assert parameters["required"] == ["amounts", "rates"]


def test_schema_errors_name_the_parameter_and_the_fix() -> None:
    def bad(when: complex) -> None:
        """Uses an annotation JSON schema cannot express."""

    with pytest.raises(InvalidArgumentError, match=r"parameter when.*Tool\(fn, parameters="):
        tool_schema(bad)
    with pytest.raises(ConfigurationError, match="1-64 letters"):
        tool_schema(lambda: None)
    with pytest.raises(InvalidArgumentError, match=r"functions, Tool.*or schema dicts, got int"):
        Tool.of(5)  # type: ignore[arg-type]
    explicit = Tool(bad, parameters={"type": "object", "properties": {"when": {"type": "string"}}})
    assert explicit.schema["function"]["parameters"]["properties"]["when"] == {"type": "string"}
    assert explicit.schema["function"]["description"] == "Uses an annotation JSON schema cannot express."


def answer(content: str | None = None, calls: list[tuple[str, str, str]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = [
            {"id": id_, "type": "function", "function": {"name": name, "arguments": args}} for id_, name, args in calls
        ]
    reason = "tool_calls" if calls else "stop"
    return {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "finish_reason": reason, "message": message}],
    }


def test_run_tools_calls_functions_and_sends_results_and_errors_back(loop: LoopbackServer, client: AzureOpenAI) -> None:
    def explode(reason: str) -> str:
        """Always fails."""
        raise RuntimeError(f"broken: {reason}")

    loop.reply(
        answer(
            calls=[
                ("call_1", "get_weather", '{"city": "Oslo", "days": 2}'),
                ("call_2", "get_weather", '{"city": "Oslo"'),
                ("call_3", "book_flight", "{}"),
                ("call_4", "explode", '{"reason": "disk"}'),
                ("call_5", "get_weather", '["Oslo"]'),
                ("call_6", "get_weather", '{"city": "Oslo", "unit": "fahrenheit"}'),
                ("call_7", "get_weather", '{"city": "Oslo", "unit": "kelvin"}'),
            ]
        )
    )
    loop.reply(answer("Clear skies in Oslo."))
    run = client.run_tools("Weather in Oslo?", tools=[get_weather, explode], system="Use tools.", temperature=0)
    assert run.text == "Clear skies in Oslo." and run.rounds == 2
    first = loop.requests[0].json()
    assert [t["function"]["name"] for t in first["tools"]] == ["get_weather", "explode"] and first["temperature"] == 0
    results = {m["tool_call_id"]: m["content"] for m in loop.requests[1].json()["messages"] if m["role"] == "tool"}
    assert json.loads(results["call_1"]) == {"city": "Oslo", "days": 2, "unit": "celsius", "sky": "clear"}
    assert results["call_2"].startswith("error: the arguments are not valid JSON")
    assert results["call_3"] == "error: there is no tool named 'book_flight'; the tools are: get_weather, explode"
    assert results["call_4"] == "error: RuntimeError: broken: disk"
    assert results["call_5"].startswith("error: the arguments must be a JSON object")
    assert json.loads(results["call_6"])["unit"] == "fahrenheit"  # the function got Unit.F
    assert results["call_7"] == "error: argument unit must be one of 'celsius', 'fahrenheit', got 'kelvin'"
    assert [m["role"] for m in run.messages] == ["system", "user", "assistant", *["tool"] * 7, "assistant"]


def test_the_loop_stops_after_max_rounds(loop: LoopbackServer, client: AzureOpenAI) -> None:
    for i in range(3):
        loop.reply(answer(calls=[(f"call_{i}", "get_weather", '{"city": "Rome"}')]))
    with pytest.raises(ToolLoopError, match="after 2 rounds") as caught:
        client.run_tools("loop forever", tools=[get_weather], max_rounds=2)
    assert len(loop.requests) == 2
    assert caught.value.result.finish_reason == "tool_calls" and caught.value.messages[-1]["role"] == "assistant"
    assert caught.value.partial.rounds == 2 and caught.value.partial.messages is caught.value.messages


def test_a_forced_tool_choice_applies_to_the_first_round_only(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply(answer(calls=[("call_1", "get_weather", '{"city": "Rome"}')]))
    loop.reply(answer("Sunny in Rome."))
    forced = {"type": "function", "function": {"name": "get_weather"}}
    assert client.run_tools("Rome?", tools=[get_weather], tool_choice=forced).text == "Sunny in Rome."
    assert [r.json()["tool_choice"] for r in loop.requests] == [forced, "auto"]


def test_a_schema_only_tool_call_is_returned_to_the_caller(loop: LoopbackServer, client: AzureOpenAI) -> None:
    schema = {"type": "function", "function": {"name": "ask_human", "parameters": {"type": "object", "properties": {}}}}
    loop.reply(answer(calls=[("call_1", "ask_human", "{}")]))
    run = client.run_tools("Need help", tools=[schema, get_weather])
    assert run.rounds == 1 and run.result.finish_reason == "tool_calls"
    assert run.messages[-1]["tool_calls"][0]["function"]["name"] == "ask_human"
    assert loop.requests[0].json()["tools"][0] == schema


async def fetch(url: str) -> str:
    """Fetch a page."""
    return url


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"tools": [fetch]}, InvalidArgumentError, "async function; run it with AsyncAzureOpenAI"),
        ({"tools": get_weather}, InvalidArgumentError, "takes a list"),
        ({"tools": 5}, InvalidArgumentError, "takes a list"),
        ({"tools": [5]}, InvalidArgumentError, "functions, Tool.*or schema dicts, got int"),
        ({"tools": [get_weather, get_weather]}, ConfigurationError, "two tools are named"),
        ({"tools": [{"name": "f"}]}, ConfigurationError, "a tool schema must look like"),
        ({"tools": []}, ConfigurationError, "at least one tool"),
        ({"tools": [get_weather], "max_rounds": 0}, ConfigurationError, "max_rounds must be a positive int.*got 0"),
        ({"tools": [get_weather], "max_rounds": "a"}, ConfigurationError, "max_rounds must be a positive int.*got 'a'"),
        (
            {"tools": [get_weather], "max_rounds": True},
            ConfigurationError,
            "max_rounds must be a positive int.*got True",
        ),
    ],
)
async def test_bad_tools_arguments_are_clear(
    client: AzureOpenAI, aclient: AsyncAzureOpenAI, kwargs: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        client.run_tools("x", **kwargs)
    if kwargs["tools"] != [fetch]:  # the async client runs async tools
        with pytest.raises(error, match=fragment):
            await aclient.run_tools("x", **kwargs)


async def test_async_run_tools_awaits_coroutines_concurrently_in_order(
    loop: LoopbackServer, aclient: AsyncAzureOpenAI
) -> None:
    started: list[str] = []

    async def slow_lookup(key: str) -> str:
        """Look a key up."""
        started.append(key)
        await asyncio.sleep(0.01 if key == "a" else 0)
        return key.upper()

    loop.reply(
        answer(
            calls=[
                ("c1", "slow_lookup", '{"key": "a"}'),
                ("c2", "slow_lookup", '{"key": "b"}'),
                ("c3", "get_weather", '{"city": "Bern"}'),
            ]
        )
    )
    loop.reply(answer("done"))
    run = await aclient.run_tools("look up", tools=[slow_lookup, get_weather])
    assert run.text == "done" and started == ["a", "b"]
    tool_messages = [m for m in run.messages if m["role"] == "tool"]
    assert [(m["tool_call_id"], m["content"]) for m in tool_messages][:2] == [("c1", "A"), ("c2", "B")]
    assert json.loads(tool_messages[2]["content"])["city"] == "Bern"


def usage(prompt: int, completion: int) -> dict[str, int]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


async def test_a_later_round_failing_keeps_the_rounds_paid_for_and_the_tool_results(
    loop: LoopbackServer, client: AzureOpenAI, aclient: AsyncAzureOpenAI
) -> None:
    rate_limited = {"error": {"code": "429", "message": "Rate limit is exceeded."}}
    for _ in range(2):  # once for each client
        loop.reply({**answer(calls=[("call_1", "get_weather", '{"city": "Oslo"}')]), "usage": usage(500, 20)})
        loop.reply(rate_limited, status=429, headers={"retry-after": "86400"})
    with pytest.raises(RateLimitError) as caught:
        client.run_tools("Weather in Oslo?", tools=[get_weather])
    with pytest.raises(RateLimitError) as caught_async:
        await aclient.run_tools("Weather in Oslo?", tools=[get_weather])
    for error in (caught.value, caught_async.value):
        run = error.partial
        assert isinstance(run, ToolRun) and run.rounds == 1 and run.usage == Usage(500, 20, 520)
        assert run.result.finish_reason == "tool_calls"
        assert [m["role"] for m in run.messages] == ["user", "assistant", "tool"]
        assert json.loads(run.messages[-1]["content"])["city"] == "Oslo"  # the tool ran: its result is kept


def test_a_run_keeps_every_rounds_result_and_sums_their_usage(loop: LoopbackServer, client: AzureOpenAI) -> None:
    loop.reply({**answer(calls=[("call_1", "get_weather", '{"city": "Oslo"}')]), "usage": usage(500, 20)})
    loop.reply({**answer("Sunny."), "usage": usage(600, 5)}, headers={"apim-request-id": "r2"})
    run = client.run_tools("Weather in Oslo?", tools=[get_weather])
    assert [r.finish_reason for r in run.results] == ["tool_calls", "stop"] and run.result is run.results[-1]
    assert run.usage == Usage(1100, 25, 1125) and run.rounds == 2
    assert run.results[0].usage == Usage(500, 20, 520)


def test_enums_inside_optional_lists_and_dicts_reach_the_function_as_members(
    loop: LoopbackServer, client: AzureOpenAI
) -> None:
    got: list[object] = []

    def pick(units: list[Unit], unit: Unit | None = None, by_city: dict[str, Unit] | None = None) -> str:
        """Pick units."""
        got.extend([units, unit, by_city])
        return "ok"

    arguments = ['{"units": ["celsius"], "unit": "fahrenheit", "by_city": {"Oslo": "celsius"}}', '{"units": []}']
    arguments.append('{"units": [], "unit": "kelvin"}')
    loop.reply(answer(calls=[(f"call_{i}", "pick", a) for i, a in enumerate(arguments)]))
    loop.reply(answer("done"))
    run = client.run_tools("Units?", tools=[pick])
    assert got == [[Unit.C], Unit.F, {"Oslo": Unit.C}, [], None, None]
    assert [m["content"] for m in run.messages if m["role"] == "tool"] == [
        "ok",
        "ok",
        "error: argument unit must be one of 'celsius', 'fahrenheit', got 'kelvin'",
    ]
