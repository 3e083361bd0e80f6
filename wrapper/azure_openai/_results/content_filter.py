"""Content-filter verdicts: typed views of the ``content_filter_results`` Azure attaches to prompts and choices."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import ContentFilterError
from .info import Model, given

if TYPE_CHECKING:
    from azure_openai_rest.types import Unset

__all__ = ["ContentFilter", "ContentFilterResults", "FilterCategory", "content_filter", "prompt_filters"]


@dataclass(frozen=True)
class FilterCategory:
    """One content-filter category: whether it filtered, the severity (``safe`` ... ``high``) or detection."""

    name: str
    filtered: bool
    severity: str | None = None
    detected: bool | None = None
    raw: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_json(cls, name: str, data: Any) -> FilterCategory:
        """Build from one category's JSON (an object, or a list of blocklist hits)."""
        if isinstance(data, dict):
            detected = data.get("detected")
            return cls(
                name=name,
                filtered=bool(data.get("filtered", False)),
                severity=data.get("severity"),
                detected=bool(detected) if detected is not None else None,
                raw=data,
            )
        if isinstance(data, list):  # custom_blocklists in newer api-versions: [{"filtered": ..., "id": ...}]
            return cls(name=name, filtered=any(isinstance(d, dict) and d.get("filtered") for d in data), raw=data)
        return cls(name=name, filtered=False, raw=data)


@dataclass(frozen=True)
class ContentFilterResults:
    """The content-filter verdicts for one prompt or completion, by category (``hate``, ``violence``, ...)."""

    categories: Mapping[str, FilterCategory]
    error: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ContentFilterResults:
        """Build from a ``content_filter_results`` JSON object (an ``error`` entry means filtering failed)."""
        error = data.get("error")
        categories = {name: FilterCategory.from_json(name, value) for name, value in data.items() if name != "error"}
        return cls(categories=categories, error=error if isinstance(error, dict) else None, raw=data)

    @property
    def filtered(self) -> tuple[str, ...]:
        """Names of the categories that were filtered."""
        return tuple(name for name, category in self.categories.items() if category.filtered)

    def __getitem__(self, name: str) -> FilterCategory:
        """The verdict for one category."""
        return self.categories[name]

    def __iter__(self) -> Iterator[str]:
        """The category names."""
        return iter(self.categories)


# The typed view of a ContentFilterError's verdicts (errors import nothing, so results install it).
ContentFilterError.view = ContentFilterResults.from_json


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
