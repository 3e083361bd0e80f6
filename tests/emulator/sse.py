"""Reading a text/event-stream body into its ``data:`` payloads, for the streaming tests."""

from __future__ import annotations

import json
from typing import Any


def events(text: str) -> list[str]:
    """The ``data:`` payload of each event, in order."""
    return [block.removeprefix("data: ") for block in text.split("\n\n") if block.startswith("data: ")]


def chunks(text: str) -> list[dict[str, Any]]:
    """The JSON chunks of a stream (everything but ``[DONE]``)."""
    return [json.loads(data) for data in events(text) if data != "[DONE]"]
