"""Audio for ``transcribe`` / ``translate``: the file as the multipart form sends it, and the answer in any format."""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from typing import IO, Any

import httpx

from .._adapter import request_model
from .._errors import AudioNotFoundError, ConfigurationError, InvalidArgumentError, read_json_object
from .._results.operations import AudioResult

#: Audio as callers may pass it: a path, the bytes, or a binary file object (``open(path, "rb")``).
AudioFile = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

#: The service tells the audio format from the file name, so unnamed bytes get one from their magic number.
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


def _sniff_extension(data: bytes) -> str | None:
    for offset, magic, extension in _AUDIO_SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return extension
    return None


def read_audio(file: AudioFile, filename: str | None, operation: str) -> tuple[str, bytes, str]:
    """``(filename, bytes, content type)`` for the multipart ``file`` field, from a path, bytes or file object."""
    name: str | None
    if isinstance(file, (bytes, bytearray, memoryview)):
        data, name = bytes(file), None
    elif isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not os.path.isfile(path):
            message = f"{operation}(): no file at {path!r}; pass an existing path, the bytes or a file"
            raise AudioNotFoundError(message, path)
        with open(path, "rb") as handle:
            data = handle.read()
        name = os.path.basename(path)
    elif hasattr(file, "read"):
        content = file.read()
        if isinstance(content, str):
            raise InvalidArgumentError(
                f"{operation}(): the file object is open in text mode; open it with open(path, 'rb')"
            )
        data = bytes(content)
        file_name = getattr(file, "name", None)
        name = os.path.basename(file_name) if isinstance(file_name, str) and file_name else None
    else:
        raise InvalidArgumentError(
            f"{operation}() takes a path, bytes or a binary file object as the audio, not {type(file).__name__}"
        )
    if not data:
        raise ConfigurationError(f"{operation}(): the audio is empty (0 bytes)")
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
) -> tuple[dict[str, tuple[str, bytes, str]], dict[str, list[str]]]:
    """The multipart ``files`` and form fields of an audio request, from fields already in their wire form.

    The generated form model's encoder names the fields it knows (``timestamp_granularities`` goes out as
    ``timestamp_granularities[]``) and repeats a list's items; a field it does not know goes out as given, a list
    as ``NAME[]`` once per item (the form-array convention of the service and the openai SDK).
    """
    model = request_model("transcriptions_create" if operation == "transcribe" else "translations_create")
    known = inspect.signature(model).parameters
    fields: dict[str, Any] = {}
    data: dict[str, list[str]] = {}
    for key, value in params.items():
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(v, bool) or not isinstance(v, (str, int, float)) for v in values):
            raise InvalidArgumentError(
                f"{operation}(): {key} must be a str or number, or a list of them, not {type(value).__name__}"
            )
        if key not in known:
            array = isinstance(value, (list, tuple)) and not key.endswith("[]")
            data[f"{key}[]" if array else key] = [str(v) for v in values]
            continue
        # The annotation is the model's source text; a list field takes one value as a list of one.
        listed = str(known[key].annotation).startswith("list[")
        if not listed and isinstance(value, (list, tuple)):
            raise InvalidArgumentError(f"{operation}(): {key} takes one value, not a {type(value).__name__}")
        fields[key] = values if listed else value
    try:
        form = model(**fields).to_multipart()
    except ValueError as exc:  # a value an enum field cannot hold, e.g. a number
        raise InvalidArgumentError(f"{operation}(): {exc}") from None
    for name, (_, content, _) in form:
        data.setdefault(name, []).append(content.decode())
    return {"file": read_audio(file, filename, operation)}, data


def audio_result(operation: str, response: httpx.Response, response_format: str | None) -> AudioResult:
    """Read any ``response_format``: JSON bodies as objects, ``text``/``srt``/``vtt`` (``text/plain``) as text."""
    fmt = response_format if response_format is not None else "json"
    content_type = response.headers.get("content-type", "").lower()
    is_json = "json" in content_type if content_type else fmt in ("json", "verbose_json")
    raw: dict[str, Any] | str = read_json_object(operation, response) if is_json else response.text
    return AudioResult(raw, response, fmt)
