"""Content-filter verdicts of a call: the prompt's and the first choice's ``content_filter_results``, typed.

The verdict types are defined with ``ContentFilterError`` (``_errors``), which hands them out too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import ContentFilterResults, FilterCategory
from .info import Model, given

if TYPE_CHECKING:
    from azure_openai_rest.types import Unset

__all__ = ["ContentFilter", "ContentFilterResults", "FilterCategory", "content_filter", "prompt_filters"]


@dataclass(frozen=True)
class ContentFilter:
    """Content-filter results of a call: for the prompt and for the (first) completion."""

    prompt: ContentFilterResults | None
    completion: ContentFilterResults | None

    @property
    def filtered(self) -> bool:
        """Whether anything, prompt or completion, was filtered."""
        return any(r is not None and bool(r.filtered) for r in (self.prompt, self.completion))


def prompt_filters(raw: Mapping[str, Any]) -> list[Any]:
    """The prompts' filter results as sent (2023 previews, which the spec no longer lists: ``prompt_annotations``)."""
    results = raw.get("prompt_filter_results") or raw.get("prompt_annotations")
    return results if isinstance(results, list) else []


def content_filter(raw: Mapping[str, Any], choice: Model | Unset | None) -> ContentFilter:
    """The verdicts on the prompt (index 0) of a response's JSON and on its ``choice``'s filter model."""
    prompt = None
    for entry in prompt_filters(raw):
        results = entry.get("content_filter_results") if isinstance(entry, dict) else None
        if isinstance(results, dict) and entry.get("prompt_index", 0) == 0:
            prompt = ContentFilterResults.from_json(results)
            break
    completion = given(choice)  # to_dict() keeps what the spec does not list, e.g. custom_blocklists
    return ContentFilter(
        prompt, ContentFilterResults.from_json(completion.to_dict()) if completion is not None else None
    )
