"""Record and replay: emulator A records what emulator B (standing in for the real service) answers, then replays it."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import itertools
import json
import logging
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai import AzureOpenAI, ConfigurationError, NotFoundError
from azure_openai._transport.auth import AzureAuth, Secret
from azure_openai.testing import REDACTED, Emulator, Fault, _replay
from azure_openai.testing._recording import Interaction, Recording

from .conftest import API_VERSION, STREAM_OPTIONS_VERSION, TLS

asdict = dataclasses.asdict

CHAT = "/openai/deployments/gpt-35-turbo/chat/completions"
EMBEDDINGS = "/openai/deployments/text-embedding-ada-002/embeddings"
TRANSCRIBE = "/openai/deployments/whisper/audio/transcriptions"
UPSTREAM_KEY = "upstream-key-0123456789abcdef"
HELLO = {"messages": [{"role": "user", "content": "hello"}]}


@pytest.fixture
def upstream() -> Iterator[Emulator]:
    """Emulator B: plays the real Azure OpenAI resource, with a key only the recorder knows."""
    with Emulator(api_key=UPSTREAM_KEY, tokens=["upstream-token"]) as service:
        yield service


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    return tmp_path / "recordings" / "rec.json"


@pytest.fixture
def recorder(upstream: Emulator, recording: Path) -> Iterator[Emulator]:
    """Emulator A in record mode, forwarding to B."""
    with Emulator(mode="record", recording=recording, upstream=upstream.endpoint, upstream_api_key=UPSTREAM_KEY) as emu:
        yield emu


def post(emu: Emulator, path: str, body: Any, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("json", body)
    headers = {"api-key": emu.api_key, **kwargs.pop("headers", {})}
    params = {"api-version": API_VERSION, **kwargs.pop("params", {})}
    return httpx.post(f"{emu.endpoint}{path}", headers=headers, params=params, timeout=10, verify=TLS, **kwargs)


@contextlib.contextmanager
def chat_stream(emu: Emulator, body: dict[str, Any], api_version: str = API_VERSION) -> Iterator[httpx.Response]:
    """A streamed chat request, its answer open for reading."""
    with httpx.stream(
        "POST",
        f"{emu.endpoint}{CHAT}",
        headers={"api-key": emu.api_key},
        params={"api-version": api_version},
        json={**body, "stream": True},
        timeout=10,
        verify=TLS,
    ) as response:
        yield response


def stream_bytes(emu: Emulator, body: dict[str, Any], api_version: str = API_VERSION) -> bytes:
    """The raw bytes of a streamed chat answer, as they came off the wire."""
    with chat_stream(emu, body, api_version) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        return b"".join(response.iter_raw())


def saved(recording: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(recording.read_text())
    return data


# ---------------------------------------------------------------------------------------------- record, then replay


def test_record_forwards_to_the_upstream_and_replay_answers_the_same_with_it_stopped(
    upstream: Emulator, recorder: Emulator, recording: Path
) -> None:
    recorded_chat = post(recorder, CHAT, HELLO)
    recorded_stream = stream_bytes(recorder, {"messages": [{"role": "user", "content": "stream me"}]})
    recorded_embedding = post(recorder, EMBEDDINGS, {"input": "vector"})
    assert [r.status for r in upstream.requests] == [200, 200, 200]  # B accepted the upstream key A put on
    assert recorded_chat.headers["x-emulator-mode"] == "record"
    assert 'You said: "hello"' in recorded_chat.json()["choices"][0]["message"]["content"]
    assert b"data: [DONE]" in recorded_stream

    upstream.stop()
    recorder.mode = "replay"
    replayed_chat = post(recorder, CHAT, HELLO)
    assert replayed_chat.status_code == 200 and replayed_chat.headers["x-emulator-mode"] == "replay"
    assert replayed_chat.headers.get_list("x-emulator") == ["azure-openai-rest"]  # once, though B's was recorded
    assert replayed_chat.json() == recorded_chat.json()
    assert stream_bytes(recorder, {"messages": [{"role": "user", "content": "stream me"}]}) == recorded_stream
    assert post(recorder, EMBEDDINGS, {"input": "vector"}).json() == recorded_embedding.json()
    # Volatile answer headers are fresh on replay; the rest are the recorded ones.
    assert replayed_chat.headers["apim-request-id"] != recorded_chat.headers["apim-request-id"]
    assert (
        replayed_chat.headers["x-ratelimit-remaining-tokens"] == recorded_chat.headers["x-ratelimit-remaining-tokens"]
    )


def test_a_new_emulator_replays_the_file_and_the_wrapper_client_reads_it(recorder: Emulator, recording: Path) -> None:
    recorded = post(recorder, CHAT, HELLO).json()
    recorder.stop()
    with Emulator(mode="replay", recording=recording) as replayer:
        client = AzureOpenAI(endpoint=replayer.endpoint, api_key=replayer.api_key, deployment="gpt-35-turbo")
        assert client.chat("hello").text == recorded["choices"][0]["message"]["content"]
        with pytest.raises(NotFoundError, match=r"closest is interactions\[0\]") as caught:
            client.chat("something never recorded")
        assert caught.value.status_code == 404


def test_the_recording_is_plain_json_without_any_credential(
    recorder: Emulator, recording: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    post(recorder, CHAT, HELLO, headers={"x-session-token": "s3cret", "x-ms-client-request-id": "abc"})
    post(recorder, CHAT, HELLO, params={"sig": "sas-signature"})
    text = recording.read_text()
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("azure-openai-rest recording", 1)
    first = data["interactions"][0]
    request = first["request"]
    assert (request["operation"], request["deployment"], request["json"]) == ("chat/completions", "gpt-35-turbo", HELLO)
    assert request["headers"]["api-key"] == REDACTED and request["headers"]["x-session-token"] == REDACTED
    assert request["headers"]["x-ms-client-request-id"] == "abc"
    assert data["interactions"][1]["request"]["query"] == {"api-version": API_VERSION, "sig": REDACTED}
    assert first["response"]["status"] == 200 and first["response"]["json"]["object"] == "chat.completion"
    assert "sas-signature" not in text  # (the URL forwarded upstream keeps it: httpx logs it, as for any client)
    for secret in (UPSTREAM_KEY, recorder.api_key, "s3cret"):
        assert secret not in text
        assert secret not in caplog.text
        assert secret not in repr(recorder) and secret not in repr(recorder._replay)


def test_credentials_in_the_request_body_are_scrubbed_and_the_replay_still_matches(
    recorder: Emulator, recording: Path
) -> None:
    secrets = {
        "key": "SEARCH-ADMIN-KEY-abcdef123456",
        "connection_string": "AccountEndpoint=https://x;AccountKey=cosmos-0123",
        "accessToken": "access-token-0123456789",
        "client_secret": "client-secret-0123456789",
    }
    source = {
        "type": "azure_search",
        "parameters": {
            "endpoint": "https://s.search.windows.net",
            "index_name": "docs",
            "authentication": {"type": "api_key", **secrets},
        },
    }
    tool = {
        "type": "function",
        "function": {"name": "f", "parameters": {"properties": {"password": {"type": "string"}}}},
    }
    body = {**HELLO, "data_sources": [source], "tools": [tool]}
    recorded = post(recorder, CHAT, body)
    assert recorded.status_code == 200
    text = recording.read_text()
    for secret in secrets.values():
        assert secret not in text
    sent = saved(recording)["interactions"][0]["request"]["json"]
    assert sent["data_sources"][0]["parameters"]["authentication"] == {
        "type": "api_key",
        **dict.fromkeys(secrets, REDACTED),
    }
    assert sent["data_sources"][0]["parameters"]["index_name"] == "docs"
    assert sent["tools"] == [tool]  # a schema under a secret-looking name is kept, only text is replaced
    recorder.mode = "replay"
    replayed = post(recorder, CHAT, body)
    assert replayed.status_code == 200 and replayed.json() == recorded.json()


def test_a_lone_surrogate_in_a_request_does_not_break_recording_for_later_requests(
    recorder: Emulator, recording: Path
) -> None:
    body = b'{"messages": [{"role": "user", "content": "caf\\ud800"}]}'  # valid JSON: parses to a lone surrogate
    headers = {"content-type": "application/json"}
    assert post(recorder, CHAT, None, content=body, headers=headers).status_code == 200
    assert post(recorder, CHAT, HELLO).status_code == 200
    interactions = saved(recording)["interactions"]
    assert [item["request"]["json"] for item in interactions] == [json.loads(body), HELLO]
    assert '"caf\\ud800"' in recording.read_text()  # kept as the escape it came as
    assert [path.name for path in recording.parent.iterdir()] == ["rec.json"]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(recording.stat().st_mode) == 0o666 & ~umask  # as any new file, not mkstemp's 0600
    recorder.mode = "replay"
    assert post(recorder, CHAT, None, content=body, headers=headers).status_code == 200


def test_adding_to_a_recording_serialises_only_the_new_interaction(
    recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serialised = []
    monkeypatch.setattr(dataclasses, "asdict", lambda item: serialised.append(item) or asdict(item))
    rec = Recording(recording)
    for n in range(30):
        rec.add(Interaction({"operation": "embeddings", "deployment": "d", "json": {"input": str(n)}}, {"status": 200}))
    assert len(serialised) == 30  # not 1 + 2 + ... + 30: a long recording session does not slow down
    assert len(saved(recording)["interactions"]) == 30


def test_adding_to_a_loaded_recording_keeps_what_it_held(recording: Path) -> None:
    first = Interaction(
        {"operation": "embeddings", "deployment": "d", "json": {"input": "1"}}, {"status": 200, "json": {}}
    )
    Recording(recording).add(first)
    loaded = Recording.load(recording)
    loaded.add(
        Interaction({"operation": "embeddings", "deployment": "d", "json": {"input": "2"}}, {"status": 200, "json": {}})
    )
    assert [item["request"]["json"]["input"] for item in saved(recording)["interactions"]] == ["1", "2"]


def test_writing_the_recording_does_not_hold_up_lookups(recording: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writing, release = threading.Event(), threading.Event()
    replace = os.replace

    def slow_replace(source: str, target: Path) -> None:
        writing.set()
        release.wait(10)
        replace(source, target)

    monkeypatch.setattr(os, "replace", slow_replace)
    rec = Recording(recording)
    request = {"operation": "embeddings", "deployment": "d", "json": {"input": "x"}}
    adding = threading.Thread(target=rec.add, args=(Interaction(request, {"status": 200}),))
    adding.start()
    try:
        assert writing.wait(10)
        found: list[Interaction | None] = []
        looking = threading.Thread(target=lambda: found.append(rec.find("embeddings", "d", request)))
        looking.start()
        looking.join(10)
        assert found and found[0] is not None  # answered while the file was still being written
    finally:
        release.set()
        adding.join()


@contextlib.contextmanager
def stand_in(status: int = 200) -> Iterator[tuple[str, list[tuple[str, dict[str, str]]]]]:
    """A plain HTTP server on 127.0.0.1 answering ``{}``: its URL, and the (target, headers) of what it received."""
    seen: list[tuple[str, dict[str, str]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            seen.append((self.path, {name.lower(): value for name, value in self.headers.items()}))
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_record_mode_goes_through_the_environments_proxy(
    upstream: Emulator, recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = upstream.endpoint.rsplit(":", 1)[1]
    with stand_in() as (proxy, seen):
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy)
        with Emulator(
            mode="record", recording=recording, upstream=f"http://localhost:{port}", upstream_api_key=UPSTREAM_KEY
        ) as recorder:
            assert post(recorder, CHAT, HELLO, trust_env=False).status_code == 200
    target = f"http://localhost:{port}{CHAT}?api-version={API_VERSION}"
    assert [(path, headers.get("api-key")) for path, headers in seen] == [(target, UPSTREAM_KEY)]
    assert upstream.requests == []  # it went through the proxy, which answered


def test_an_absolute_form_target_is_forwarded_to_the_upstream_not_the_host_it_names(
    upstream: Emulator, recorder: Emulator
) -> None:
    body = json.dumps(HELLO).encode()
    host, port = recorder.endpoint.rsplit("/", 1)[1].rsplit(":", 1)
    with stand_in() as (other, seen), socket.create_connection((host, int(port)), timeout=10) as connection:
        target = f"{other}{CHAT}?api-version={API_VERSION}"
        connection.sendall(
            f"POST {target} HTTP/1.1\r\nHost: x\r\napi-key: {recorder.api_key}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode()
            + body
        )
        answer = b"".join(iter(lambda: connection.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.1 200")
    assert seen == []  # the host the target named got nothing, least of all the upstream's key
    assert [(r.operation, r.status) for r in upstream.requests] == [("chat/completions", 200)]


def test_concurrent_first_requests_share_one_upstream_client(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[httpx.Client] = []
    construct = httpx.Client.__init__

    def slow_construct(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.2)  # widens the window in which another thread could make a second client
        construct(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(httpx.Client, "__init__", slow_construct)
    auth = AzureAuth(api_key=Secret(UPSTREAM_KEY))
    upstream = _replay.Upstream("https://example.openai.azure.com", auth, ())
    start = threading.Barrier(6)
    clients: list[httpx.Client] = []

    def first_request() -> None:
        start.wait()
        clients.append(upstream.client)

    threads = [threading.Thread(target=first_request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    upstream.close()
    assert len(made) == 1 and len(clients) == 6 and all(client is made[0] for client in clients)
    assert made[0].is_closed


def test_an_empty_event_in_a_hand_edited_stream_is_skipped(tmp_path: Path) -> None:
    body = {**HELLO, "stream": True}
    events = ['data: {"a": 1}\n\n', "", "data: [DONE]\n\n"]
    recording = tmp_path / "rec.json"
    interaction = {
        "request": {"operation": "chat/completions", "deployment": "gpt-35-turbo", "json": body},
        "response": {
            "status": 200,
            "headers": {"content-type": "text/event-stream"},
            "events": [{"at_ms": 0, "data": data} for data in events],
        },
    }
    recording.write_text(
        json.dumps({"format": "azure-openai-rest recording", "version": 1, "interactions": [interaction]})
    )
    with (
        Emulator(mode="replay", recording=recording) as emu,
        httpx.Client(base_url=emu.endpoint, headers={"api-key": emu.api_key}, timeout=10) as client,
    ):
        for _ in range(2):  # the second on the same kept-alive connection
            answer = client.post(CHAT, params={"api-version": API_VERSION}, json=body)
            assert answer.status_code == 200 and answer.text == "".join(events)


def test_a_short_test_key_does_not_blank_out_its_letters_in_the_recording(recording: Path) -> None:
    body = {**HELLO, "max_tokens": 5}
    with (
        Emulator(api_key="k") as service,
        Emulator(mode="record", recording=recording, upstream=service.endpoint, upstream_api_key="k") as a,
    ):
        original = stream_bytes(a, body)
        a.mode = "replay"
        assert stream_bytes(a, body) == original
    assert saved(recording)["interactions"][0]["request"]["json"] == {**body, "stream": True}


def test_a_hand_edited_answer_is_what_replay_serves(recorder: Emulator, recording: Path) -> None:
    post(recorder, CHAT, HELLO)
    data = saved(recording)
    data["interactions"][0]["response"]["json"]["choices"][0]["message"]["content"] = "edited by hand"
    recording.write_text(json.dumps(data))
    recorder.mode = "replay"
    assert post(recorder, CHAT, HELLO).json()["choices"][0]["message"]["content"] == "edited by hand"


def test_record_defaults_to_the_environment_endpoint_and_key(
    upstream: Emulator, recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", upstream.endpoint)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", UPSTREAM_KEY)
    with Emulator(mode="record", recording=recording) as recorder:
        assert post(recorder, CHAT, HELLO).status_code == 200
    assert upstream.requests[-1].status == 200
    assert UPSTREAM_KEY not in recording.read_text()


@pytest.mark.parametrize("token", ["upstream-token", lambda: "upstream-token"], ids=["static", "provider"])
def test_record_with_a_bearer_token(upstream: Emulator, recording: Path, token: Any) -> None:
    with Emulator(mode="record", recording=recording, upstream=upstream.endpoint, upstream_token=token) as recorder:
        assert post(recorder, CHAT, HELLO).status_code == 200
    assert upstream.requests[-1].headers["authorization"] == f"Bearer {REDACTED}"
    assert "upstream-token" not in recording.read_text()


def test_a_token_function_that_returns_no_token_is_a_502_saying_so(upstream: Emulator, recording: Path) -> None:
    no_token: Any = lambda: None  # noqa: E731  # deliberately not the () -> str it must be
    with Emulator(mode="record", recording=recording, upstream=upstream.endpoint, upstream_token=no_token) as a:
        answer = post(a, CHAT, HELLO)
    assert answer.status_code == 502
    assert answer.json()["error"]["code"] == "UpstreamCredentialFailed"
    assert "must return the token as a non-empty str, it returned a NoneType" in answer.json()["error"]["message"]
    assert upstream.requests == []


def test_upstream_errors_are_recorded_and_replayed(upstream: Emulator, recorder: Emulator) -> None:
    upstream.content_filter_next(categories=["violence"])
    refused = post(recorder, CHAT, HELLO)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "content_filter"
    recorder.mode = "replay"
    assert post(recorder, CHAT, HELLO).json() == refused.json()


def test_the_emulators_own_key_still_guards_record_and_replay(upstream: Emulator, recorder: Emulator) -> None:
    answer = post(recorder, CHAT, HELLO, headers={"api-key": UPSTREAM_KEY})
    assert answer.status_code == 401 and upstream.requests == []
    post(recorder, CHAT, HELLO)
    recorder.mode = "replay"
    assert post(recorder, CHAT, HELLO).status_code == 200
    assert post(recorder, CHAT, HELLO, headers={"api-key": "wrong"}).status_code == 401


def test_an_unreachable_upstream_is_a_502_and_nothing_is_recorded(upstream: Emulator, recording: Path) -> None:
    with Emulator(mode="record", recording=recording, upstream=upstream.endpoint, upstream_api_key=UPSTREAM_KEY) as a:
        upstream.stop()
        answer = post(a, CHAT, HELLO)
    assert answer.status_code == 502
    assert answer.json()["error"]["code"] == "UpstreamUnreachable"
    assert "could not reach the upstream http://127.0.0.1" in answer.json()["error"]["message"]
    assert UPSTREAM_KEY not in answer.text
    assert not recording.exists()


def test_switching_back_to_emulate_answers_locally(upstream: Emulator, recorder: Emulator) -> None:
    recorder.mode = "emulate"
    answer = post(recorder, CHAT, HELLO)
    assert answer.status_code == 200 and "x-emulator-mode" not in answer.headers
    assert upstream.requests == []


# ---------------------------------------------------------------------------------------------- matching


def test_an_unmatched_request_is_a_404_naming_the_closest_recording(recorder: Emulator) -> None:
    post(recorder, EMBEDDINGS, {"input": "vector"})
    post(recorder, CHAT, HELLO)
    recorder.mode = "replay"
    answer = post(recorder, CHAT, {"messages": [{"role": "user", "content": "hullo"}], "temperature": 0})
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert error["code"] == "NoRecordedAnswer"
    assert "closest is interactions[1] (chat/completions to 'gpt-35-turbo')" in error["message"]
    assert 'body.json.messages[0].content: recorded "hello", sent "hullo"' in error["message"]
    assert "body.json.temperature: recorded <absent>, sent 0" in error["message"]
    # Another deployment is named as the difference, never answered from the nearest recording.
    other = post(recorder, "/openai/deployments/gpt-4/chat/completions", HELLO).json()["error"]["message"]
    assert "deployment: recorded 'gpt-35-turbo', sent 'gpt-4'" in other


def test_user_and_api_version_are_ignored_but_stream_options_are_not(recorder: Emulator) -> None:
    post(recorder, CHAT, {**HELLO, "user": "alice"})
    stream_bytes(recorder, {**HELLO, "stream_options": {"include_usage": True}}, STREAM_OPTIONS_VERSION)
    recorder.mode = "replay"
    assert post(recorder, CHAT, {**HELLO, "user": "bob"}, params={"api-version": "2024-10-21"}).status_code == 200
    assert post(recorder, CHAT, HELLO).status_code == 200
    without_options = post(recorder, CHAT, {**HELLO, "stream": True, "stream_options": {"include_usage": False}})
    assert without_options.status_code == 404
    assert (
        "body.json.stream_options.include_usage: recorded true, sent false"
        in without_options.json()["error"]["message"]
    )


def test_identical_requests_replay_their_answers_in_order_then_the_last_repeats(recording: Path) -> None:
    said = iter(["first", "second"])
    with (
        Emulator(api_key=UPSTREAM_KEY, replies=lambda messages: next(said)) as service,
        Emulator(mode="record", recording=recording, upstream=service.endpoint, upstream_api_key=UPSTREAM_KEY) as a,
    ):
        post(a, CHAT, HELLO)
        post(a, CHAT, HELLO)
        a.mode = "replay"
        replies = [post(a, CHAT, HELLO).json()["choices"][0]["message"]["content"] for _ in range(3)]
    assert replies == ["first", "second", "second"]


def test_audio_matches_on_the_fields_and_the_files_hash(recorder: Emulator, recording: Path) -> None:
    audio = {"file": ("talk.mp3", b"\x00\x01" * 50, "audio/mpeg")}
    form = {"response_format": "text"}
    recorded = post(recorder, TRANSCRIBE, None, files=audio, data=form)
    assert recorded.status_code == 200
    files = saved(recording)["interactions"][0]["request"]["files"]
    assert files["file"]["size"] == 100 and len(files["file"]["sha256"]) == 64
    recorder.mode = "replay"
    assert post(recorder, TRANSCRIBE, None, files=audio, data=form).text == recorded.text
    other = post(recorder, TRANSCRIBE, None, files={"file": ("talk.mp3", b"\x02" * 100, "audio/mpeg")}, data=form)
    assert other.status_code == 404 and "body.files.file.sha256" in other.json()["error"]["message"]


# ---------------------------------------------------------------------------------------------- streams and timing


def test_stream_events_are_recorded_whole_with_their_timing_and_replayed_paced(
    upstream: Emulator, recorder: Emulator, recording: Path
) -> None:
    upstream.inject(Fault.stall(0.3, after_events=2))
    original = stream_bytes(recorder, HELLO)
    events = saved(recording)["interactions"][0]["response"]["events"]
    assert "".join(event["data"] for event in events).encode() == original
    assert all(event["data"].startswith("data: ") and event["data"].endswith("\n\n") for event in events)
    assert events[2]["at_ms"] - events[1]["at_ms"] >= 250  # the stall, measured upstream of it
    recorder.stop()
    replayer = Emulator(mode="replay", recording=recording, replay_timing=True)
    with replayer, chat_stream(replayer.start(), HELLO) as response:
        arrivals = [time.monotonic() for _ in response.iter_lines()]
    assert max(b - a for a, b in itertools.pairwise(arrivals)) >= 0.25


def test_stopping_the_emulator_ends_a_paced_replay_at_once(recorder: Emulator, recording: Path) -> None:
    post(recorder, CHAT, HELLO)
    recorder.stop()
    data = saved(recording)
    data["interactions"][0]["response"]["headers_ms"] = 600_000  # an answer that took ten minutes
    recording.write_text(json.dumps(data))
    with Emulator(mode="replay", recording=recording, replay_timing=True) as replayer:
        waiting = threading.Timer(0.2, replayer.stop)
        waiting.start()
        with pytest.raises(httpx.RemoteProtocolError):  # not the client's 10 s ReadTimeout
            post(replayer, CHAT, HELLO)
        waiting.join()


def test_record_passes_stream_events_on_as_they_arrive(upstream: Emulator, recorder: Emulator) -> None:
    upstream.inject(Fault.stall(60, after_events=2))  # the client's 10 s read timeout fails a buffering recorder
    with chat_stream(recorder, HELLO) as response:
        lines = response.iter_lines()
        first_two = [next(line for line in lines if line.startswith("data: ")) for _ in range(2)]
        assert json.loads(first_two[1].removeprefix("data: "))["choices"][0]["delta"]["role"] == "assistant"
        upstream.stop()  # ends the stall: the rest of the stream is cut


def test_a_stream_cut_upstream_is_cut_again_on_replay(upstream: Emulator, recorder: Emulator, recording: Path) -> None:
    upstream.inject(Fault.cut_stream(after_events=2))
    with pytest.raises(httpx.RemoteProtocolError):
        stream_bytes(recorder, HELLO)
    response = saved(recording)["interactions"][0]["response"]
    assert response["cut"] is True and len(response["events"]) == 2
    recorder.mode = "replay"
    with pytest.raises(httpx.RemoteProtocolError):
        stream_bytes(recorder, HELLO)


# ---------------------------------------------------------------------------------------------- bad configuration


def test_bad_configuration_is_a_configuration_error_naming_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AZURE_OPENAI_ENDPOINT", raising=False)
    monkeypatch.delenv("AZURE_OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("AZURE_OPENAI_AD_TOKEN", raising=False)
    rec = tmp_path / "rec.json"
    with pytest.raises(ConfigurationError, match="mode must be one of 'emulate', 'record', 'replay', not 'playback'"):
        Emulator(mode="playback", recording=rec)
    with pytest.raises(ConfigurationError, match="needs a recording file"):
        Emulator(mode="replay")
    with pytest.raises(ConfigurationError, match=r"pass upstream=.* or set AZURE_OPENAI_ENDPOINT"):
        Emulator(mode="record", recording=rec)
    with pytest.raises(ConfigurationError, match=r"upstream's credential.*upstream_api_key="):
        Emulator(mode="record", recording=rec, upstream="https://example.openai.azure.com")
    with pytest.raises(ConfigurationError, match="must not contain credentials") as caught:
        Emulator(
            mode="record", recording=rec, upstream="https://user:pw@example.openai.azure.com", upstream_api_key="k"
        )
    assert "pw" not in str(caught.value)
    with pytest.raises(ConfigurationError, match="does not exist: record it first"):
        Emulator(mode="replay", recording=rec)
    emu = Emulator()
    with pytest.raises(ConfigurationError, match="needs a recording file"):
        emu.mode = "record"
    assert emu.mode == "emulate"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "is not readable JSON"),
        ('{"interactions": []}', "is not a recording"),
        ('{"format": "azure-openai-rest recording", "version": 2, "interactions": []}', "has version 2"),
        (
            '{"format": "azure-openai-rest recording", "version": 1, '
            '"interactions": [{"request": {}, "response": {}}]}',
            r"interactions\[0\].request needs 'operation'",
        ),
        (
            '{"format": "azure-openai-rest recording", "version": 1, "interactions": [{"request": '
            '{"operation": "embeddings", "deployment": "d"}, "response": {"status": 200, "json": 1, "text": ""}}]}',
            "needs exactly one body",
        ),
    ],
)
def test_a_malformed_recording_is_named_with_where_it_is_wrong(tmp_path: Path, content: str, problem: str) -> None:
    rec = tmp_path / "rec.json"
    rec.write_text(content)
    with pytest.raises(ConfigurationError, match=problem):
        Emulator(mode="replay", recording=rec)


def test_the_runtime_config_reads_and_switches_the_mode(recorder: Emulator, recording: Path) -> None:
    recorded = post(recorder, CHAT, HELLO)
    assert recorder.config()["mode"] == "record"
    answer = httpx.patch(
        recorder.endpoint + "/_emulator/config",
        headers={"api-key": recorder.api_key},
        json={"mode": "replay"},
        verify=TLS,
    )
    assert answer.status_code == 200 and answer.json()["mode"] == "replay"
    assert recorder.mode == "replay"
    assert post(recorder, CHAT, HELLO).json() == recorded.json()


def test_a_bad_mode_in_a_runtime_change_changes_nothing(tmp_path: Path) -> None:
    emu = Emulator(mode="emulate", recording=tmp_path / "missing.json")
    before = emu.config()
    with pytest.raises(ConfigurationError, match="record it first"):  # the file does not exist yet
        emu.configure(mode="replay", seed=7)
    with pytest.raises(ConfigurationError, match="unknown emulator setting"):
        emu.configure(mode="emulate", speed=3)
    assert emu.config() == before and emu.mode == "emulate"


def test_a_recording_without_a_mode_is_replayed(recorder: Emulator, recording: Path, tmp_path: Path) -> None:
    recorded = post(recorder, CHAT, HELLO).json()
    recorder.stop()
    with Emulator(recording=recording) as replayer:
        assert replayer.mode == "replay"
        assert post(replayer, CHAT, HELLO).json() == recorded
        assert post(replayer, CHAT, {"messages": [{"role": "user", "content": "other"}]}).status_code == 404
    with pytest.raises(ConfigurationError, match="record it first"):
        Emulator(recording=tmp_path / "never-recorded.json")
    assert Emulator(mode="emulate", recording=recording).mode == "emulate"  # asked for explicitly


async def _async_token() -> str:
    return "upstream-token"


class _AsyncTokenProvider:
    async def __call__(self) -> str:
        return "upstream-token"


@pytest.mark.parametrize("token", [_async_token, _AsyncTokenProvider()], ids=["function", "callable"])
def test_an_async_upstream_token_is_refused_up_front(upstream: Emulator, recording: Path, token: Any) -> None:
    with pytest.raises(ConfigurationError, match=r"upstream_token is an async function.*pass a sync function"):
        Emulator(mode="record", recording=recording, upstream=upstream.endpoint, upstream_token=token)


class _SwitchingMidRequest(_replay.RecordReplay):
    """Switches to replay right after a request first reads the mode or recording: a switch landing mid-request."""

    armed = False

    def _read(self, name: str) -> Any:
        value = self.__dict__[name]
        if self.armed:
            self.armed = False
            self.switch("replay")
        return value

    _state = property(lambda self: self._read("_state"), lambda self, value: self.__dict__.__setitem__("_state", value))
    _recording = property(
        lambda self: self._read("_recording"), lambda self, value: self.__dict__.__setitem__("_recording", value)
    )


def test_a_mode_switch_during_a_request_never_pairs_the_new_mode_with_the_old_recording(
    upstream: Emulator, recorder: Emulator
) -> None:
    post(recorder, CHAT, HELLO)  # the file exists, so replay can be entered
    recorder._replay.__class__ = _SwitchingMidRequest
    recorder._replay.armed = True  # type: ignore[attr-defined]
    answer = post(recorder, CHAT, {"messages": [{"role": "user", "content": "new"}]})
    # Recorded in the mode it started in (the old code replayed it from the recording being made: a 404).
    assert (answer.status_code, answer.headers["x-emulator-mode"]) == (200, "record")
    assert len(upstream.requests) == 2 and recorder.mode == "replay"


# --------------------------------------------------------------------------- the banner of `azure-openai emulator`


def banner(**options: Any) -> str:
    """What ``serve`` (``azure-openai emulator``) prints before it waits for Ctrl-C."""
    from azure_openai.testing import serve

    out, stop = io.StringIO(), threading.Event()
    thread = threading.Thread(target=serve, kwargs={"out": out, "stop": stop, **options})
    thread.start()
    try:
        while "Ctrl-C" not in out.getvalue() and thread.is_alive():
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join(timeout=10)
    return out.getvalue()


def recorded(path: Path, *requests: tuple[str, str]) -> Path:
    """A recording of one 200 answer per (operation, deployment)."""
    interactions = [
        {
            "request": {"operation": operation, "deployment": deployment, "json": HELLO},
            "response": {"status": 200, "headers": {"content-type": "application/json"}, "json": {}},
        }
        for operation, deployment in requests
    ]
    path.write_text(json.dumps({"format": "azure-openai-rest recording", "version": 1, "interactions": interactions}))
    return path


def test_the_replay_banner_names_the_recorded_deployments_not_the_default_ones(tmp_path: Path) -> None:
    recording = recorded(tmp_path / "rec.json", ("embeddings", "embed-large"), ("chat/completions", "my-gpt-4o"))
    text = banner(recording=recording)
    assert "export AZURE_OPENAI_DEPLOYMENT=my-gpt-4o\n" in text  # the one that has chat answers to replay
    assert "# deployments: embed-large, my-gpt-4o; answers are replayed from the recording." in text, text
    assert "gpt-35-turbo" not in text


def test_the_record_banner_leaves_the_deployment_to_the_environment(
    upstream: Emulator, recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Record mode forwards to the upstream's deployments: exporting one of the emulator's would hide the real one."""
    monkeypatch.setenv("AZURE_OPENAI_DEPLOYMENT", "real-deployment")
    text = banner(mode="record", recording=recording, upstream=upstream.endpoint, upstream_api_key=UPSTREAM_KEY)
    assert "AZURE_OPENAI_DEPLOYMENT" not in text.replace("(AZURE_OPENAI_DEPLOYMENT unchanged)", "")
    assert "# deployments: the upstream's (AZURE_OPENAI_DEPLOYMENT unchanged); answers are the upstream's" in text
    assert "gpt-35-turbo" not in text
