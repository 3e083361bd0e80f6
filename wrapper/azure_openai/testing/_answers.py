"""What the emulator sends for a request that passed every check: a queued fault's answer, or the operation's own.

The operation's answer is built in ``_chat.py`` and ``_responses.py``; here it is paced by the latency in force
(the time to the first token, then per token) and shaped by a fault (a stall, a cut, a filtered completion).
"""

from __future__ import annotations

import dataclasses
import json
import socket
import struct
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _responses as responses
from . import _service_errors as errors
from ._chat import chat_chunks, chat_completion
from ._exchange import Dropped, Exchange
from ._shapes import digest, severity_results, tokens

if TYPE_CHECKING:
    from ._costs import Plan
    from ._faults import Fault
    from ._state import EmulatorState

__all__ = ["IMAGE_PATH", "Request", "answer", "answer_fault"]

#: Where generated images are served (their ``url``), like a blob SAS URL: no key needed.
IMAGE_PATH = "/emulator/images"

#: The operations whose answers are written token by token (and may be streamed).
_GENERATING = ("chat/completions", "completions")


@dataclasses.dataclass(frozen=True)
class Request:
    """A valid request to an operation: where it goes, its body (form fields for audio) and its uploaded files."""

    operation: str
    deployment: str
    model: str
    body: dict[str, Any]
    files: Mapping[str, tuple[str, str, bytes]]


def answer_fault(exchange: Exchange, fault: Fault, operation: str, api_version: str | None) -> bool:
    """Answer with the fault; False when the fault only shapes the normal answer (stall, cut, filter)."""
    if fault.kind == "reset":
        exchange.handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        exchange.handler.connection.close()
        raise Dropped
    if fault.kind == "gateway_html":
        exchange.send(fault.status, errors.gateway_page(fault.status), content_type="text/html", service_headers=False)
        return True
    if fault.kind == "error":
        headers: dict[str, str] = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = f"{fault.retry_after:g}"
        if fault.retry_after_ms is not None:
            headers["retry-after-ms"] = str(fault.retry_after_ms)
        if fault.status == 429:
            seconds = fault.retry_after if fault.retry_after is not None else (fault.retry_after_ms or 1000) / 1000
            body = errors.rate_limited(operation, api_version, seconds)
            headers.update({"x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0"})
        else:
            body = errors.error_body(*errors.status_error(fault.status))
        if fault.code is not None or fault.message is not None:
            error = body["error"]
            error.update(code=fault.code or error["code"], message=fault.message or error["message"])
        exchange.send(fault.status, body, headers)
        return True
    if fault.kind == "content_filter" and fault.on == "prompt":
        results = severity_results(fault.categories, fault.severity)
        exchange.send(400, errors.prompt_filtered(operation, results))
        return True
    return False


def answer(emulator: EmulatorState, exchange: Exchange, request: Request, plan: Plan, fault: Fault | None) -> None:
    """The operation's answer to ``request`` (``plan`` holds what was built to count its cost), paced and shaped."""
    operation, deployment, model, body = request.operation, request.deployment, request.model, request.body
    latency, pacer = emulator._settings.latency, emulator._settings.pacer
    stream = bool(body.get("stream")) and operation in _GENERATING
    draws = pacer.request(digest(deployment, operation, body))  # its own draws: arrival order does not matter
    first = draws.draw(latency.first_token_ms, latency.spread)
    per_token = draws.draw(latency.per_token_ms, latency.spread)
    if operation in _GENERATING and not stream:
        exchange.pause(first + per_token * plan.completion_tokens)  # the whole answer comes after the total
    if operation == "chat/completions" and plan.answer is not None:
        chat = plan.answer
        if fault is not None and fault.kind == "content_filter":  # on the completion: one on the prompt is a 400
            chat = chat.filtered_by(fault.categories, fault.severity)
        if stream:
            return _send_stream(exchange, chat_chunks(body, deployment, model, chat), fault, (first, per_token))
        return exchange.send(200, chat_completion(body, deployment, model, chat), fault=fault)
    if operation == "completions" and plan.whole is not None:
        if stream:
            chunks = responses.completion_chunks(body, deployment, model, plan.whole)
            return _send_stream(exchange, chunks, fault, (first, per_token))
        return exchange.send(200, plan.whole, fault=fault)
    if operation == "embeddings":
        exchange.pause(draws.draw(latency.embeddings_ms, latency.spread))
        vectors = responses.embeddings(body, model, emulator.embedding_dimensions)
        return exchange.send(200, vectors, fault=fault)
    if operation == "images/generations":
        answer_body, key = responses.image_generation(body, deployment, exchange.endpoint + IMAGE_PATH)
        emulator._images.add(key)
        return exchange.send(200, answer_body, fault=fault)
    task = "transcribe" if operation == "audio/transcriptions" else "translate"
    filename, _, data = request.files.get("file", ("", "", b""))
    fields = {key: value for key, value in body.items() if isinstance(value, str)}
    content_type, payload = responses.audio(task, fields, filename, data)
    return exchange.send(200, payload, content_type=content_type, fault=fault)


def _send_stream(
    exchange: Exchange, chunks: list[dict[str, Any]], fault: Fault | None, pace: tuple[float, float]
) -> None:
    """Stream ``chunks`` as events; ``pace`` is (time to first token, time per token) in seconds."""
    first, per_token = pace
    exchange.pause(first)
    headers = {"Content-Type": "text/event-stream; charset=utf-8", **exchange.service_headers()}
    exchange.head(200, {**headers, "Cache-Control": "no-cache"}, length=None)
    events = [f"data: {json.dumps(chunk)}\n\n".encode() for chunk in chunks] + [b"data: [DONE]\n\n"]
    for count, event in enumerate(events):
        if fault is not None and count == fault.after_events:
            if fault.kind == "cut_stream":
                exchange.drop()
            if fault.kind == "stall":
                exchange.flush()
                exchange.pause(fault.seconds)
        spoken = _event_tokens(chunks[count]) if count < len(chunks) else 0
        if per_token and spoken:  # only what the model writes takes time: as many tokens as the event holds
            exchange.flush()
            exchange.pause(per_token * spoken)
        exchange.chunk(event)
    exchange.end_chunks()


def _event_tokens(chunk: Mapping[str, Any]) -> int:
    """The tokens a streamed chunk delivers (content, tool or function arguments, completion text), as usage counts."""
    found = 0
    for choice in chunk.get("choices") or []:
        delta = choice.get("delta") or {}
        texts = [delta.get("content"), choice.get("text"), (delta.get("function_call") or {}).get("arguments")]
        texts += [(call.get("function") or {}).get("arguments") for call in delta.get("tool_calls") or []]
        found += sum(tokens(text) for text in texts if isinstance(text, str))
    return found
