"""Emulated chat: the deterministic answer (text, tool call or scripted reply), whole or as Azure's chunks."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._shapes import (
    CREATED,
    MARK,
    SYSTEM_FINGERPRINT,
    cut,
    digest,
    make_id,
    pieces,
    prompt_filter_results,
    severity_results,
    tokens,
)

__all__ = [
    "ChatAnswer",
    "Replies",
    "chat_answer",
    "chat_chunks",
    "chat_completion",
    "chat_cost",
    "example_of",
    "max_tokens_of",
    "prompt_tokens",
]

#: Scripted chat answers: last user text -> reply, or a function of the messages (None falls back to the default).
Replies = Mapping[str, str] | Callable[[Sequence[Mapping[str, Any]]], str | None]


@dataclasses.dataclass(frozen=True)
class ChatAnswer:
    """What the emulated assistant says: text, or tool/function calls, and why it stopped.

    ``filtered`` names the content-filter categories that stopped it (with their ``severity``), if any.
    """

    content: str | None
    tool_calls: list[dict[str, Any]] | None = None
    function_call: dict[str, Any] | None = None
    finish_reason: str = "stop"
    filtered: tuple[str, ...] = ()
    severity: str = "high"

    def filtered_by(self, categories: Sequence[str], severity: str) -> ChatAnswer:
        """The answer the completion filter leaves: nothing, stopped for ``categories`` (unchanged when none)."""
        if not categories:
            return self
        return ChatAnswer("", finish_reason="content_filter", filtered=tuple(categories), severity=severity)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict) and part.get("text"))
    return ""


#: How deep ``example_of`` follows nested schemas and references (a recursive model refers to itself).
_MAX_DEPTH = 32
_SCALARS = ("string", "integer", "number", "boolean", "null")
_NESTING = frozenset({"$ref", "anyOf", "oneOf", "allOf", "properties", "items"})


def _resolve(reference: str, root: Any) -> Any:
    """The schema a local ``$ref`` ("#/$defs/Name", "#/definitions/Name", any "#/..." pointer) names, or None."""
    if not reference.startswith("#"):
        return None
    target = root
    for part in reference[1:].split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            return None
        target = target[part]
    return target


def example_of(schema: Any, root: Any = None, depth: int = 0) -> Any:
    """A value that fits a JSON schema (tool parameters, a json_schema response format): default, enum or const
    first, else a plain example; local ``$ref``s (pydantic's ``$defs``) are followed, to a depth of 32."""
    root = schema if root is None else root
    if not isinstance(schema, dict):
        return "emulated"
    if depth > _MAX_DEPTH and not (schema.get("type") in _SCALARS and _NESTING.isdisjoint(schema)):
        return None  # a recursive or absurdly deep schema ends here; its scalars still get values
    if isinstance(schema.get("$ref"), str):
        target = _resolve(schema["$ref"], root)
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        merged = {**target, **siblings} if isinstance(target, dict) else siblings
        return example_of(merged, root, depth + 1)
    for key in ("default", "const"):
        if key in schema:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if schema.get(key):
            return example_of(schema[key][0], root, depth + 1)
    if schema.get("allOf"):
        parts = [example_of(part, root, depth + 1) for part in schema["allOf"]]
        if all(isinstance(part, dict) for part in parts):
            return {key: value for part in parts for key, value in part.items()}
        return parts[0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        props: dict[str, Any] = schema.get("properties", {})
        required = schema.get("required")
        names = [name for name in props if required is None or name in required]
        return {name: example_of(props[name], root, depth + 1) for name in names}
    if kind == "array":
        return [example_of(schema.get("items", {}), root, depth + 1)]
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1.5))
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return "emulated"


def _chosen_tool(body: Mapping[str, Any]) -> dict[str, Any] | None:
    tools = [tool for tool in body.get("tools") or [] if tool.get("type") == "function"]
    choice = body.get("tool_choice", "auto")
    if not tools or choice == "none":
        return None
    if isinstance(choice, dict):
        name = choice.get("function", {}).get("name")
        return next((tool["function"] for tool in tools if tool["function"].get("name") == name), None)
    first: dict[str, Any] = tools[0]["function"]
    return first


def chat_answer(body: Mapping[str, Any], deployment: str, replies: Replies | None) -> ChatAnswer:
    """The deterministic answer to a chat request.

    A tool result last -> text quoting it; tools offered (and ``tool_choice`` not ``none``) -> a call of the chosen
    (else the first) tool with arguments built from its parameter schema; otherwise a scripted reply or an echo,
    which JSON mode (``response_format``) turns into a JSON object (of the schema's shape for ``json_schema``).
    """
    messages: list[dict[str, Any]] = list(body.get("messages") or [])
    last = messages[-1] if messages else {}
    if last.get("role") in ("tool", "function"):
        results: list[str] = []
        for message in reversed(messages):
            if message.get("role") not in ("tool", "function"):
                break
            results.insert(0, _text_of(message.get("content")))
        return ChatAnswer(f"{MARK} Emulated answer using the tool results: {'; '.join(results)}")
    tool = _chosen_tool(body)
    if tool is not None:
        arguments = json.dumps(example_of(tool.get("parameters", {})))
        call = {
            "id": "call_" + digest(deployment, body, tool.get("name"))[:24],
            "type": "function",
            "function": {"name": tool.get("name", ""), "arguments": arguments},
        }
        return ChatAnswer(None, tool_calls=[call], finish_reason="tool_calls")
    functions = body.get("functions") or []
    if functions and body.get("function_call", "auto") != "none":
        wanted = body.get("function_call")
        name = wanted.get("name") if isinstance(wanted, dict) else functions[0].get("name")
        function = next((f for f in functions if f.get("name") == name), functions[0])
        arguments = json.dumps(example_of(function.get("parameters", {})))
        return ChatAnswer(
            None,
            function_call={"name": function.get("name", ""), "arguments": arguments},
            finish_reason="function_call",
        )
    user_text = next((_text_of(m.get("content")) for m in reversed(messages) if m.get("role") == "user"), "")
    if replies is not None:
        scripted = replies(messages) if callable(replies) else replies.get(user_text)
        if scripted is not None:
            return ChatAnswer(scripted)
    reply = f"{MARK} Emulated reply from deployment {deployment}; no model was called."
    if user_text:
        reply += f' You said: "{user_text}"'
    turns = sum(1 for message in messages if message.get("role") in ("user", "assistant"))
    if turns > 1:
        reply += f" (turn {turns // 2 + 1} of this conversation)"
    return ChatAnswer(_json_mode(body.get("response_format"), reply))


def _json_mode(response_format: Any, reply: str) -> str:
    """JSON mode: the reply as a JSON object; with a ``json_schema``, an object of the schema's shape."""
    kind = response_format.get("type") if isinstance(response_format, Mapping) else None
    if kind == "json_schema":
        schema = (response_format.get("json_schema") or {}).get("schema")
        if isinstance(schema, Mapping):
            return json.dumps(example_of(schema))
    if kind in ("json_object", "json_schema"):
        return json.dumps({"emulated": True, "reply": reply})
    return reply


def max_tokens_of(body: Mapping[str, Any]) -> Any:
    """The answer's token limit: ``max_tokens``, or ``max_completion_tokens`` (newer api-versions) instead."""
    return body.get("max_tokens", body.get("max_completion_tokens"))


def _truncated(answer: ChatAnswer, max_tokens: Any) -> ChatAnswer:
    """The answer cut at ``max_tokens`` in the unit usage counts (``tokens``), so usage never exceeds it."""
    if answer.filtered or answer.content is None or not isinstance(max_tokens, int) or isinstance(max_tokens, bool):
        return answer
    shortened = cut(answer.content, max_tokens)
    return answer if shortened is None else dataclasses.replace(answer, content=shortened, finish_reason="length")


def prompt_tokens(body: Mapping[str, Any], *, tools_by_length: bool = False) -> int:
    """The tokens of a chat request's prompt: its messages, and the tools or functions it offers.

    ``tools_by_length`` counts those definitions as their JSON length / 4, near the service's compact rendering
    of them: the context check uses it, as counting JSON punctuation would refuse requests the service takes.
    """
    messages = sum(4 + tokens(_text_of(m.get("content"))) for m in body.get("messages") or []) + 3
    # Tool and function definitions are part of the prompt the model reads (and the service counts).
    offered = [json.dumps(body[key]) for key in ("tools", "functions") if body.get(key)]
    return messages + sum(len(text) // 4 if tools_by_length else tokens(text) for text in offered)


def _completion_tokens(answer: ChatAnswer) -> int:
    if answer.tool_calls:
        return sum(5 + tokens(call["function"]["arguments"]) for call in answer.tool_calls)
    if answer.function_call:
        return 5 + tokens(answer.function_call["arguments"])
    return tokens(answer.content or "")


def chat_cost(body: Mapping[str, Any], answer: ChatAnswer) -> tuple[int, int]:
    """(tokens the quota counts, completion tokens): the prompt plus ``max_tokens`` per choice when given, else
    plus the answer's own length, as the service estimates a request when it arrives."""
    count = body.get("n") or 1
    completion = _completion_tokens(answer) * count
    limit = max_tokens_of(body)
    if isinstance(limit, int) and not isinstance(limit, bool):
        completion = min(completion, limit * count)
        return prompt_tokens(body) + limit * count, completion
    return prompt_tokens(body) + completion, completion


def _usage(body: Mapping[str, Any], answer: ChatAnswer) -> dict[str, int]:
    prompt, completion = prompt_tokens(body), _completion_tokens(answer) * (body.get("n") or 1)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _head(body: Mapping[str, Any], deployment: str, model: str, kind: str) -> dict[str, Any]:
    """The fields every chat completion (``kind``: its ``object``) and every chunk of a streamed one start with."""
    return {
        "id": make_id("chatcmpl-", deployment, body),
        "object": kind,
        "created": CREATED,
        "model": model,
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def chat_completion(body: Mapping[str, Any], deployment: str, model: str, answer: ChatAnswer) -> dict[str, Any]:
    """A non-streamed chat completion (``object: chat.completion``)."""
    answer = _truncated(answer, max_tokens_of(body))
    message: dict[str, Any] = {"role": "assistant", "content": answer.content}
    if answer.tool_calls:
        message["tool_calls"] = answer.tool_calls
    if answer.function_call:
        message["function_call"] = answer.function_call
    return {
        **_head(body, deployment, model, "chat.completion"),
        "prompt_filter_results": prompt_filter_results(1),
        "choices": [
            {
                "index": index,
                "finish_reason": answer.finish_reason,
                "message": message,
                "content_filter_results": severity_results(answer.filtered, answer.severity),
            }
            for index in range(body.get("n") or 1)
        ],
        "usage": _usage(body, answer),
    }


def chat_chunks(body: Mapping[str, Any], deployment: str, model: str, answer: ChatAnswer) -> list[dict[str, Any]]:
    """Azure's streamed chat sequence: prompt-filter chunk, role chunk, content deltas, finish chunk (no [DONE])."""
    answer = _truncated(answer, max_tokens_of(body))
    head = _head(body, deployment, model, "chat.completion.chunk")
    chunks: list[dict[str, Any]] = [
        {
            "id": "",
            "object": "",
            "created": 0,
            "model": "",
            "prompt_filter_results": prompt_filter_results(1),
            "choices": [],
        }
    ]

    def chunk(index: int, delta: dict[str, Any], filters: dict[str, Any], finish: str | None = None) -> None:
        choice = {"index": index, "finish_reason": finish, "delta": delta, "content_filter_results": filters}
        chunks.append({**head, "choices": [choice]})

    for index in range(body.get("n") or 1):
        if answer.tool_calls:
            for position, call in enumerate(answer.tool_calls):
                first = {
                    "index": position,
                    "id": call["id"],
                    "type": "function",
                    "function": {"name": call["function"]["name"], "arguments": ""},
                }
                delta: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [first]}
                chunk(index, delta if position == 0 else {"tool_calls": [first]}, {})
                for piece in pieces(call["function"]["arguments"]):
                    chunk(index, {"tool_calls": [{"index": position, "function": {"arguments": piece}}]}, {})
        elif answer.function_call:
            chunk(
                index,
                {
                    "role": "assistant",
                    "content": None,
                    "function_call": {"name": answer.function_call["name"], "arguments": ""},
                },
                {},
            )
            for piece in pieces(answer.function_call["arguments"]):
                chunk(index, {"function_call": {"arguments": piece}}, {})
        else:
            chunk(index, {"role": "assistant", "content": ""}, {})
            for piece in pieces(answer.content or "") if answer.content else []:
                chunk(index, {"content": piece}, severity_results())
        finish_filters = severity_results(answer.filtered, answer.severity) if answer.filtered else {}
        chunk(index, {}, finish_filters, answer.finish_reason)
    options = body.get("stream_options")
    if isinstance(options, dict) and options.get("include_usage"):
        chunks.append({**head, "choices": [], "usage": _usage(body, answer)})
    return chunks
