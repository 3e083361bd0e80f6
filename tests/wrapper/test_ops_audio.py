"""transcribe()/translate(): a path, bytes or binary file in; every response_format out, JSON or text/plain."""

from __future__ import annotations

import errno
import inspect
import io
import pickle
import re
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

import azure_openai
import httpx
import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AudioSegment,
    AzureOpenAI,
    ConfigurationError,
    DeploymentNotFoundError,
    InvalidArgumentError,
)

ENDPOINT = "https://res.openai.azure.com"
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32)
MP3 = b"ID3\x03\x00\x00\x00" + bytes(16)

VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 2.5,
    "text": "Hello there. General Kenobi.",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 1.2,
            "text": " Hello there.",
            "tokens": [50364, 2425],
            "temperature": 0.0,
            "avg_logprob": -0.25,
            "compression_ratio": 0.8,
            "no_speech_prob": 0.01,
        },
        {
            "id": 1,
            "seek": 0,
            "start": 1.2,
            "end": 2.5,
            "text": " General Kenobi.",
            "tokens": [3876],
            "temperature": 0.0,
            "avg_logprob": -0.3,
            "compression_ratio": 0.8,
            "no_speech_prob": 0.02,
            "future": "kept",
        },
    ],
}
SRT = "1\n00:00:00,000 --> 00:00:01,200\nHello there.\n\n2\n00:00:01,200 --> 00:00:02,500\nGeneral Kenobi.\n"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nHello there.\n"


def form_of(request: httpx.Request) -> dict[str, Any]:
    """The multipart form: plain fields as str (a repeated one as the list of its values), the file as
    (filename, bytes, content type)."""
    head = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + request.content)
    fields: dict[str, list[Any]] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        filename = part.get_filename()
        value = (filename, payload, part.get_content_type()) if filename else payload.decode()
        fields.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in fields.items()}


class AudioService:
    """Answers like the service: JSON for json/verbose_json, text/plain for text, srt and vtt."""

    def __init__(self) -> None:
        self.forms: list[dict[str, Any]] = []
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        self.forms.append(form)
        self.paths.append(request.url.path)
        fmt = form.get("response_format", "json")
        headers = {"apim-request-id": "audio-1"}
        if fmt == "json":
            return httpx.Response(200, json={"text": VERBOSE["text"]}, headers=headers)
        if fmt == "verbose_json":
            return httpx.Response(200, json=VERBOSE, headers=headers)
        text = {"text": VERBOSE["text"], "srt": SRT, "vtt": VTT}[fmt]
        return httpx.Response(200, text=text, headers={**headers, "content-type": "text/plain; charset=utf-8"})


@pytest.fixture
def service() -> AudioService:
    return AudioService()


@pytest.fixture
def client(service: AudioService) -> AzureOpenAI:
    http = httpx.Client(transport=httpx.MockTransport(service))
    return AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="whisper", http_client=http, max_retries=0)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (None, VERBOSE["text"]),
        ("json", VERBOSE["text"]),
        ("verbose_json", VERBOSE["text"]),
        ("text", VERBOSE["text"]),
        ("srt", SRT),
        ("vtt", VTT),
    ],
)
def test_every_response_format(client: AzureOpenAI, service: AudioService, fmt: str | None, text: str) -> None:
    result = client.transcribe(WAV, response_format=fmt)
    assert result.text == text and str(result) == text
    assert result.response_format == (fmt or "json")
    assert result.request_id == "audio-1"
    assert ("response_format" in service.forms[-1]) == (fmt is not None)  # sent only when given
    if fmt in ("text", "srt", "vtt"):
        assert result.raw == text and result.segments == [] and result.parsed == text
    else:
        assert isinstance(result.raw, dict)


def test_verbose_json_has_typed_segments(client: AzureOpenAI) -> None:
    result = client.transcribe(WAV, response_format="verbose_json", language="en")
    assert result.language == "english" and result.duration == 2.5 and result.task == "transcribe"
    first, second = result.segments
    assert (first.id, first.start, first.end, first.text) == (0, 0.0, 1.2, " Hello there.")
    assert first.tokens == [50364, 2425] and first.avg_logprob == -0.25 and first.no_speech_prob == 0.01
    assert second["future"] == "kept"  # the generated model keeps fields the spec does not list
    assert first == AudioSegment.from_dict(VERBOSE["segments"][0]) and first != second
    assert result.parsed.to_dict() == VERBOSE


def test_form_fields_and_the_file_part(client: AzureOpenAI, service: AudioService) -> None:
    client.transcribe(WAV, language="en", prompt="Star Wars", temperature=0.2)
    form = service.forms[-1]
    assert form["file"] == ("audio.wav", WAV, "audio/x-wav")
    assert {k: v for k, v in form.items() if k != "file"} == {
        "language": "en",
        "prompt": "Star Wars",
        "temperature": "0.2",
    }
    assert service.paths[-1] == "/openai/deployments/whisper/audio/transcriptions"


def test_file_from_path_file_object_and_explicit_name(
    client: AzureOpenAI, service: AudioService, tmp_path: Path
) -> None:
    path = tmp_path / "speech.mp3"
    path.write_bytes(MP3)
    client.transcribe(path)
    assert service.forms[-1]["file"] == ("speech.mp3", MP3, "audio/mpeg")
    client.transcribe(str(path))
    assert service.forms[-1]["file"][0] == "speech.mp3"
    with open(path, "rb") as handle:
        client.transcribe(handle)
    assert service.forms[-1]["file"][:2] == ("speech.mp3", MP3)
    client.transcribe(io.BytesIO(MP3))  # no name: sniffed from the bytes
    assert service.forms[-1]["file"][0] == "audio.mp3"
    client.transcribe(MP3, filename="clip.m4a")
    assert service.forms[-1]["file"][0] == "clip.m4a"


def test_bad_files_are_refused_clearly(client: AzureOpenAI, service: AudioService, tmp_path: Path) -> None:
    missing = tmp_path / "missing.wav"
    for call in (client.transcribe, client.translate):
        with pytest.raises(ConfigurationError, match=f"no file at {re.escape(repr(str(missing)))}; pass an"):
            call(missing)
    with pytest.raises(FileNotFoundError):  # what it raised before it was a ConfigurationError
        client.transcribe(str(missing))
    with pytest.raises(ConfigurationError, match="no file at"):
        client.translate(tmp_path)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hi")
    with open(text_file) as handle, pytest.raises(InvalidArgumentError, match="open it with open\\(path, 'rb'\\)"):
        client.transcribe(handle)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="empty"):
        client.translate(b"")
    with pytest.raises(InvalidArgumentError, match="not int"):
        client.transcribe(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="temperature takes one value, not a list"):
        client.transcribe(WAV, temperature=[1])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="prompt must be a str or number, or a list of them, not dict"):
        client.transcribe(WAV, prompt={"a": 1})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"transcribe\(\): 5 is not a valid"):
        client.transcribe(WAV, response_format=5)  # type: ignore[arg-type]  # an enum field takes a str
    assert service.forms == []


def test_a_list_field_goes_out_once_per_item_under_its_wire_name(client: AzureOpenAI, service: AudioService) -> None:
    """2025-03-01-preview's ``timestamp_granularities`` is the form's ``timestamp_granularities[]``; on an
    api-version whose form model lacks it, a list goes out as ``NAME[]`` all the same, once per item (the
    form-array convention the service and the openai SDK use); one value of an unknown field goes out as given."""
    from azure_openai._adapter import request_model

    model = request_model("transcriptions_create")
    wire = "timestamp_granularities[]" if "timestamp_granularities" in inspect.signature(model).parameters else None
    fields: dict[str, Any] = {"timestamp_granularities": ["word", "segment"]}
    client.transcribe(WAV, response_format="verbose_json", **fields)
    assert service.forms[-1]["timestamp_granularities[]"] == ["word", "segment"]
    client.transcribe(WAV, response_format="verbose_json", **{**fields, "timestamp_granularities": ("word",)})
    assert service.forms[-1]["timestamp_granularities[]"] == "word"
    assert "timestamp_granularities" not in service.forms[-1]
    client.transcribe(WAV, include=["logprobs"], chunking_strategy="auto", **{"extra[]": ["a", "b"]})
    assert service.forms[-1]["include[]"] == "logprobs" and service.forms[-1]["chunking_strategy"] == "auto"
    assert service.forms[-1]["extra[]"] == ["a", "b"]  # a name already in the array form is kept
    if wire:  # one value for a list field is a list of one
        client.transcribe(WAV, **{"timestamp_granularities": "word"})
        assert service.forms[-1][wire] == "word" and "timestamp_granularities" not in service.forms[-1]


def test_a_missing_audio_path_is_a_public_error_that_behaves_as_file_not_found(
    client: AzureOpenAI, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.wav")
    with pytest.raises(azure_openai.AudioNotFoundError) as raised:
        client.transcribe(missing)
    error = raised.value
    assert "AudioNotFoundError" in azure_openai.__all__ and isinstance(error, ConfigurationError)
    assert isinstance(error, FileNotFoundError) and (error.errno, error.filename) == (errno.ENOENT, missing)
    assert str(error) == f"transcribe(): no file at {missing!r}; pass an existing path, the bytes or a file"
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.errno, again.filename) == (type(error), str(error), errno.ENOENT, missing)


def test_translate_posts_to_translations(client: AzureOpenAI, service: AudioService) -> None:
    result = client.translate(WAV, response_format="srt", deployment="whisper-2")
    assert result.text == SRT
    assert service.paths[-1] == "/openai/deployments/whisper-2/audio/translations"
    assert "language" not in service.forms[-1]


def test_audio_errors_are_typed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": {"code": "DeploymentNotFound", "message": "no such deployment"}})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="whisper", http_client=http, max_retries=0)
    with pytest.raises(DeploymentNotFoundError):
        client.transcribe(WAV)


async def test_async_transcribe_and_translate(service: AudioService) -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(service))
    async with AsyncAzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="whisper", http_client=http) as client:
        verbose = await client.transcribe(WAV, response_format="verbose_json")
        vtt = await client.translate(io.BytesIO(WAV), response_format="vtt")
        for call in (client.transcribe, client.translate):
            with pytest.raises(ConfigurationError, match=r"no file at '/missing\.wav'"):
                await call("/missing.wav")
    assert [s.text for s in verbose.segments] == [" Hello there.", " General Kenobi."]
    assert vtt.text == VTT and vtt.response_format == "vtt"
    assert service.paths[-1].endswith("/audio/translations")
