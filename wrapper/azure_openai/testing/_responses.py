"""Emulated completions, embeddings, images and audio: deterministic answers in the service's exact shapes.

The same request always gets the same body: ids are derived from a hash of the deployment and the request,
``created`` is a fixed instant, and every text says it comes from the emulator.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import random
import struct
import zlib
from collections.abc import Mapping
from typing import Any

from ._shapes import CREATED, MARK, cut, digest, make_id, pieces, prompt_filter_results, severity_results, tokens

__all__ = [
    "audio",
    "completion",
    "completion_chunks",
    "completion_cost",
    "embedding_tokens",
    "embeddings",
    "image_generation",
    "png",
]


def _prompts(body: Mapping[str, Any]) -> list[str]:
    prompt = body.get("prompt")
    if isinstance(prompt, list):
        return [str(p) for p in prompt]
    return [prompt or ""]


def _completion_text(prompt: str, max_tokens: Any) -> tuple[str, str]:
    text = f" {MARK} Emulated completion; no model was called. Prompt: {prompt}".rstrip()
    limit = 16 if max_tokens is None else max_tokens  # the service's default for completions
    shortened = cut(text, limit) if isinstance(limit, int) and not isinstance(limit, bool) else None
    return (text, "stop") if shortened is None else (shortened, "length")


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
        "id": make_id("cmpl-", deployment, body),
        "object": "text_completion",
        "created": CREATED,
        "model": model,
        "prompt_filter_results": prompt_filter_results(len(prompts)),
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def completion_cost(body: Mapping[str, Any], answer: Mapping[str, Any]) -> tuple[int, int]:
    """(tokens the quota counts, completion tokens) of a completion request and its ``answer``: the prompt plus
    ``max_tokens`` per choice when given (the service's estimate on arrival), else plus the answer's length; per
    choice generated, which is ``best_of`` when it is more than ``n``."""
    usage = answer["usage"]
    returned = max(len(answer["choices"]), 1)
    best_of = body.get("best_of")
    # best_of candidates are generated (and counted) server-side though only n come back.
    generated = max(returned, best_of if isinstance(best_of, int) and not isinstance(best_of, bool) else 1)
    limit = body.get("max_tokens")
    if isinstance(limit, int) and not isinstance(limit, bool):
        return usage["prompt_tokens"] + limit * generated, usage["completion_tokens"]
    per_choice = usage["completion_tokens"] / returned
    return usage["prompt_tokens"] + math.ceil(per_choice * generated), usage["completion_tokens"]


def completion_chunks(
    body: Mapping[str, Any], deployment: str, model: str, whole: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """A streamed legacy completion: prompt-filter chunk, text pieces, a finish chunk per choice (no [DONE]).

    ``whole`` is the non-streamed answer when already built."""
    whole = whole if whole is not None else completion(body, deployment, model)
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
        for piece in pieces(choice["text"]):
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


@functools.lru_cache(maxsize=4096)
def _vector(text: str, model: str, dimensions: int) -> tuple[float, ...]:
    generator = random.Random(digest(model, text))
    values = [generator.gauss(0.0, 1.0) for _ in range(dimensions)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return tuple(round(v / norm, 8) for v in values)


def _inputs(body: Mapping[str, Any]) -> list[str]:
    raw = body.get("input")
    return [str(item) for item in raw] if isinstance(raw, list) else [raw or ""]


def embedding_tokens(body: Mapping[str, Any]) -> list[int]:
    """The tokens of each input of an embeddings request (the quota counts their sum; the context, each)."""
    return [tokens(text) for text in _inputs(body)]


def embeddings(body: Mapping[str, Any], model: str, dimensions: int) -> dict[str, Any]:
    """Unit-length vectors seeded by the text (equal texts, equal vectors), in ``index`` order."""
    inputs = _inputs(body)
    wanted = body.get("dimensions")
    size = wanted if isinstance(wanted, int) and wanted > 0 else dimensions
    data: list[dict[str, Any]] = []
    for index, text in enumerate(inputs):
        vector = _vector(text, model, size)
        embedding: Any = list(vector)
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
