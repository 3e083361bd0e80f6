"""Where the tests find the published specs and the service's examples (copies in tests/specs/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "tests" / "specs"
SCRIPTS = REPO / "scripts"
#: A faithful trim of the published 2023-05-15 (its README says how): older models, the chat request inline.
TRIM_2023_05_15 = REPO / "tests" / "generated" / "fixtures" / "inference-2023-05-15-trim.json"

#: The inference operations the wrapper calls, by operation id (the spec's operationId in snake case).
OPERATIONS = (
    "chat_completions_create",
    "completions_create",
    "embeddings_create",
    "image_generations_create",
    "transcriptions_create",
    "translations_create",
)


def spec_path(version: str) -> Path:
    """The published spec of an api-version."""
    path = SPECS / version / "inference.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing (tests/specs/ holds the published specs the tests use)")
    return path


def examples_dir(version: str) -> Path:
    """The service's example requests and responses of an api-version."""
    return SPECS / version / "examples"


def load_example(version: str, name: str) -> dict[str, Any]:
    """One example file as JSON."""
    return json.loads((examples_dir(version) / name).read_text(encoding="utf-8"))
