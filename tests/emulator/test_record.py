"""The request record: what arrived, with secrets redacted everywhere."""

from __future__ import annotations

import logging

import httpx
import pytest
from azure_openai.testing import REDACTED, Emulator

CHAT = "/deployments/gpt-35-turbo/chat/completions"


def test_record_has_method_path_query_json_and_redacted_key(emu: Emulator, client: httpx.Client) -> None:
    body = {"messages": [{"role": "user", "content": "hello"}], "temperature": 0}
    client.post(CHAT, json=body, headers={"x-ms-client-request-id": "abc"})
    [record] = emu.requests
    assert (record.method, record.path) == ("POST", f"/openai{CHAT}")
    assert record.query == {"api-version": "2024-02-01"}
    assert record.json == body and record.body == body
    assert (record.deployment, record.operation, record.status) == ("gpt-35-turbo", "chat/completions", 200)
    assert record.headers["api-key"] == REDACTED
    assert record.headers["x-ms-client-request-id"] == "abc"
    assert emu.api_key not in repr(record)


def test_bearer_token_is_redacted_but_the_scheme_kept(emu: Emulator, http: httpx.Client) -> None:
    http.post(
        f"{emu.endpoint}/openai{CHAT}",
        params={"api-version": "2024-02-01"},
        headers={"Authorization": "Bearer token-for-tests"},
        json={"messages": [{"role": "user", "content": "x"}]},
    )
    record = emu.requests[-1]
    assert record.status == 200
    assert record.headers["authorization"] == f"Bearer {REDACTED}"
    assert "token-for-tests" not in repr(emu.requests)


def test_failed_requests_are_recorded_with_their_status_and_body(
    emu: Emulator, client: httpx.Client, http: httpx.Client
) -> None:
    client.post("/deployments/nope/chat/completions", json={})
    client.post(CHAT, json={"messages": []})
    http.post(f"{emu.endpoint}/openai{CHAT}", json={"messages": "unauthorised"}, headers={"api-key": "wrong"})
    assert [r.status for r in emu.requests] == [404, 400, 401]
    assert emu.requests[-1].json == {"messages": "unauthorised"}
    assert emu.requests[-1].headers["api-key"] == REDACTED
    emu.clear_requests()
    assert emu.requests == []


def test_multipart_record_keeps_fields_and_file_metadata(emu: Emulator, client: httpx.Client) -> None:
    client.post(
        "/deployments/whisper/audio/transcriptions",
        files={"file": ("talk.mp3", b"\x00\x01" * 50, "audio/mpeg")},
        data={"response_format": "text", "language": "de"},
    )
    record = emu.requests[-1]
    assert record.form == {"response_format": "text", "language": "de"}
    assert record.files["file"].filename == "talk.mp3"
    assert record.files["file"].content_type == "audio/mpeg" and record.files["file"].size == 100
    assert record.body == record.form


def test_no_secret_in_the_emulators_repr_or_logs(
    emu: Emulator, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="azure_openai.testing"):
        client.post(CHAT, json={"messages": [{"role": "user", "content": "x"}]})
        httpx.post(f"{emu.endpoint}/openai{CHAT}", headers={"Authorization": "Bearer token-for-tests"}, json={})
    assert caplog.records
    assert emu.api_key not in repr(emu) and emu.api_key not in str(emu)
    assert all(emu.api_key not in r.getMessage() and "token-for-tests" not in r.getMessage() for r in caplog.records)
