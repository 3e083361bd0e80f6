"""Wire parity with the official SDK: the same call through ``openai.AzureOpenAI`` and through ``azure_openai``.

Both clients talk to the recording server; each test compares what arrived: method, path, ``api-version``, the
auth header and the JSON body (for audio, the multipart form fields and the file). Where the two differ on
purpose, the test names the difference and checks it, so a change on either side shows up here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import azure_openai
import openai
import pytest

API_VERSION = "2024-02-01"
API_KEY = "parity-test-key"
DEPLOYMENT = "gpt-35-turbo"
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00"

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather now",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
TOOL_CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'}}
TOOL_MESSAGES: list[dict[str, Any]] = [
    {"role": "system", "content": "You answer about weather."},
    {"role": "user", "content": "Weather in Oslo?"},
    {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
    {"role": "tool", "tool_call_id": "call_1", "content": '{"temperature": 3}'},
]
IMAGE_MESSAGES: list[dict[str, Any]] = [
    {
        "role": "user",
        "content": [
            {"type": "text", "text": "What is in this image?"},
            {"type": "image_url", "image_url": {"url": "https://example.net/cat.png", "detail": "low"}},
        ],
    }
]


@pytest.fixture
def sdk(recorder: Any) -> Any:
    client = openai.AzureOpenAI(
        azure_endpoint=recorder.endpoint, api_key=API_KEY, api_version=API_VERSION, max_retries=0
    )
    yield client
    client.close()


@pytest.fixture
def ours(recorder: Any) -> Any:
    client = azure_openai.AzureOpenAI(
        endpoint=recorder.endpoint, api_key=API_KEY, deployment=DEPLOYMENT, api_version=API_VERSION, max_retries=0
    )
    yield client
    client.close()


def both(recorder: Any, sdk_call: Callable[[], Any], our_call: Callable[[], Any]) -> tuple[Any, Any]:
    """Make the SDK's call, then ours; return the two recorded requests after checking what all calls share."""
    sdk_call()
    theirs = recorder.take()
    our_call()
    mine = recorder.take()

    assert mine.method == theirs.method == "POST"
    assert mine.path == theirs.path
    assert mine.query == theirs.query == {"api-version": [API_VERSION]}
    assert mine.headers["api-key"] == theirs.headers["api-key"] == API_KEY
    assert mine.headers["authorization"] is None and theirs.headers["authorization"] is None
    # Deliberate differences in headers: each client names itself in User-Agent; the SDK adds its telemetry
    # (x-stainless-*: OS, arch, runtime, retry count), we send none of it and add an x-ms-client-request-id that
    # Azure echoes back for support requests; the SDK sends Accept: application/json, we leave httpx's */*
    # (audio answers text/plain for text formats, streams are text/event-stream). Every other header is the same.
    assert mine.headers["user-agent"].startswith("azure-openai-rest/")
    assert theirs.headers["user-agent"].startswith("AzureOpenAI/Python")
    assert theirs.headers["accept"] == "application/json" and mine.headers["accept"] == "*/*"
    their_names = {name.lower() for name in theirs.headers}
    our_names = {name.lower() for name in mine.headers}
    assert {n for n in their_names - our_names if not n.startswith("x-stainless-")} == set()
    assert any(n.startswith("x-stainless-") for n in their_names - our_names)
    assert our_names - their_names == {"x-ms-client-request-id"}
    assert mine.headers["x-ms-client-request-id"]
    differing = {"user-agent", "accept", "content-length", "content-type"}  # body lengths and boundaries differ
    for name in their_names & our_names - differing:
        assert mine.headers[name] == theirs.headers[name], name
    return theirs, mine


def sdk_json_without_model(request: Any, deployment: str = DEPLOYMENT) -> dict[str, Any]:
    """The SDK's JSON body without ``model``: its Azure client repeats the deployment there. The deployment is
    already in the path and the 2024-02-01 spec has no ``model`` field, so we do not send it."""
    body: dict[str, Any] = request.json()
    assert body.pop("model") == deployment
    return body


def test_chat_plain(recorder: Any, sdk: Any, ours: Any) -> None:
    messages = [{"role": "system", "content": "Be terse."}, {"role": "user", "content": "Hello"}]
    theirs, mine = both(
        recorder,
        lambda: sdk.chat.completions.create(model=DEPLOYMENT, messages=messages, temperature=0.2, max_tokens=20),
        lambda: ours.chat("Hello", system="Be terse.", temperature=0.2, max_tokens=20),
    )
    assert mine.path == f"/openai/deployments/{DEPLOYMENT}/chat/completions"
    assert mine.headers["content-type"] == theirs.headers["content-type"] == "application/json"
    assert mine.json() == sdk_json_without_model(theirs)


def test_chat_parameters(recorder: Any, sdk: Any, ours: Any) -> None:
    params: dict[str, Any] = {
        "temperature": 0.5,
        "top_p": 0.9,
        "n": 2,
        "stop": ["\n\n", "END"],
        "presence_penalty": 0.1,
        "frequency_penalty": -0.2,
        "logit_bias": {"50256": -100},
        "user": "user-1",
        "seed": 42,
        "response_format": {"type": "json_object"},
    }
    messages = [{"role": "user", "content": "Answer in JSON."}]
    theirs, mine = both(
        recorder,
        lambda: sdk.chat.completions.create(model=DEPLOYMENT, messages=messages, **params),
        lambda: ours.chat(messages, **params),
    )
    assert mine.json() == sdk_json_without_model(theirs)


def test_chat_with_tools(recorder: Any, sdk: Any, ours: Any) -> None:
    tool_choice = {"type": "function", "function": {"name": "get_weather"}}
    theirs, mine = both(
        recorder,
        lambda: sdk.chat.completions.create(
            model=DEPLOYMENT, messages=TOOL_MESSAGES, tools=[WEATHER_TOOL], tool_choice=tool_choice
        ),
        lambda: ours.chat(TOOL_MESSAGES, tools=[WEATHER_TOOL], tool_choice=tool_choice),
    )
    assert mine.json() == sdk_json_without_model(theirs)
    assert mine.json()["messages"][2]["tool_calls"] == [TOOL_CALL]


def test_chat_with_image_parts(recorder: Any, sdk: Any, ours: Any) -> None:
    theirs, mine = both(
        recorder,
        lambda: sdk.chat.completions.create(model=DEPLOYMENT, messages=IMAGE_MESSAGES, max_tokens=50),
        lambda: ours.chat(IMAGE_MESSAGES, max_tokens=50),
    )
    assert mine.json() == sdk_json_without_model(theirs)


def test_chat_on_your_data(recorder: Any, sdk: Any, ours: Any) -> None:
    """data_sources is Azure-only: the SDK sends it through ``extra_body``, we take it as a parameter."""
    data_sources = [
        {
            "type": "azure_search",
            "parameters": {
                "endpoint": "https://search.example.net",
                "index_name": "products",
                "authentication": {"type": "api_key", "key": "search-key"},
            },
        }
    ]
    messages = [{"role": "user", "content": "Which product?"}]
    theirs, mine = both(
        recorder,
        lambda: sdk.chat.completions.create(
            model=DEPLOYMENT, messages=messages, extra_body={"data_sources": data_sources}
        ),
        lambda: ours.chat(messages, data_sources=data_sources),
    )
    assert mine.json() == sdk_json_without_model(theirs)


def test_completions(recorder: Any, sdk: Any, ours: Any) -> None:
    theirs, mine = both(
        recorder,
        lambda: sdk.completions.create(
            model="instruct", prompt="Once upon a time", max_tokens=5, temperature=0, stop=["\n"], logprobs=1
        ),
        lambda: ours.complete(
            "Once upon a time", deployment="instruct", max_tokens=5, temperature=0, stop=["\n"], logprobs=1
        ),
    )
    assert mine.path == "/openai/deployments/instruct/completions"
    assert mine.json() == sdk_json_without_model(theirs, "instruct")


def test_embeddings(recorder: Any, sdk: Any, ours: Any) -> None:
    texts = ["first text", "second text"]
    theirs, mine = both(
        recorder,
        lambda: sdk.embeddings.create(model="ada", input=texts, user="user-1"),
        lambda: ours.embed(texts, deployment="ada", user="user-1"),
    )
    assert mine.path == "/openai/deployments/ada/embeddings"
    sdk_body = sdk_json_without_model(theirs, "ada")
    # Both ask for base64 vectors unless told otherwise (a quarter of the bytes, and faster to decode).
    assert sdk_body["encoding_format"] == "base64"
    assert mine.json() == sdk_body


def test_images(recorder: Any, sdk: Any, ours: Any) -> None:
    params = {"n": 1, "size": "1024x1792", "quality": "hd", "style": "natural", "response_format": "url"}
    theirs, mine = both(
        recorder,
        lambda: sdk.images.generate(model="dalle3", prompt="A lighthouse at dawn", **params),
        lambda: ours.generate_image("A lighthouse at dawn", deployment="dalle3", **params),
    )
    assert mine.path == "/openai/deployments/dalle3/images/generations"
    assert mine.json() == sdk_json_without_model(theirs, "dalle3")


@pytest.mark.parametrize("operation", ["transcriptions", "translations"])
@pytest.mark.filterwarnings("ignore:deprecated:DeprecationWarning")  # the SDK marks audio.translations deprecated
def test_audio(recorder: Any, sdk: Any, ours: Any, operation: str) -> None:
    fields: dict[str, Any] = {"prompt": "A talk about owls.", "response_format": "json", "temperature": 0.2}
    if operation == "transcriptions":
        fields["language"] = "en"
        sdk_call = sdk.audio.transcriptions.create
        our_call = ours.transcribe
    else:
        sdk_call = sdk.audio.translations.create
        our_call = ours.translate
    theirs, mine = both(
        recorder,
        lambda: sdk_call(model="whisper", file=("hello.wav", WAV, "audio/wav"), **fields),
        lambda: our_call(WAV, deployment="whisper", filename="hello.wav", **fields),
    )
    assert mine.path == f"/openai/deployments/whisper/audio/{operation}"
    assert mine.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert theirs.headers["content-type"].startswith("multipart/form-data; boundary=")
    sdk_form = theirs.form()
    # As in JSON bodies, the SDK repeats the deployment as a "model" form field; we do not.
    assert sdk_form.pop("model") == (None, b"whisper")
    assert mine.form() == sdk_form
    assert mine.form()["file"] == ("hello.wav", WAV)


def test_chat_streamed(recorder: Any, sdk: Any, ours: Any) -> None:
    messages = [{"role": "user", "content": "Hello"}]
    sdk_text: list[str] = []
    our_text: list[str] = []

    def sdk_call() -> None:
        for chunk in sdk.chat.completions.create(model=DEPLOYMENT, messages=messages, stream=True, max_tokens=20):
            sdk_text.extend(choice.delta.content or "" for choice in chunk.choices)

    def our_call() -> None:
        with ours.chat_stream(messages, max_tokens=20) as stream:
            our_text.extend(event.text for event in stream)
            assert stream.final().text == "Recorded."

    theirs, mine = both(recorder, sdk_call, our_call)
    assert mine.json() == sdk_json_without_model(theirs)
    assert mine.json()["stream"] is True
    assert "".join(our_text) == "".join(sdk_text) == "Recorded."


async def test_async_chat_plain_and_streamed(recorder: Any) -> None:
    messages = [{"role": "user", "content": "Hello"}]
    sdk = openai.AsyncAzureOpenAI(
        azure_endpoint=recorder.endpoint, api_key=API_KEY, api_version=API_VERSION, max_retries=0
    )
    ours = azure_openai.AsyncAzureOpenAI(
        endpoint=recorder.endpoint, api_key=API_KEY, deployment=DEPLOYMENT, api_version=API_VERSION, max_retries=0
    )
    async with ours:
        await sdk.chat.completions.create(model=DEPLOYMENT, messages=messages, temperature=0)
        await ours.chat(messages, temperature=0)
        stream = await sdk.chat.completions.create(model=DEPLOYMENT, messages=messages, stream=True)
        async for _ in stream:
            pass
        async with ours.chat_stream(messages) as our_stream:
            async for _ in our_stream:
                pass
    await sdk.close()

    sdk_plain, our_plain, sdk_streamed, our_streamed = recorder.requests
    for theirs, mine in ((sdk_plain, our_plain), (sdk_streamed, our_streamed)):
        assert mine.path == theirs.path == f"/openai/deployments/{DEPLOYMENT}/chat/completions"
        assert mine.query == theirs.query == {"api-version": [API_VERSION]}
        assert mine.headers["api-key"] == theirs.headers["api-key"] == API_KEY
        assert mine.json() == sdk_json_without_model(theirs)
    assert our_streamed.json()["stream"] is True


@pytest.mark.parametrize("kind", ["token", "token_provider"])
def test_entra_id_auth(recorder: Any, kind: str) -> None:
    """Microsoft Entra ID instead of a key: both send ``Authorization: Bearer <token>`` and no ``api-key``."""
    token = "entra-token-123"
    if kind == "token":
        sdk = openai.AzureOpenAI(
            azure_endpoint=recorder.endpoint, azure_ad_token=token, api_version=API_VERSION, max_retries=0
        )
        ours = azure_openai.AzureOpenAI(
            endpoint=recorder.endpoint, azure_ad_token=token, deployment=DEPLOYMENT, max_retries=0
        )
    else:
        sdk = openai.AzureOpenAI(
            azure_endpoint=recorder.endpoint, azure_ad_token_provider=lambda: token, api_version=API_VERSION
        )
        ours = azure_openai.AzureOpenAI(
            endpoint=recorder.endpoint, token_provider=lambda: token, deployment=DEPLOYMENT, max_retries=0
        )
    with sdk, ours:
        sdk.chat.completions.create(model=DEPLOYMENT, messages=[{"role": "user", "content": "Hi"}])
        ours.chat("Hi", api_version=API_VERSION)
    theirs, mine = recorder.requests
    assert mine.headers["authorization"] == theirs.headers["authorization"] == f"Bearer {token}"
    assert mine.headers["api-key"] is None and theirs.headers["api-key"] is None
    assert mine.path == theirs.path
    assert mine.query == theirs.query == {"api-version": [API_VERSION]}
    assert mine.json() == sdk_json_without_model(theirs)
