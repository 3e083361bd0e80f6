"""The Prism fixture: ``prism mock`` on the packaged spec, the independent judge of the conformance tests.

Prism (``@stoplight/prism-cli``, pinned in ``prism/package.json``) validates each request against the published
spec and answers with the spec's examples or with data generated from its schemas. The wire parity tests and
their recording server are in ``parity/``.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

PRISM_DIR = Path(__file__).parent / "prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
INSTALL_HINT = "install it with `npm ci --prefix tests/conformance/prism` (scripts/bootstrap.sh does this)"
API_KEY = "conformance-test-key"


# --------------------------------------------------------------------------------------------------------------
# Prism
# --------------------------------------------------------------------------------------------------------------


def packaged_spec() -> dict[str, Any]:
    """The spec shipped inside ``azure_openai_rest`` (the one the generated client was made from)."""
    text = resources.files("azure_openai_rest").joinpath("inference.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def spec_for_prism(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` that Prism can load, that serves the paths where the real service does, and whose
    polymorphic schemas Prism really checks.

    - ``x-ms-examples`` are dropped: Prism resolves their ``$ref``s, and ``examples/image_generation.json`` is not
      published for 2024-02-01, so Prism refuses the whole document. The examples are Azure documentation, not
      schema, so validation is unaffected.
    - The base path of the spec's server (``https://{endpoint}/openai``) is moved into the paths: Prism serves
      paths at its root and ignores the server URL, while clients (ours and the official SDK) put ``/openai``
      after the endpoint. With the prefix, every client points at Prism exactly as it points at Azure.
    - ``enforce_discriminators``, ``drop_untyped_nullable`` and ``SPEC_ERRATA`` (below), so that messages,
      content parts, data sources and their authentication are validated field by field.
    Nothing else changes: the other schemas, parameters and security are the published ones.
    """
    copied = copy.deepcopy(spec)
    server = copied["servers"][0]
    url = server["url"]
    for name, variable in server.get("variables", {}).items():
        url = url.replace("{" + name + "}", variable["default"])
    base_path = urlsplit(url).path.rstrip("/")
    paths = {}
    for path, item in copied["paths"].items():
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("x-ms-examples", None)
        paths[base_path + path] = item
    copied["paths"] = paths
    for erratum in SPEC_ERRATA:
        erratum(copied["components"]["schemas"])
    enforce_discriminators(copied["components"]["schemas"])
    drop_untyped_nullable(copied)
    return copied


REF = "#/components/schemas/"


def _replace_refs(node: Any, old: str, new: str) -> None:
    if isinstance(node, dict):
        if node.get("$ref") == old:
            node["$ref"] = new
        for value in node.values():
            _replace_refs(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _replace_refs(value, old, new)


def enforce_discriminators(schemas: dict[str, Any]) -> None:
    """Make each ``discriminator`` base a ``oneOf`` of its subtypes, each pinned to its discriminator value.

    Prism ignores ``discriminator``: a message was checked against the base schema only (a valid ``role``), never
    against the subtype its role names, so a system message without ``content`` or a search data source without
    ``index_name`` passed. This spells out what the OpenAPI discriminator means, in plain JSON Schema.
    """
    for name, base in list(schemas.items()):
        discriminator = base.get("discriminator")
        if not isinstance(discriminator, dict) or not discriminator.get("mapping"):
            continue
        prop = discriminator["propertyName"]
        schemas[name + "Base"] = {k: v for k, v in base.items() if k != "discriminator"}
        alternatives = []
        for value, target in discriminator["mapping"].items():
            sub_name = target.removeprefix(REF)
            sub = copy.deepcopy(schemas[sub_name])
            _replace_refs(sub, REF + name, REF + name + "Base")
            sub.pop("x-ms-discriminator-value", None)
            pinned = {"type": "object", "properties": {prop: {"type": "string", "enum": [value]}}, "required": [prop]}
            schemas[sub_name] = {"allOf": [sub, pinned]}
            alternatives.append({"$ref": target})
        schemas[name] = {"description": base.get("description", ""), "oneOf": alternatives}


def drop_untyped_nullable(node: Any) -> None:
    """Remove ``nullable`` where there is no ``type`` (a user message's ``content``: ``oneOf`` + ``nullable``).

    Prism's validator refuses to compile such a schema and then silently accepts *every* request of the
    operation; ``test_prism_rejects_invalid_requests`` would catch that. ``content: null`` on a user message is
    the only thing this stops accepting.
    """
    if isinstance(node, dict):
        if node.get("nullable") and "type" not in node:
            del node["nullable"]
        for value in node.values():
            drop_untyped_nullable(value)
    elif isinstance(node, list):
        for value in node:
            drop_untyped_nullable(value)


def _function_message_requires_name(schemas: dict[str, Any]) -> None:
    """The function message requires ``function_call_id``, a property that exists nowhere (not in the service,
    not in the SDK, not in this schema); the service requires ``name`` and ``content``."""
    message = schemas.get("chatCompletionRequestMessageFunction", {})
    if "function_call_id" in message.get("required", []):
        message["required"] = ["name" if r == "function_call_id" else r for r in message["required"]]


def _image_part_nests_url(schemas: dict[str, Any]) -> None:
    """The image content part puts ``url``/``detail`` at its top level; the service (and the SDK, and this
    package's generated model) nest them: ``{"type": "image_url", "image_url": {"url", "detail"}}``."""
    part = schemas.get("chatCompletionRequestMessageContentPartImage", {})
    if part.get("required") != ["url"]:
        return
    for member in part.get("allOf", []):
        properties = member.get("properties", {})
        if "url" in properties:
            member["properties"] = {
                "image_url": {"type": "object", "properties": dict(properties), "required": ["url"]}
            }
    part["required"] = ["image_url"]


#: Places where the published 2024-02-01 spec contradicts the service, the official SDK and itself. Each edits
#: only when it finds the mistake, so a corrected spec goes through unchanged.
SPEC_ERRATA = [_function_message_requires_name, _image_part_nests_url]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Prism:
    """A running ``prism mock``: ``endpoint`` is what a user would pass as the Azure resource endpoint."""

    endpoint: str
    log: Path
    api_key: str = API_KEY

    @property
    def base_url(self) -> str:
        """Where the generated client points: the endpoint plus the spec server's ``/openai``."""
        return self.endpoint + "/openai"


def _wait_until_answering(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float, last_attempt: bool
) -> bool:
    """True once Prism answers; False if it exited early (the port was taken?) and another attempt is left."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if not last_attempt and "EADDRINUSE" in log.read_text(errors="replace"):
                return False
            pytest.fail(f"prism exited with status {process.returncode} before answering:\n{log.read_text()}")
        try:
            httpx.get(url, timeout=2)  # any HTTP answer (Prism says 404 for /) ...
            if "Prism is listening" in log.read_text(errors="replace") and process.poll() is None:
                return True  # ... from Prism, not from whoever else may have taken the port
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"prism did not answer on {url} within {timeout:.0f} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    """``prism mock`` on the packaged spec, on a free loopback port, for the whole session.

    No ``--errors`` flag, on purpose. Prism validates every request either way: an invalid request is answered
    422 (401 for missing credentials) with the violations in the ``sl-violations`` header
    (``test_prism_rejects_invalid_requests`` proves it). ``--errors`` would in addition replace each *response*
    that breaks the spec's own rules by a 500 problem document; the published spec has such responses (see
    ``KNOWN_SPEC_RESPONSE_VIOLATIONS`` in the tests), and we want their bodies in order to parse them. The
    ``sl-violations`` header reports response violations too, and the tests hold them to that known list.
    """
    if shutil.which("node") is None:
        pytest.fail("node is not on PATH; Prism needs Node.js >= 18, then " + INSTALL_HINT)
    if not PRISM_BIN.exists():
        pytest.fail(f"Prism is not installed ({PRISM_BIN} is missing): " + INSTALL_HINT)
    workdir = tmp_path_factory.mktemp("prism")
    spec_path = workdir / "inference-for-prism.json"
    spec_path.write_text(json.dumps(spec_for_prism(packaged_spec())), encoding="utf-8")
    log = workdir / "prism.log"
    for attempt in range(3):
        port = free_port()  # free a moment ago; if another process takes it first, Prism exits and we try again
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [str(PRISM_BIN), "mock", str(spec_path), "--host", "127.0.0.1", "--port", str(port)],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "NO_COLOR": "1"},
            )
        try:
            endpoint = f"http://127.0.0.1:{port}"
            if _wait_until_answering(endpoint + "/", process, log, timeout=90, last_attempt=attempt == 2):
                yield Prism(endpoint=endpoint, log=log)
                return
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
