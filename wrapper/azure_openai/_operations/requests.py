"""Request building and response reading for embeddings, completions, images and audio, shared by both clients.

Pure functions: the sync and async mixins (``_operations``) differ only in how they send what these build.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

import httpx

from .._errors import read_json_object
from .._results.operations import AudioResult, EmbeddingsResponse, vectors_in_order

#: Audio as callers may pass it: a path, the bytes, or a binary file object (``open(path, "rb")``).
AudioFile = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

#: Called after each embeddings request with (texts embedded so far, total texts).
ProgressCallback = Callable[[int, int], None]

#: The most inputs one embeddings request may carry on Azure OpenAI.
EMBEDDINGS_BATCH_LIMIT = 2048

_AUDIO_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"RIFF", "wav"),
    (0, b"ID3", "mp3"),
    (0, b"\xff\xfb", "mp3"),
    (0, b"\xff\xf3", "mp3"),
    (0, b"\xff\xf2", "mp3"),
    (0, b"fLaC", "flac"),
    (0, b"OggS", "ogg"),
    (0, b"\x1a\x45\xdf\xa3", "webm"),
    (4, b"ftyp", "m4a"),
)


def _merge(body: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """Add the caller's optional parameters, leaving out the ones not set (``None``)."""
    body.update((key, value) for key, value in params.items() if value is not None)
    return body


# --------------------------------------------------------------------------------------------------- embeddings


def embedding_inputs(texts: str | Iterable[str]) -> list[str]:
    """The texts as a list, checked: each must be a non-empty ``str``."""
    if isinstance(texts, str):
        texts = [texts]
    elif isinstance(texts, (bytes, bytearray)) or not isinstance(texts, Iterable):
        raise TypeError(f"embed() takes a str or a list of str, not {type(texts).__name__}")
    inputs = list(texts)
    for position, text in enumerate(inputs):
        if not isinstance(text, str):
            raise TypeError(f"embed(): texts[{position}] is a {type(text).__name__}, not a str; convert it first")
        if not text:
            raise ValueError(
                f"embed(): texts[{position}] is an empty string, which the service rejects; drop it or use ' '"
            )
    return inputs


def embedding_batches(count: int, batch_size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` slices of at most ``batch_size`` inputs covering ``count`` inputs."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(
            f"batch_size must be a positive int (Azure accepts up to {EMBEDDINGS_BATCH_LIMIT}), not {batch_size!r}"
        )
    return [(start, min(start + batch_size, count)) for start in range(0, count, batch_size)]


def embeddings_body(batch: list[str], params: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body of one embeddings request; vectors come as base64 unless the caller picks a format.

    base64 float32 is a quarter of the bytes of decimal floats on the wire and decodes ~4x faster than
    ``json.loads`` reads them (the official SDK asks for it too); the floats handed back are the same values.
    """
    body = _merge({"input": batch}, params)
    body.setdefault("encoding_format", "base64")
    return body


def embeddings_response(response: httpx.Response, expected: int) -> tuple[EmbeddingsResponse, list[list[float]]]:
    """One embeddings response and its ``expected`` vectors in input order."""
    raw = read_json_object("embeddings", response)
    # Keep status, headers and request but not the body bytes: the parsed JSON is the only copy we hold.
    lean = httpx.Response(response.status_code, headers=response.headers, request=response.request)
    return EmbeddingsResponse(raw, lean), vectors_in_order(raw, expected)


# -------------------------------------------------------------------------------------------------- completions


def completions_body(prompt: str | list[str], params: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body of a completions request, checked."""
    if not isinstance(prompt, str) and not (isinstance(prompt, list) and all(isinstance(p, str) for p in prompt)):
        raise TypeError(f"complete() takes a prompt str or a list of str, not {type(prompt).__name__}")
    if params.get("stream"):
        raise ValueError("complete() does not stream; leave out stream=True (use chat_stream() for streamed chat)")
    return _merge({"prompt": prompt}, params)


# ------------------------------------------------------------------------------------------------------- images


def images_body(prompt: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body of an image generation request, checked."""
    if not isinstance(prompt, str) or not prompt:
        raise ValueError(f"generate_image() needs a non-empty prompt str, not {prompt!r}")
    return _merge({"prompt": prompt}, {key: _plain(value) for key, value in params.items()})


def _plain(value: Any) -> Any:
    """An enum member (e.g. a generated ``ImageSize``) as its wire value; anything else as is."""
    return value.value if isinstance(value, enum.Enum) else value


# -------------------------------------------------------------------------------------------------------- audio


def _sniff_extension(data: bytes) -> str | None:
    for offset, magic, extension in _AUDIO_SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return extension
    return None


def read_audio(file: AudioFile, filename: str | None, operation: str) -> tuple[str, bytes, str]:
    """``(filename, bytes, content type)`` for the multipart ``file`` field, from a path, bytes or file object.

    The service tells the audio format from the file name, so bytes without ``filename`` get a name from their
    magic number (wav, mp3, flac, ogg, webm, m4a).
    """
    name: str | None
    if isinstance(file, (bytes, bytearray, memoryview)):
        data, name = bytes(file), None
    elif isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{operation}(): no audio file at {path!r}; pass an existing path, bytes or a file")
        with open(path, "rb") as handle:
            data = handle.read()
        name = os.path.basename(path)
    elif hasattr(file, "read"):
        content = file.read()
        if isinstance(content, str):
            raise TypeError(f"{operation}(): the file object is open in text mode; open it with open(path, 'rb')")
        data = bytes(content)
        file_name = getattr(file, "name", None)
        name = os.path.basename(file_name) if isinstance(file_name, str) and file_name else None
    else:
        raise TypeError(
            f"{operation}() takes a path, bytes or a binary file object as the audio, not {type(file).__name__}"
        )
    if not data:
        raise ValueError(f"{operation}(): the audio is empty (0 bytes)")
    if filename is not None:
        name = filename
    if not name:
        extension = _sniff_extension(data)
        name = f"audio.{extension}" if extension else "audio"
    import mimetypes

    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name, data, content_type


def audio_form(
    file: AudioFile, filename: str | None, operation: str, params: Mapping[str, Any]
) -> tuple[dict[str, tuple[str, bytes, str]], dict[str, str]]:
    """The multipart ``files`` and form fields of an audio request (fields not set are left out)."""
    data: dict[str, str] = {}
    for key, value in params.items():
        if value is None:
            continue
        value = _plain(value)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise TypeError(f"{operation}(): {key} must be a str or number, not {type(value).__name__}")
        data[key] = str(value)
    return {"file": read_audio(file, filename, operation)}, data


def audio_result(operation: str, response: httpx.Response, response_format: str | None) -> AudioResult:
    """Read any ``response_format``: JSON bodies as objects, ``text``/``srt``/``vtt`` (``text/plain``) as text."""
    fmt = str(_plain(response_format)) if response_format is not None else "json"
    content_type = response.headers.get("content-type", "").lower()
    is_json = "json" in content_type if content_type else fmt in ("json", "verbose_json")
    raw: dict[str, Any] | str = read_json_object(operation, response) if is_json else response.text
    return AudioResult(raw, response, fmt)
