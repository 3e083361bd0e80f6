"""Deterministic answers in the service's exact shapes: the same request always gets the same body.

Ids are derived from a hash of the deployment and the request body, ``created`` is a fixed instant, and every
text says it comes from the emulator, so nobody mistakes an emulated answer for a model's.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import math
import random
import re
import struct
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = [
    "CREATED",
    "ChatAnswer",
    "Replies",
    "audio",
    "chat_answer",
    "chat_chunks",
    "chat_completion",
    "completion",
    "completion_chunks",
    "embeddings",
    "error_body",
    "image_generation",
    "png",
    "severity_results",
    "tokens",
]

#: The ``created`` of every answer: fixed, so that equal requests get equal bodies.
CREATED = 1_717_171_717
SYSTEM_FINGERPRINT = "fp_emulator"
MARK = "[emulator]"

#: Scripted chat answers: last user text -> reply, or a function of the messages (None falls back to the default).
Replies = Mapping[str, str] | Callable[[Sequence[Mapping[str, Any]]], str | None]

_WORD = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> int:
    """A deterministic stand-in for a tokenizer: words and punctuation marks."""
    return len(_WORD.findall(text))


def digest(*parts: Any) -> str:
    """A stable hex digest of JSON-serialisable parts."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.sha256(blob).hexdigest()


def _id(prefix: str, *parts: Any) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    number = int(digest(*parts), 16)
    chars = []
    for _ in range(29):
        number, rest = divmod(number, len(alphabet))
        chars.append(alphabet[rest])
    return prefix + "".join(chars)


def severity_results(filtered: Sequence[str] = (), severity: str = "high") -> dict[str, Any]:
    """The four severity categories; those in ``filtered`` are filtered at ``severity``, the rest safe."""
    return {
        name: {"filtered": True, "severity": severity} if name in filtered else {"filtered": False, "severity": "safe"}
        for name in ("hate", "self_harm", "sexual", "violence")
    }


def _prompt_filter_results(count: int) -> list[dict[str, Any]]:
    results = {**severity_results(), "jailbreak": {"filtered": False, "detected": False}}
    return [{"prompt_index": index, "content_filter_results": results} for index in range(count)]


def error_body(code: str | None, message: str, **extra: Any) -> dict[str, Any]:
    """The service's JSON error body: ``{"error": {"code": ..., "message": ..., ...}}``."""
    return {"error": {"code": code, "message": message, **extra}}


# --------------------------------------------------------------------------------------------------- chat


@dataclasses.dataclass(frozen=True)
class ChatAnswer:
    """What the emulated assistant says: text, or tool/function calls, and why it stopped."""

    content: str | None
    tool_calls: list[dict[str, Any]] | None = None
    function_call: dict[str, Any] | None = None
    finish_reason: str = "stop"


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict) and part.get("text"))
    return ""


def example_of(schema: Any) -> Any:
    """A value that fits a JSON schema (tool parameters): default, enum or const first, else a plain example."""
    if not isinstance(schema, dict):
        return "emulated"
    for key in ("default", "const"):
        if key in schema:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if schema.get(key):
            return example_of(schema[key][0])
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        props: dict[str, Any] = schema.get("properties", {})
        required = schema.get("required")
        names = [name for name in props if required is None or name in required]
        return {name: example_of(props[name]) for name in names}
    if kind == "array":
        return [example_of(schema.get("items", {}))]
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
    (else the first) tool with arguments built from its parameter schema; otherwise a scripted reply or an echo.
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
    if not user_text:
        return ChatAnswer(f"{MARK} Emulated reply from deployment {deployment}; no model was called.")
    return ChatAnswer(
        f'{MARK} Emulated reply from deployment {deployment}; no model was called. You said: "{user_text}"'
    )


def _pieces(text: str) -> list[str]:
    """Split text the way a stream delivers it: a word with its leading space per piece."""
    return re.findall(r"\s*\S+", text) or [text]


def _truncated(answer: ChatAnswer, max_tokens: Any) -> ChatAnswer:
    if answer.content is None or not isinstance(max_tokens, int) or max_tokens >= len(_pieces(answer.content)):
        return answer
    return ChatAnswer("".join(_pieces(answer.content)[: max(max_tokens, 0)]), finish_reason="length")


def _filtered(answer: ChatAnswer, filtered: Sequence[str]) -> ChatAnswer:
    return ChatAnswer("", finish_reason="content_filter") if filtered else answer


def _prompt_tokens(body: Mapping[str, Any]) -> int:
    return sum(4 + tokens(_text_of(m.get("content"))) for m in body.get("messages") or []) + 3


def _completion_tokens(answer: ChatAnswer) -> int:
    if answer.tool_calls:
        return sum(5 + tokens(call["function"]["arguments"]) for call in answer.tool_calls)
    if answer.function_call:
        return 5 + tokens(answer.function_call["arguments"])
    return tokens(answer.content or "")


def _choice_filter(filtered: Sequence[str], severity: str) -> dict[str, Any]:
    return severity_results(filtered, severity)


def chat_completion(
    body: Mapping[str, Any],
    deployment: str,
    model: str,
    answer: ChatAnswer,
    filtered: Sequence[str] = (),
    severity: str = "high",
) -> dict[str, Any]:
    """A non-streamed chat completion (``object: chat.completion``)."""
    answer = _filtered(_truncated(answer, body.get("max_tokens")), filtered)
    count = body.get("n") or 1
    message: dict[str, Any] = {"role": "assistant", "content": answer.content}
    if answer.tool_calls:
        message["tool_calls"] = answer.tool_calls
    if answer.function_call:
        message["function_call"] = answer.function_call
    completion_tokens = _completion_tokens(answer) * count
    prompt_tokens = _prompt_tokens(body)
    return {
        "id": _id("chatcmpl-", deployment, body),
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "system_fingerprint": SYSTEM_FINGERPRINT,
        "prompt_filter_results": _prompt_filter_results(1),
        "choices": [
            {
                "index": index,
                "finish_reason": answer.finish_reason,
                "message": message,
                "content_filter_results": _choice_filter(filtered, severity),
            }
            for index in range(count)
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def chat_chunks(
    body: Mapping[str, Any],
    deployment: str,
    model: str,
    answer: ChatAnswer,
    filtered: Sequence[str] = (),
    severity: str = "high",
) -> list[dict[str, Any]]:
    """Azure's streamed chat sequence: prompt-filter chunk, role chunk, content deltas, finish chunk (no [DONE])."""
    answer = _filtered(_truncated(answer, body.get("max_tokens")), filtered)
    head = {
        "id": _id("chatcmpl-", deployment, body),
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": model,
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }
    chunks: list[dict[str, Any]] = [
        {
            "id": "",
            "object": "",
            "created": 0,
            "model": "",
            "prompt_filter_results": _prompt_filter_results(1),
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
                for piece in _pieces(call["function"]["arguments"]):
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
            for piece in _pieces(answer.function_call["arguments"]):
                chunk(index, {"function_call": {"arguments": piece}}, {})
        else:
            chunk(index, {"role": "assistant", "content": ""}, {})
            for piece in _pieces(answer.content or "") if answer.content else []:
                chunk(index, {"content": piece}, severity_results())
        chunk(index, {}, _choice_filter(filtered, severity) if filtered else {}, answer.finish_reason)
    options = body.get("stream_options")
    if isinstance(options, dict) and options.get("include_usage"):
        prompt_tokens, completion_tokens = _prompt_tokens(body), _completion_tokens(answer) * (body.get("n") or 1)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        chunks.append({**head, "choices": [], "usage": usage})
    return chunks


# --------------------------------------------------------------------------------------------------- completions


def _prompts(body: Mapping[str, Any]) -> list[str]:
    prompt = body.get("prompt")
    if isinstance(prompt, list):
        return [str(p) for p in prompt]
    return [prompt or ""]


def _completion_text(prompt: str, max_tokens: Any) -> tuple[str, str]:
    words = _pieces(f" {MARK} Emulated completion; no model was called. Prompt: {prompt}".rstrip())
    limit = 16 if max_tokens is None else max_tokens
    if isinstance(limit, int) and limit < len(words):
        return "".join(words[: max(limit, 0)]), "length"
    return "".join(words), "stop"


def completion(body: Mapping[str, Any], deployment: str, model: str) -> dict[str, Any]:
    """A non-streamed legacy completion (``object: text_completion``)."""
    prompts, count = _prompts(body), body.get("n") or 1
    choices: list[dict[str, Any]] = []
    completion_tokens = 0
    for prompt in prompts:
        text, finish = _completion_text(prompt, body.get("max_tokens"))
        if body.get("echo"):
            text = prompt + text
        for _ in range(count):
            choices.append(
                {
                    "text": text,
                    "index": len(choices),
                    "finish_reason": finish,
                    "logprobs": None,
                    "content_filter_results": severity_results(),
                }
            )
            completion_tokens += tokens(text)
    prompt_tokens = sum(tokens(p) for p in prompts)
    return {
        "id": _id("cmpl-", deployment, body),
        "object": "text_completion",
        "created": CREATED,
        "model": model,
        "prompt_filter_results": _prompt_filter_results(len(prompts)),
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def completion_chunks(body: Mapping[str, Any], deployment: str, model: str) -> list[dict[str, Any]]:
    """A streamed legacy completion: prompt-filter chunk, text pieces, a finish chunk per choice (no [DONE])."""
    whole = completion(body, deployment, model)
    head = {"id": whole["id"], "object": "text_completion", "created": CREATED, "model": model}
    chunks: list[dict[str, Any]] = [
        {
            "id": "",
            "object": "",
            "created": 0,
            "model": "",
            "prompt_filter_results": whole["prompt_filter_results"],
            "choices": [],
        }
    ]
    for choice in whole["choices"]:
        for piece in _pieces(choice["text"]):
            chunks.append(
                {
                    **head,
                    "choices": [
                        {
                            "text": piece,
                            "index": choice["index"],
                            "finish_reason": None,
                            "logprobs": None,
                            "content_filter_results": severity_results(),
                        }
                    ],
                }
            )
        chunks.append(
            {
                **head,
                "choices": [
                    {
                        "text": "",
                        "index": choice["index"],
                        "logprobs": None,
                        "finish_reason": choice["finish_reason"],
                        "content_filter_results": {},
                    }
                ],
            }
        )
    return chunks


# --------------------------------------------------------------------------------------------------- embeddings


def _vector(text: str, model: str, dimensions: int) -> list[float]:
    generator = random.Random(digest(model, text))
    values = [generator.gauss(0.0, 1.0) for _ in range(dimensions)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [round(v / norm, 8) for v in values]


def embeddings(body: Mapping[str, Any], model: str, dimensions: int) -> dict[str, Any]:
    """Unit-length vectors seeded by the text (equal texts, equal vectors), in ``index`` order."""
    raw = body.get("input")
    inputs = [str(item) for item in raw] if isinstance(raw, list) else [raw or ""]
    wanted = body.get("dimensions")
    size = wanted if isinstance(wanted, int) and wanted > 0 else dimensions
    data: list[dict[str, Any]] = []
    for index, text in enumerate(inputs):
        vector = _vector(text, model, size)
        embedding: Any = vector
        if body.get("encoding_format") == "base64":
            embedding = base64.b64encode(struct.pack(f"<{size}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    prompt_tokens = sum(tokens(text) for text in inputs)
    return {
        "object": "list",
        "model": model,
        "data": data,
        "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
    }


# --------------------------------------------------------------------------------------------------- images


def png(seed: str, size: int = 8) -> bytes:
    """A small solid-colour PNG whose colour comes from ``seed``."""
    red, green, blue = bytes.fromhex(digest(seed)[:6])
    row = b"\x00" + bytes((red, green, blue)) * size
    raw = row * size

    def part(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + part(b"IHDR", header) + part(b"IDAT", zlib.compress(raw)) + part(b"IEND", b"")


def image_generation(body: Mapping[str, Any], deployment: str, image_base_url: str) -> tuple[dict[str, Any], str]:
    """An image answer (url or b64_json) with ``revised_prompt`` and filter results; also the image's key."""
    key = digest(deployment, body)[:32]
    item: dict[str, Any] = {
        "revised_prompt": f"{MARK} {body.get('prompt', '')}",
        "prompt_filter_results": {**severity_results(), "profanity": {"filtered": False, "detected": False}},
        "content_filter_results": severity_results(),
    }
    if body.get("response_format") == "b64_json":
        item["b64_json"] = base64.b64encode(png(key)).decode()
    else:
        item["url"] = f"{image_base_url}/{key}.png"
    return {"created": CREATED, "data": [item]}, key


# --------------------------------------------------------------------------------------------------- audio


def _duration(audio_bytes: bytes) -> float:
    """Seconds of audio: from a WAV header when there is one, else 16 kB per second."""
    if audio_bytes[:4] == b"RIFF" and audio_bytes[8:12] == b"WAVE" and len(audio_bytes) >= 44:
        byte_rate = int.from_bytes(audio_bytes[28:32], "little")
        if byte_rate:
            return round(max(len(audio_bytes) - 44, 0) / byte_rate, 2)
    return round(max(len(audio_bytes) / 16000, 1.0), 2)


def _stamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def audio(task: str, fields: Mapping[str, str], filename: str, audio_bytes: bytes) -> tuple[str, bytes]:
    """A transcription or translation in the requested ``response_format``: (content type, body)."""
    verb = "transcription" if task == "transcribe" else "English translation"
    sentences = [
        f"{MARK} Emulated {verb} of {filename or 'the audio'} ({len(audio_bytes)} bytes).",
        "No speech recognition was run.",
    ]
    text = " ".join(sentences)
    duration = _duration(audio_bytes)
    bounds = [duration * i / len(sentences) for i in range(len(sentences) + 1)]
    spans = list(zip(bounds, bounds[1:], sentences, strict=False))
    fmt = fields.get("response_format") or "json"
    if fmt in ("json", "verbose_json"):
        answer: dict[str, Any] = {"text": text}
        if fmt == "verbose_json":
            language = "english" if task == "translate" else fields.get("language") or "english"
            segments = [
                {
                    "id": i,
                    "seek": 0,
                    "start": start,
                    "end": end,
                    "text": " " + sentence,
                    "tokens": list(range(50364 + i * 10, 50364 + i * 10 + tokens(sentence))),
                    "temperature": float(fields.get("temperature") or 0.0),
                    "avg_logprob": -0.25,
                    "compression_ratio": 1.2,
                    "no_speech_prob": 0.01,
                }
                for i, (start, end, sentence) in enumerate(spans)
            ]
            answer = {"task": task, "language": language, "duration": duration, "text": text, "segments": segments}
        return "application/json", json.dumps(answer).encode()
    if fmt == "srt":
        blocks = [f"{i + 1}\n{_stamp(s, ',')} --> {_stamp(e, ',')}\n{t}\n" for i, (s, e, t) in enumerate(spans)]
        return "text/plain; charset=utf-8", ("\n".join(blocks) + "\n").encode()
    if fmt == "vtt":
        blocks = [f"{_stamp(s, '.')} --> {_stamp(e, '.')}\n{t}\n" for s, e, t in spans]
        return "text/plain; charset=utf-8", ("WEBVTT\n\n" + "\n".join(blocks) + "\n").encode()
    return "text/plain; charset=utf-8", (text + "\n").encode()
