"""Each injected fault: what reaches the client, how many requests it hits, and that the next one is normal."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest
from azure_openai.testing import Emulator, Fault

from .sse import chunks, events

CHAT = "/deployments/gpt-35-turbo/chat/completions"
HELLO = {"messages": [{"role": "user", "content": "hello"}]}


def test_fail_next_429_with_retry_headers_then_success(emu: Emulator, client: httpx.Client) -> None:
    emu.fail_next(2, status=429, retry_after_ms=250, retry_after=1)
    for _ in range(2):
        response = client.post(CHAT, json=HELLO)
        assert response.status_code == 429
        assert response.headers["retry-after-ms"] == "250" and response.headers["retry-after"] == "1"
        assert response.headers["x-ratelimit-remaining-requests"] == "0"
        error = response.json()["error"]
        assert error["code"] == "429"
        assert "ChatCompletions_Create" in error["message"] and "Please retry after 1 second." in error["message"]
    assert emu.pending_faults == 0
    assert client.post(CHAT, json=HELLO).status_code == 200


def test_rate_limit_sends_only_the_headers_asked_for(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.rate_limit())
    response = client.post(CHAT, json=HELLO)
    assert response.status_code == 429
    assert "retry-after" not in response.headers and "retry-after-ms" not in response.headers


@pytest.mark.parametrize(
    ("status", "code"), [(500, "InternalServerError"), (502, "BadGateway"), (503, "ServiceUnavailable")]
)
def test_server_errors_in_the_service_shape(emu: Emulator, client: httpx.Client, status: int, code: str) -> None:
    emu.inject(Fault.error(status))
    response = client.post(CHAT, json=HELLO)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code and response.json()["error"]["message"]


def test_gateway_html_page(emu: Emulator, client: httpx.Client) -> None:
    emu.gateway_html_next()
    response = client.post(CHAT, json=HELLO)
    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html"
    assert "<h1>502 Bad Gateway</h1>" in response.text
    assert client.post(CHAT, json=HELLO).status_code == 200


def test_content_filter_400_in_the_live_error_shape(emu: Emulator, client: httpx.Client) -> None:
    emu.content_filter_next(categories=["hate", "violence"], severity="medium")
    response = client.post(CHAT, json=HELLO)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["param"], error["status"]) == ("content_filter", "prompt", 400)
    assert error["innererror"]["code"] == "ResponsibleAIPolicyViolation"
    result = error["innererror"]["content_filter_result"]
    assert result["hate"] == {"filtered": True, "severity": "medium"}
    assert result["violence"] == {"filtered": True, "severity": "medium"}
    assert result["self_harm"] == {"filtered": False, "severity": "safe"}
    assert result["sexual"] == {"filtered": False, "severity": "safe"}


def test_content_filter_on_images_uses_the_dalle_error_shape(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.content_filter(["sexual"]))
    response = client.post("/deployments/dall-e-3/images/generations", json={"prompt": "x"})
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "content_policy_violation"
    assert error["inner_error"]["content_filter_results"]["sexual"]["filtered"] is True


def test_content_filter_on_the_completion(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.content_filter(["violence"], on="completion"), times=2)
    body = client.post(CHAT, json=HELLO).json()
    assert body["choices"][0]["finish_reason"] == "content_filter"
    assert body["choices"][0]["content_filter_results"]["violence"] == {"filtered": True, "severity": "high"}
    with client.stream("POST", CHAT, json={**HELLO, "stream": True}) as response:
        last = chunks(response.read().decode())[-1]
    assert last["choices"][0]["finish_reason"] == "content_filter"


def test_faults_can_target_one_operation(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.error(503), operation="embeddings")
    assert client.post(CHAT, json=HELLO).status_code == 200
    embed = client.post("/deployments/text-embedding-ada-002/embeddings", json={"input": "x"})
    assert embed.status_code == 503


def test_faults_skip_requests_that_fail_anyway(emu: Emulator, client: httpx.Client) -> None:
    emu.fail_next(1, status=500)
    assert client.post(CHAT, json={}).status_code == 400
    assert client.post(CHAT, json=HELLO).status_code == 500


def test_delay_before_the_first_byte(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.delay(5))
    with pytest.raises(httpx.ReadTimeout):
        client.post(CHAT, json=HELLO, timeout=httpx.Timeout(10, read=0.2))
    assert emu.pending_faults == 0


def test_delay_then_a_normal_answer(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.delay(0.05))
    assert client.post(CHAT, json=HELLO).status_code == 200
    assert emu.requests[-1].fault == "delay"


def test_connection_reset(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.reset())
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        client.post(CHAT, json=HELLO)
    assert emu.requests[-1].status == 0 and emu.requests[-1].fault == "reset"
    assert client.post(CHAT, json=HELLO).status_code == 200


def test_reset_is_a_tcp_reset(emu: Emulator) -> None:
    emu.inject(Fault.reset())
    host, port = emu.endpoint.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as raw:
        body = b'{"messages": [{"role": "user", "content": "x"}]}'
        raw.sendall(
            b"POST /openai%s?api-version=2024-02-01 HTTP/1.1\r\nHost: x\r\napi-key: %s\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (CHAT.encode(), emu.api_key.encode(), len(body), body)
        )
        with pytest.raises(ConnectionResetError):
            raw.recv(1024)


def test_stream_cut_off_midway(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.cut_stream(after_events=3))
    received = b""
    with pytest.raises(httpx.RemoteProtocolError), client.stream("POST", CHAT, json={**HELLO, "stream": True}) as r:
        for part in r.iter_bytes():
            received += part
    got = events(received.decode())
    assert len(got) == 3 and "[DONE]" not in got
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks(received.decode())[1:])


def test_non_streamed_body_cut_off(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.cut_stream())
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(CHAT, json=HELLO)


def test_stall_between_stream_events(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.stall(60, after_events=2))  # the stall ends when the emulator stops
    received: list[bytes] = []
    with (
        pytest.raises(httpx.ReadTimeout),
        client.stream("POST", CHAT, json={**HELLO, "stream": True}, timeout=httpx.Timeout(10, read=1.0)) as r,
    ):
        for part in r.iter_bytes():
            received.append(part)
    assert len(events(b"".join(received).decode())) == 2


def test_stop_ends_a_stalled_response_at_once() -> None:
    emu = Emulator().start()
    emu.inject(Fault.stall(60, after_events=1))
    errors: list[BaseException] = []

    def consume() -> None:
        try:
            with httpx.Client(base_url=emu.endpoint, timeout=30) as http:
                http.post(f"/openai{CHAT}", params={"api-version": "2024-02-01"},
                          headers={"api-key": emu.api_key}, json={**HELLO, "stream": True})  # fmt: skip
        except httpx.HTTPError as exc:
            errors.append(exc)

    thread = threading.Thread(target=consume)
    thread.start()
    while not emu.requests:
        threading.Event().wait(0.01)
    emu.stop()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert errors and isinstance(errors[0], httpx.RemoteProtocolError)


def test_fault_values_are_checked() -> None:
    with pytest.raises(ValueError, match="4xx or 5xx"):
        Fault.error(200)
    with pytest.raises(ValueError, match="unknown content-filter"):
        Fault.content_filter(["rudeness"])
    with Emulator() as emu, pytest.raises(ValueError, match="at least 1"):
        emu.inject(Fault.reset(), times=0)


def test_error_code_and_message_can_be_chosen(emu: Emulator, client: httpx.Client) -> None:
    emu.inject(Fault.error(500, code="Oops", message="planned failure"))
    emu.inject(Fault.error(418))
    assert client.post(CHAT, json=HELLO).json() == {"error": {"code": "Oops", "message": "planned failure"}}
    teapot = client.post(CHAT, json=HELLO)
    assert teapot.status_code == 418 and teapot.json()["error"]["code"] == "418"


def test_deployment_names_are_url_decoded(client: httpx.Client) -> None:
    assert client.post("/deployments/gpt%2D4/chat/completions", json=HELLO).status_code == 200
