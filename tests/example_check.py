"""Runs the service's example requests and responses through whichever ``azure_openai_rest`` is importable.

Used in-process for the committed package (2024-02-01) and, by ``python example_check.py EXAMPLES_DIR``, in a
subprocess whose ``PYTHONPATH`` puts a package regenerated for another api-version first. It prints one line per
example and exits non-zero if any example does not round-trip.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import io
import json
import sys
import typing
from pathlib import Path
from typing import Any

import httpx

# Example file -> operation module. The spec's x-ms-examples name some files; the "generated_*" files of
# 2024-10-21 are not referenced, so they are matched by what their name says they exercise.
_OPERATION_BY_NAME = [
    ("audio_speech", None),  # text-to-speech: an operation neither 2024-02-01 nor 2024-10-21 declares
    ("audio_transcription", "transcriptions_create"),
    ("audio_translation", "translations_create"),
    ("chat_completions", "chat_completions_create"),
    ("completions", "completions_create"),
    ("embeddings", "embeddings_create"),
    ("image_generation", "image_generations_create"),
]


def operation_for(example: Path) -> str | None:
    """The generated operation module an example file exercises (None: no such operation in the spec)."""
    for marker, module in _OPERATION_BY_NAME:
        if marker in example.stem:
            return module
    raise LookupError(f"no operation known for example {example.name}")


def _module(name: str) -> Any:
    import importlib

    return importlib.import_module(f"azure_openai_rest.api.default.{name}")


def _client_answering(status: int, body: Any, content_type: str) -> Any:
    from azure_openai_rest import Client

    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"content-type": content_type})

    base_url = "https://example.openai.azure.com/openai"
    client = Client(base_url=base_url)
    client.set_httpx_client(httpx.Client(base_url=base_url, transport=httpx.MockTransport(handler)))
    return client


def _body_type(module: Any) -> Any:
    return typing.get_type_hints(module._get_kwargs)["body"]


def _multipart_fields(example: dict[str, Any]) -> dict[str, bytes]:
    params = example["parameters"]
    if "file" in params:  # generated_* examples give the file as base64
        return {"file": base64.b64decode(params["file"])}
    raw = params.get("body")
    if not isinstance(raw, str):
        return {}
    boundary = raw.split("\n", 1)[0][2:]
    text = f"Content-Type: multipart/form-data; boundary={boundary}\n\n{raw}"
    message = email.parser.Parser(policy=email.policy.HTTP).parsestr(text)
    return {
        part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
        for part in message.iter_parts()
    }


def check_request(module: Any, example: dict[str, Any]) -> str | None:
    """None if the example request body goes through the request model unchanged, else what differed."""
    body_type = _body_type(module)
    params = example["parameters"]
    if hasattr(body_type, "to_multipart"):
        fields = _multipart_fields(example)
        if not fields:
            return None if "body" not in params else "multipart body not understood"
        from azure_openai_rest.types import File

        model = body_type(file=File(payload=io.BytesIO(fields["file"]), file_name="file.wav"))
        sent = {name: value[1] for name, value in model.to_multipart()}
        got = {k: (v.read() if hasattr(v, "read") else v) for k, v in sent.items()}
        return None if got == fields else f"multipart fields {got!r} != {fields!r}"
    if "body" not in params:
        return None
    model = body_type.from_dict(params["body"])
    again = model.to_dict()
    return None if again == params["body"] else f"request body changed: {again!r}"


def check_response(module: Any, example: dict[str, Any]) -> str | None:
    """None if the 200 example parsed by the operation serializes back to the example, else what differed."""
    answer = example["responses"]["200"]
    if "body" in answer:
        body, content_type = answer["body"], "application/json"
    else:
        body, content_type = answer["example"], "text/plain"
    if isinstance(body, str):
        content_type = "text/plain"
    client = _client_answering(200, body, content_type)
    kwargs: dict[str, Any] = {"deployment_id": "d", "client": client, "api_version": "2024-02-01"}
    body_type = _body_type(module)
    if hasattr(body_type, "to_multipart"):
        from azure_openai_rest.types import File

        kwargs["body"] = body_type(file=File(payload=io.BytesIO(b"RIFF"), file_name="a.wav"))
    else:
        kwargs["body"] = body_type.from_dict(example["parameters"].get("body") or {})
    parsed = module.sync_detailed(**kwargs).parsed
    if isinstance(body, str):
        return None if parsed == body else f"text answer {parsed!r}"
    if parsed is None:
        return "nothing parsed"
    again = parsed.to_dict()
    return None if again == body else f"response changed: {json.dumps(again)[:300]}"


def check_examples(examples_dir: Path, *, requests: bool = True) -> list[str]:
    """Every failure over all example files of a directory (empty when all round-trip)."""
    failures: list[str] = []
    for path in sorted(examples_dir.glob("*.json")):
        operation = operation_for(path)
        if operation is None:
            continue
        example = json.loads(path.read_text(encoding="utf-8"))
        module = _module(operation)
        checks = [("response", check_response)] + ([("request", check_request)] if requests else [])
        for what, check in checks:
            try:
                problem = check(module, example)
            except Exception as exc:  # report every example, not only the first failure
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                failures.append(f"{path.name} {what}: {problem}")
    return failures


if __name__ == "__main__":
    found = check_examples(Path(sys.argv[1]))
    print("\n".join(found) or "all examples round-trip")
    sys.exit(1 if found else 0)
