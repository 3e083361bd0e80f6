"""Turning streamed chat chunks (plain dicts) into the JSON of the equivalent non-streamed chat completion.

Azure's stream has quirks this handles: a first chunk with only ``prompt_filter_results`` (empty ``choices``,
blank ``id``/``model``); ``delta`` null; content-filter results in chunks of their own (with asynchronous
filtering); On Your Data ``context`` in a delta. Keys this code does not know are kept, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_META_KEYS = ("id", "created", "model", "system_fingerprint")
#: Chunk keys ``add`` reads directly; any other key goes through the generic merge.
_TOP_KEYS = frozenset(("choices", "object", *_META_KEYS))
_PLAIN_CHOICE_KEYS = frozenset(("index", "delta", "finish_reason", "content_filter_results", "logprobs"))
_ABSENT: Any = object()


def _merge_unknown(into: dict[str, Any], key: str, value: Any) -> None:
    """Keep a field this code does not know: strings concatenate (deltas), objects merge, lists extend."""
    old = into.get(key)
    if isinstance(old, str) and isinstance(value, str):
        into[key] = old + value
    elif isinstance(old, dict) and isinstance(value, dict):
        merged = dict(old)
        for k, v in value.items():
            _merge_unknown(merged, k, v)
        into[key] = merged
    elif isinstance(old, list) and isinstance(value, list):
        into[key] = old + value
    elif value is not None or key not in into:
        into[key] = value


class _Choice:
    __slots__ = (
        "extra",
        "filters",
        "finish_reason",
        "function_call",
        "logprobs",
        "message_extra",
        "parts",
        "role",
        "tool_calls",
    )

    def __init__(self) -> None:
        self.parts: list[str] = []  # empty: no content arrived, and the message says null (tool-call-only replies)
        self.role: str | None = None
        self.tool_calls: dict[int, dict[str, Any]] = {}
        self.function_call: dict[str, Any] | None = None
        self.message_extra: dict[str, Any] = {}
        self.finish_reason: str | None = None
        self.filters: dict[str, Any] | None = None
        self.logprobs: Any = _ABSENT
        self.extra: dict[str, Any] = {}

    def add_delta(self, delta: dict[str, Any]) -> None:
        for key, value in delta.items():
            if key == "content":
                if value is not None:
                    self.parts.append(value)
            elif key == "role":
                if value:
                    self.role = value
            elif key == "tool_calls":
                if value:
                    for call in value:
                        self._add_tool_call(call)
            elif key == "function_call":
                if value:
                    self._add_function_call(value)
            else:
                _merge_unknown(self.message_extra, key, value)

    def _add_tool_call(self, call: dict[str, Any]) -> None:
        index = call.get("index")
        if index is None:
            index = len(self.tool_calls)
        slot = self.tool_calls.get(index)
        if slot is None:
            slot = self.tool_calls[index] = {"id": None, "type": "function", "function": {"name": "", "arguments": ""}}
        for key, value in call.items():
            if key == "index":
                continue
            if key == "function":
                if value:
                    function = slot["function"]
                    for fkey, fvalue in value.items():
                        if fvalue is not None:
                            function[fkey] = (
                                (function.get(fkey) or "") + fvalue if fkey in ("name", "arguments") else fvalue
                            )
            elif value is not None:
                slot[key] = value

    def _add_function_call(self, value: dict[str, Any]) -> None:
        if self.function_call is None:
            self.function_call = {"name": "", "arguments": ""}
        for key, part in value.items():
            if part is not None:
                old = self.function_call.get(key)
                self.function_call[key] = old + part if isinstance(old, str) and isinstance(part, str) else part

    def add_logprobs(self, value: Any) -> None:
        """Token log probabilities: the ``content`` lists of the chunks join into one."""
        old = self.logprobs
        if isinstance(old, dict) and isinstance(value, dict):
            merged = dict(old)
            for name, items in value.items():
                prev = merged.get(name)
                merged[name] = prev + items if isinstance(prev, list) and isinstance(items, list) else items
            self.logprobs = merged
        elif value is not None or old is _ABSENT:
            self.logprobs = value

    def add_other(self, choice: dict[str, Any]) -> None:
        """Choice keys the spec does not list: kept (strings concatenate, objects merge, lists extend)."""
        for key, value in choice.items():
            if key not in _PLAIN_CHOICE_KEYS:
                _merge_unknown(self.extra, key, value)

    def to_json(self, index: int) -> dict[str, Any]:
        message: dict[str, Any] = {
            "role": self.role or "assistant",
            "content": "".join(self.parts) if self.parts else None,
        }
        if self.tool_calls:
            message["tool_calls"] = [self.tool_calls[i] for i in sorted(self.tool_calls)]
        if self.function_call is not None:
            message["function_call"] = self.function_call
        message.update(self.message_extra)
        choice: dict[str, Any] = {"index": index, "message": message, "finish_reason": self.finish_reason}
        if self.filters is not None:
            choice["content_filter_results"] = self.filters
        if self.logprobs is not _ABSENT:
            choice["logprobs"] = self.logprobs
        choice.update(self.extra)
        return choice


class ChatAccumulator:
    """Accumulates chunk dicts; ``to_json()`` is the non-streamed ``chat.completion`` JSON of what arrived."""

    __slots__ = ("_choices", "_meta", "_meta_done", "_prompt_filters", "_usage", "events")

    def __init__(self) -> None:
        self._choices: dict[int, _Choice] = {}
        self._meta: dict[str, Any] = {}
        self._meta_done = False
        self._prompt_filters: list[Any] | None = None
        self._usage: Any = None
        self.events = 0

    def add(self, chunk: dict[str, Any]) -> None:
        """Fold one chunk in."""
        self.extend((chunk,))

    def extend(self, chunks: Iterable[dict[str, Any]]) -> None:
        """Fold chunks in, in order (one tight loop: this runs once per streamed event)."""
        states = self._choices
        for chunk in chunks:
            self.events += 1
            if not self._meta_done:
                self._add_meta(chunk)
            choices = chunk.get("choices")
            if choices:
                for choice in choices:
                    index = choice.get("index") or 0
                    state = states.get(index)
                    if state is None:
                        state = states[index] = _Choice()
                    delta = choice.get("delta")
                    if delta:
                        if len(delta) == 1 and "content" in delta:
                            content = delta["content"]
                            if content is not None:
                                state.parts.append(content)
                        else:
                            state.add_delta(delta)
                    finish_reason = choice.get("finish_reason")
                    if finish_reason is not None:
                        state.finish_reason = finish_reason
                    filters = choice.get("content_filter_results")
                    if filters is not None:
                        if state.filters is None:
                            state.filters = dict(filters)
                        else:  # per category the latest verdict (the service stops once something is filtered)
                            state.filters.update(filters)
                    logprobs = choice.get("logprobs", _ABSENT)
                    if logprobs is not _ABSENT and (logprobs is not None or state.logprobs is _ABSENT):
                        state.add_logprobs(logprobs)
                    if not _PLAIN_CHOICE_KEYS.issuperset(choice):
                        state.add_other(choice)
            if not _TOP_KEYS.issuperset(chunk):
                self._add_other(chunk)

    def _add_meta(self, chunk: dict[str, Any]) -> None:
        meta = self._meta
        for key in _META_KEYS:
            if key in chunk:
                value = chunk[key]
                if value or key not in meta:  # the prompt-filter chunk carries "" / 0: keep the real values
                    meta[key] = value
        self._meta_done = all(meta.get(key) for key in _META_KEYS)

    def _add_other(self, chunk: dict[str, Any]) -> None:
        for key, value in chunk.items():
            if key in _META_KEYS:
                if self._meta_done and value and value != self._meta.get(key):
                    self._meta[key] = value
            elif key in ("prompt_filter_results", "prompt_annotations"):
                if value:
                    self._prompt_filters = (self._prompt_filters or []) + value
            elif key == "usage":
                if value is not None:
                    self._usage = value
            elif key not in _TOP_KEYS:
                _merge_unknown(self._meta, key, value)

    @property
    def finished(self) -> bool:
        """Whether every choice seen so far has a finish_reason (and there was at least one)."""
        return bool(self._choices) and all(c.finish_reason is not None for c in self._choices.values())

    def to_json(self) -> dict[str, Any]:
        """The accumulated result in the shape of a non-streamed chat completion."""
        result: dict[str, Any] = dict(self._meta)
        result["object"] = "chat.completion"
        result["choices"] = [self._choices[i].to_json(i) for i in sorted(self._choices)]
        if self._prompt_filters is not None:
            result["prompt_filter_results"] = self._prompt_filters
        if self._usage is not None:
            result["usage"] = self._usage
        return result
