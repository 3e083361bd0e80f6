"""Folding streamed chat chunks, as they arrive, into the JSON of the non-streamed chat completion."""

from __future__ import annotations

from typing import Any

_META_KEYS = frozenset(("id", "created", "model", "system_fingerprint"))
_CHOICE_KEYS = frozenset(("index", "delta", "finish_reason", "content_filter_results", "logprobs"))
_PLAIN_KEYS = frozenset(("choices", "object", *_META_KEYS))
_ABSENT: Any = object()


class _Parts(list[str]):
    """The string deltas of one field, joined at the end."""


def _own(value: Any) -> Any:
    """A copy that folding may change in place (the chunk itself stays as the caller's event has it)."""
    if isinstance(value, dict):
        return {k: _own(v) for k, v in value.items()}
    return list(value) if isinstance(value, list) else value


def _fold(into: dict[str, Any], key: str, value: Any, join: bool = True) -> None:
    """Fold ``value`` into ``into[key]``: objects merge, lists extend (logprobs), ``None`` changes nothing; strings
    concatenate when ``join`` (inside ``delta``), else the last one wins (a field each chunk repeats)."""
    old = into.get(key)
    if join and isinstance(value, str) and isinstance(old, (str, _Parts)):
        if isinstance(old, str):
            into[key] = old = _Parts((old,))
        old.append(value)
    elif isinstance(old, dict) and isinstance(value, dict):
        for k, v in value.items():
            _fold(old, k, v, join)
    elif isinstance(old, list) and isinstance(value, list):
        old.extend(value)
    elif value is not None or key not in into:
        into[key] = _own(value)


#: Azure's severities, mildest first; a value not listed ranks above them all, so no verdict is ranked away.
_SEVERITIES = {"safe": 0, "low": 1, "medium": 2, "high": 3}


def _worse(old: Any, new: Any) -> Any:
    """One filter category's verdict over two segments (the asynchronous filter judges each segment apart): the
    later one's fields, with ``filtered`` / ``detected`` true once either is and the higher severity."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return old if new is None else new
    worse = {**old, **new}
    for flag in ("filtered", "detected"):
        if old.get(flag) is True:
            worse[flag] = True
    rank = [-1 if s is None else _SEVERITIES.get(s, 4) for s in (old.get("severity"), new.get("severity"))]
    if rank[0] > rank[1]:
        worse["severity"] = old["severity"]
    return worse


def _joined(value: Any) -> Any:
    """``value`` with every ``_Parts`` joined into its string."""
    if isinstance(value, _Parts):
        return "".join(value)
    if isinstance(value, dict):
        return {k: _joined(v) for k, v in value.items()}
    return [_joined(v) for v in value] if isinstance(value, list) else value


class _Choice:
    __slots__ = ("extra", "filters", "finish_reason", "message", "parts", "tool_calls")

    def __init__(self) -> None:
        self.parts: list[str] = []  # the content deltas; none: the message says null (a tool-call-only reply)
        self.message: dict[str, Any] = {"role": "assistant"}
        self.tool_calls: dict[int, dict[str, Any]] = {}
        self.finish_reason: str | None = None
        self.filters: dict[str, Any] | None = None
        self.extra: dict[str, Any] = {}  # logprobs and the keys the spec does not list

    def add(self, choice: dict[str, Any]) -> None:
        delta = choice.get("delta")
        if delta:
            content = delta.get("content")
            if content.__class__ is str:  # what joining needs, checked as cheaply as `is not None` was
                self.parts.append(content)
            elif content is not None:
                raise TypeError(f"delta content {content!r} is not a string")
            if len(delta) > 1 or content is None:
                self._add_delta(delta)
        if choice.get("finish_reason") is not None:
            self.finish_reason = choice["finish_reason"]
        filters = choice.get("content_filter_results")
        if filters is not None and filters != self.filters:  # usually each chunk repeats the verdicts: no merging
            if self.filters is None:
                self.filters = {}
            for category, verdict in filters.items():  # per category the worst verdict of any chunk
                old = self.filters.get(category)
                self.filters[category] = verdict if old is None or old == verdict else _worse(old, verdict)
        logprobs = choice.get("logprobs", _ABSENT)  # often null in every chunk: skip _fold's call then
        if logprobs is not _ABSENT and (logprobs is not None or "logprobs" not in self.extra):
            _fold(self.extra, "logprobs", logprobs, join=False)
        if not _CHOICE_KEYS.issuperset(choice):
            for key, value in choice.items():
                if key == "content_filter_offsets":  # each annotated segment's, as a list: one per verdict above
                    if value is not None:
                        self.extra.setdefault(key, []).append(value)
                elif key not in _CHOICE_KEYS:
                    _fold(self.extra, key, value, join=False)

    def _add_delta(self, delta: dict[str, Any]) -> None:
        for name, part in delta.items():
            if name == "role":
                self.message["role"] = part or self.message["role"]
            elif name == "tool_calls":
                for call in part or ():
                    self._add_tool_call(call)
            elif name != "content":
                _fold(self.message, name, part)

    def _add_tool_call(self, call: dict[str, Any]) -> None:
        index = call.get("index")
        if index is None:
            index = len(self.tool_calls)
        slot = self.tool_calls.get(index)
        if slot is None:
            if type(index) is not int:  # to_json() sorts the indexes: checked once per tool call, not per event
                raise TypeError(f"tool call index {index!r} is not an integer")
            slot = self.tool_calls[index] = {"id": None, "type": "function", "function": {"name": "", "arguments": ""}}
        for key, value in call.items():
            if key == "function":
                for name, part in (value or {}).items():
                    _fold(slot["function"], name, part)
            elif key != "index" and value is not None:
                slot[key] = value

    def to_json(self, index: int) -> dict[str, Any]:
        message = {"role": self.message["role"], "content": "".join(self.parts) if self.parts else None, **self.message}
        if self.tool_calls:
            message["tool_calls"] = [self.tool_calls[i] for i in sorted(self.tool_calls)]
        choice: dict[str, Any] = {"index": index, "message": message, "finish_reason": self.finish_reason}
        if self.filters is not None:
            choice["content_filter_results"] = self.filters
        joined: dict[str, Any] = _joined({**choice, **self.extra})
        return joined


class ChatAccumulator:
    """Folds chunk dicts in; ``to_json()`` is the non-streamed ``chat.completion`` JSON of what arrived.
    ``add`` raises TypeError, AttributeError or ValueError for a field of a type it cannot fold; to_json() cannot."""

    __slots__ = ("_choices", "_meta", "_prompt_filters", "_settled", "_usage", "events")

    def __init__(self) -> None:
        self._choices: dict[int, _Choice] = {}
        self._meta: dict[str, Any] = {}
        self._prompt_filters: list[Any] | None = None
        self._usage: Any = None
        self._settled = False  # every meta key has its real value: a plain chunk has nothing more at the top
        self.events = 0

    def add(self, chunk: dict[str, Any]) -> None:
        """Fold one chunk in (this runs once per streamed event: the common chunk takes the short way)."""
        self.events += 1
        for choice in chunk.get("choices") or ():
            index = choice.get("index") or 0
            state = self._choices.get(index)
            if state is None:
                if type(index) is not int:  # to_json() sorts the indexes: checked once per choice, not per event
                    raise TypeError(f"choice index {index!r} is not an integer")
                state = self._choices[index] = _Choice()
            state.add(choice)
        if not self._settled or not _PLAIN_KEYS.issuperset(chunk):
            self._add_top(chunk)

    def _add_top(self, chunk: dict[str, Any]) -> None:
        for key, value in chunk.items():
            if key in _META_KEYS:
                if value or key not in self._meta:  # the prompt-filter chunk carries "" / 0: keep the real values
                    self._meta[key] = value
            elif key in ("prompt_filter_results", "prompt_annotations"):
                if value:
                    self._prompt_filters = (self._prompt_filters or []) + value
            elif key == "usage":
                self._usage = value if value is not None else self._usage
            elif key not in ("choices", "object"):
                _fold(self._meta, key, value, join=False)
        self._settled = all(self._meta.get(key) for key in _META_KEYS)

    @property
    def finished(self) -> bool:
        """Whether every choice seen so far has a finish_reason (and there was at least one)."""
        return bool(self._choices) and all(c.finish_reason is not None for c in self._choices.values())

    def to_json(self) -> dict[str, Any]:
        """The accumulated result in the shape of a non-streamed chat completion."""
        result: dict[str, Any] = _joined(self._meta)
        result["object"] = "chat.completion"
        result["choices"] = [self._choices[i].to_json(i) for i in sorted(self._choices)]
        if self._prompt_filters is not None:
            result["prompt_filter_results"] = self._prompt_filters
        if self._usage is not None:
            result["usage"] = self._usage
        return result
