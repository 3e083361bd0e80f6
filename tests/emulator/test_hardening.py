"""Issue 9: a burst of connections, clients that leave early, and parameters outside the service's limits."""

from __future__ import annotations

import logging
import selectors
import socket
import struct
import time

import httpx
import pytest
from azure_openai.testing import Emulator
from azure_openai.testing._server import EmulatorServer

from .conftest import API_VERSION

HELLO = [{"role": "user", "content": "hello"}]


def hello(emu: Emulator, http: httpx.Client) -> httpx.Response:
    """A plain chat request."""
    return http.post(
        f"{emu.endpoint}/openai/deployments/gpt-35-turbo/chat/completions",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
        json={"messages": HELLO},
    )


def test_a_burst_of_200_connections_is_queued_not_reset() -> None:
    """Bound but not yet accepting: every one of 200 connects must land in the listen backlog."""
    server = EmulatorServer(("127.0.0.1", 0), Emulator())
    sockets: list[socket.socket] = []
    try:
        selector = selectors.DefaultSelector()
        for _ in range(200):
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(server.server_address[:2])
            sockets.append(sock)
            selector.register(sock, selectors.EVENT_WRITE)
        connected: set[socket.socket] = set()
        deadline = time.monotonic() + 5
        while len(connected) < len(sockets) and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.1):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    connected.add(sock)
                selector.unregister(sock)
        assert len(connected) == 200
    finally:
        for sock in sockets:
            sock.close()
        server.server_close()


def test_a_client_that_resets_mid_stream_leaves_no_traceback(
    emu: Emulator, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="azure_openai.testing")
    body = b'{"messages": [{"role": "user", "content": "hello there, a few words please"}], "stream": true}'
    host, port = emu.endpoint.removeprefix("http://").rsplit(":", 1)
    request = (
        f"POST /openai/deployments/gpt-35-turbo/chat/completions?api-version={API_VERSION} HTTP/1.1\r\n"
        f"Host: {host}\r\napi-key: {emu.api_key}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    for _ in range(5):
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(request)
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = reset
    # The emulator notices on its next read; one more request proves it got there and still serves.
    with httpx.Client() as http:
        assert hello(emu, http).status_code == 200
    emu.stop()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "ConnectionResetError" not in captured.err
    # Under pytest's log capture an _log.exception never reaches stderr: the records say what stderr would.
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    ("operation", "extra", "param", "message"),
    [
        ("completions", {"n": 185171711832}, "n", "185171711832 is greater than the maximum of 128 - 'n'"),
        ("completions", {"n": 0}, "n", "0 is less than the minimum of 1 - 'n'"),
        ("completions", {"best_of": -5}, "best_of", "-5 is less than the minimum of 1 - 'best_of'"),
        ("completions", {"temperature": 5}, "temperature", "5 is greater than the maximum of 2 - 'temperature'"),
        ("completions", {"top_p": 7}, "top_p", "7 is greater than the maximum of 1 - 'top_p'"),
        ("completions", {"logprobs": 100}, "logprobs", "100 is greater than the maximum of 5 - 'logprobs'"),
        ("completions", {"max_tokens": -1}, "max_tokens", "-1 is less than the minimum of 0 - 'max_tokens'"),
        ("completions", {"n": 3, "best_of": 2}, "best_of", "best_of (2) must be greater than or equal to n (3)."),
        ("chat/completions", {"n": 185171711832}, "n", "185171711832 is greater than the maximum of 128 - 'n'"),
        ("chat/completions", {"temperature": 5}, "temperature", "5 is greater than the maximum of 2 - 'temperature'"),
        ("chat/completions", {"max_tokens": -1}, "max_tokens", "-1 is less than the minimum of 0 - 'max_tokens'"),
        ("chat/completions", {"n": 0}, "n", "0 is less than the minimum of 1 - 'n'"),
        ("chat/completions", {"top_p": 7}, "top_p", "7 is greater than the maximum of 1 - 'top_p'"),
    ],
)
def test_parameters_outside_the_service_limits_get_its_400(
    emu: Emulator, http: httpx.Client, operation: str, extra: dict[str, object], param: str, message: str
) -> None:
    base: dict[str, object] = {"prompt": "x"} if operation == "completions" else {"messages": HELLO}
    response = http.post(
        f"{emu.endpoint}/openai/deployments/gpt-35-turbo/{operation}",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
        json={**base, **extra},
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid_value", "message": message, "param": param, "type": "invalid_request_error"}
    }


def test_limits_come_from_the_spec_where_it_states_them_and_the_prose_otherwise() -> None:
    import azure_openai_rest
    from azure_openai.testing._limits import parameter_limits

    spec = azure_openai_rest.load_spec()
    paths = spec["paths"]
    chat = paths["/deployments/{deployment-id}/chat/completions"]["post"]["requestBody"]["content"]
    legacy = paths["/deployments/{deployment-id}/completions"]["post"]["requestBody"]["content"]
    chat_limits = parameter_limits("chat/completions", spec, chat["application/json"]["schema"])
    legacy_limits = parameter_limits("completions", spec, legacy["application/json"]["schema"])
    assert chat_limits["n"] == (1, 128) and legacy_limits["logprobs"] == (0, 5)
    # A spec that states a tighter bound wins over the prose table.
    tight = {"properties": {"n": {"type": "integer", "minimum": 1, "maximum": 4}}}
    assert parameter_limits("completions", spec, tight) == {"n": (1, 4)}


def test_answers_are_sent_without_waiting_for_the_clients_delayed_ack(emu: Emulator, http: httpx.Client) -> None:
    """Headers, body and each stream event are small writes; Nagle's algorithm held each ~40 ms."""
    assert hello(emu, http).status_code == 200
    server = emu._server
    assert server is not None
    with server.connections_lock:
        open_connections = list(server.connections)  # the keep-alive connection of the request above
    assert open_connections
    assert all(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for sock in open_connections)


# ---------------------------------------------------------------------- client mistakes get a 4xx, never a 5xx


def post(emu: Emulator, http: httpx.Client, operation: str, body: dict[str, object]) -> httpx.Response:
    return http.post(
        f"{emu.endpoint}/openai/deployments/gpt-35-turbo/{operation}",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
        json=body,
    )


@pytest.mark.parametrize(
    ("operation", "extra"),
    [
        ("chat/completions", {"messages": HELLO, "n": 2}),
        ("chat/completions", {"messages": HELLO, "n": 2, "stream": True}),
        ("chat/completions", {"messages": HELLO, "max_tokens": 3}),
        ("completions", {"prompt": "x", "n": 2}),
        ("completions", {"prompt": "x", "max_tokens": 3, "best_of": 2, "n": 1}),
    ],
)
def test_a_whole_number_sent_as_a_float_is_that_number(
    emu: Emulator, http: httpx.Client, operation: str, extra: dict[str, object]
) -> None:
    """JSON Schema calls 2.0 an integer, so the service's validation passes it: the answer is the one for 2."""
    as_float = {key: float(value) if type(value) is int else value for key, value in extra.items()}
    whole, floated = post(emu, http, operation, extra), post(emu, http, operation, as_float)
    assert (whole.status_code, floated.status_code) == (200, 200)
    if extra.get("stream"):
        assert floated.text.count('"index": 1') == whole.text.count('"index": 1') > 0
    else:
        assert floated.json()["usage"] == whole.json()["usage"]
        assert len(floated.json()["choices"]) == len(whole.json()["choices"])
    assert emu.requests[-1].json == as_float  # the record keeps what the client sent


def raw_exchange(emu: Emulator, head: bytes, body: bytes = b"") -> bytes:
    """Send a hand-framed request and read the answer until the emulator closes the connection."""
    host, port = emu.endpoint.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.replace(b"KEY", emu.api_key.encode()) + b"\r\n" + body)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    return received


CHAT_LINE = f"POST /openai/deployments/gpt-35-turbo/chat/completions?api-version={API_VERSION} HTTP/1.1\r\n".encode()
ADMIN_LINE = b"PATCH /_emulator/config HTTP/1.1\r\n"


@pytest.mark.parametrize(
    ("head", "body", "problem"),
    [
        (CHAT_LINE + b"Host: x\r\napi-key: KEY\r\nContent-Length: abc\r\n", b"{}", b"invalid Content-Length 'abc'"),
        (CHAT_LINE + b"Host: x\r\napi-key: KEY\r\nContent-Length: -1\r\n", b"{}", b"invalid Content-Length '-1'"),
        (CHAT_LINE + b"Host: x\r\napi-key: KEY\r\nTransfer-Encoding: chunked\r\n", b"zz\r\n", b"invalid chunk size"),
        (ADMIN_LINE + b"Host: x\r\napi-key: KEY\r\nContent-Length: x\r\n", b"{}", b"invalid Content-Length 'x'"),
    ],
)
def test_a_body_whose_framing_cannot_be_read_gets_a_400_and_the_connection_closes(
    emu: Emulator, caplog: pytest.LogCaptureFixture, head: bytes, body: bytes, problem: bytes
) -> None:
    caplog.set_level(logging.DEBUG, logger="azure_openai.testing")
    answer = raw_exchange(emu, head, body)  # returns only once the emulator closed: no hang either
    assert answer.startswith(b"HTTP/1.1 400") and b"\r\nConnection: close\r\n" in answer and problem in answer
    assert [record for record in caplog.records if record.levelno >= logging.ERROR] == []


def test_json_nested_too_deeply_is_the_json_parse_400(emu: Emulator, http: httpx.Client) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    headers = {"api-key": emu.api_key, "Content-Type": "application/json"}
    chat = http.post(
        f"{emu.endpoint}/openai/deployments/gpt-35-turbo/chat/completions",
        params={"api-version": API_VERSION},
        headers=headers,
        content=deep,
    )
    admin = http.patch(f"{emu.endpoint}/_emulator/config", headers=headers, content=deep)
    assert chat.status_code == 400 and "could not parse the JSON body" in chat.json()["error"]["message"]
    assert admin.status_code == 400 and admin.json()["error"]["code"] == "invalid_config"


@pytest.mark.parametrize("method", ["DELETE", "PUT", "OPTIONS", "HEAD"])
def test_other_methods_on_an_operation_get_the_services_json_404(
    emu: Emulator, http: httpx.Client, method: str
) -> None:
    response = http.request(
        method,
        f"{emu.endpoint}/openai/deployments/gpt-35-turbo/chat/completions",
        params={"api-version": API_VERSION},
        headers={"api-key": emu.api_key},
    )
    assert response.status_code == 404 and response.headers["content-type"] == "application/json"
    if method != "HEAD":
        assert response.json() == {"error": {"code": "404", "message": "Resource not found"}}
    assert hello(emu, http).status_code == 200  # the keep-alive connection still serves


def test_an_admin_change_named_self_is_an_unknown_setting(emu: Emulator, http: httpx.Client) -> None:
    response = http.patch(f"{emu.endpoint}/_emulator/config", headers={"api-key": emu.api_key}, json={"self": 1})
    assert response.status_code == 400 and "unknown emulator setting(s) ['self']" in response.json()["error"]["message"]


def test_the_500_for_an_emulator_bug_says_the_connection_closes(
    emu: Emulator, http: httpx.Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from azure_openai.testing import _pipeline as pipeline_module

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline_module, "plan_answer", broken)
    monkeypatch.setattr(emu._settings, "remaining", broken)  # the fallback must not need the settings either
    with caplog.at_level(logging.CRITICAL, logger="azure_openai.testing"):
        response = hello(emu, http)
    assert response.status_code == 500 and response.headers["connection"] == "close"
    assert response.json()["error"]["code"] == "InternalServerError"
