"""Tools: JSON schemas from Python functions (signature and docstring), and the tool-call loop as one flow."""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Union

from .._errors import APIConnectionError, APIStatusError, AzureOpenAIError, ConfigurationError, InvalidArgumentError
from .._flow import Call, Flow, Gather
from .._results.chat import ChatResult
from .._results.info import Usage
from .flows import chat_flow
from .messages import Messages, assistant_turn, to_wire_messages, tool_message

if TYPE_CHECKING:
    from typing_extensions import Required

    from .flows import ChatParams

    class ToolsParams(ChatParams, total=False):
        """``run_tools``' keywords: ``tools`` takes functions and ``Tool``s too; ``max_rounds`` (default 8)."""

        tools: Required[Sequence[ToolSpec]]  # type: ignore[misc]  # wider than the request's schemas
        max_rounds: int


__all__ = ["Tool", "ToolLoopError", "ToolRun", "tool_schema"]

#: How much of a tool's error or of bad arguments goes back to the model.
_ERROR_CHARS = 500

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
}
_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")

#: What ``tools=`` takes: functions, ``Tool``s, or schema dicts.
ToolSpec = Union["Tool", Callable[..., Any], Mapping[str, Any]]


class ToolLoopError(AzureOpenAIError):
    """The model still asked for tools after ``max_rounds`` calls; ``.partial`` is the run (a ``ToolRun``),
    ``.messages`` and ``.result`` its messages and last result."""

    def __init__(self, message: str, *, partial: ToolRun) -> None:
        super().__init__(message)
        self.partial = partial
        self.messages = partial.messages
        self.result = partial.result


def _annotation_schema(annotation: Any, where: str) -> dict[str, Any]:
    """The JSON schema of one annotation; ``TypeError`` naming ``where`` when it has none."""
    if annotation in _SCALARS:
        return dict(_SCALARS[annotation])
    if annotation is Any or annotation is inspect.Parameter.empty:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _annotation_schema(options[0], where)  # Optional[X]: optional through its default
        return {"anyOf": [_annotation_schema(a, where) for a in args]}
    if origin in (list, tuple, set, frozenset, Sequence) or annotation in (list, tuple, set):
        schema: dict[str, Any] = {"type": "array"}
        if args:
            schema["items"] = _annotation_schema(args[0], where)
        return schema
    if origin in (dict, Mapping) or annotation is dict:
        schema = {"type": "object"}
        if len(args) == 2:
            schema["additionalProperties"] = _annotation_schema(args[1], where)
        return schema
    raise InvalidArgumentError(
        f"{where}: no JSON schema for the annotation {annotation!r}; annotate with str, int, float, bool, "
        "list[...], dict[str, ...], Literal[...], an Enum or Optional[...], or pass the schema yourself: "
        "Tool(fn, parameters={...})"
    )


def _docstring_parts(doc: str) -> tuple[str, dict[str, str]]:
    """``(description, {param: description})`` from a Google-style or Sphinx-style docstring."""
    doc = inspect.cleandoc(doc)
    params: dict[str, str] = {}
    for match in re.finditer(r"^:param\s+(?:[^:\s]+\s+)?(\w+):\s*(.+)$", doc, re.MULTILINE):
        params[match.group(1)] = match.group(2).strip()
    section = re.search(r"^(?:Args|Arguments|Parameters):\s*\n((?:[ \t]+.*\n?|\s*\n)+)", doc, re.MULTILINE)
    if section:
        current = None
        for line in section.group(1).splitlines():
            item = re.match(r"^\s+(\*{0,2}\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$", line)
            if item:
                current = item.group(1).lstrip("*")
                params[current] = item.group(2).strip()
            elif current and line.strip():
                params[current] = (params[current] + " " + line.strip()).strip()
    description = re.split(
        r"\n\s*\n|^(?:Args|Arguments|Parameters|Returns|Raises):|^:param", doc, maxsplit=1, flags=re.M
    )[0]
    return " ".join(description.split()), params


def _parameters_schema(fn: Callable[..., Any], name: str, param_docs: dict[str, str]) -> dict[str, Any]:
    """The JSON schema of ``fn``'s parameters, from its signature (annotations, defaults) and their docs."""
    try:
        hints = typing.get_type_hints(fn)
    except Exception as exc:  # unresolvable forward references
        raise InvalidArgumentError(
            f"tool {name}: cannot read its annotations ({exc}); pass the schema: Tool(fn, parameters=...)"
        ) from exc
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in inspect.signature(fn).parameters.values():
        if param.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            continue
        if param.kind is inspect.Parameter.POSITIONAL_ONLY:
            raise InvalidArgumentError(
                f"tool {name}: parameter {param.name} is positional-only; tools are called with keywords"
            )
        schema = _annotation_schema(
            hints.get(param.name, inspect.Parameter.empty), f"tool {name}, parameter {param.name}"
        )
        if param.name in param_docs:
            schema["description"] = param_docs[param.name]
        if param.default is inspect.Parameter.empty:
            required.append(param.name)
        elif isinstance(param.default, enum.Enum):
            schema["default"] = param.default.value
        elif isinstance(param.default, (str, int, float, bool)) or param.default is None:
            schema["default"] = param.default
        properties[param.name] = schema
    parameters: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        parameters["required"] = required
    return parameters


def tool_schema(fn: Callable[..., Any], *, name: str | None = None, description: str | None = None) -> dict[str, Any]:
    """The ``tools`` entry for a Python function, from its signature and docstring."""
    return Tool(fn, name or "", description).schema


@dataclass(repr=False)
class Tool:
    """A tool: a Python function and its schema (built from the function unless ``parameters`` is given)."""

    fn: Callable[..., Any] | None
    name: str = ""
    description: str | None = None
    parameters: dict[str, Any] | None = None
    schema: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        if self.fn is None and self.parameters is None:
            raise ConfigurationError("a Tool needs a function, a parameters schema, or both")
        self.name = name = str(self.name or getattr(self.fn, "__name__", ""))
        if not _NAME.match(name):
            raise ConfigurationError(f"tool name {name!r} must be 1-64 letters, digits, '_' or '-'; pass name=...")
        doc, parameters = "", self.parameters
        if self.fn is not None:
            doc, param_docs = _docstring_parts(inspect.getdoc(self.fn) or "")
            parameters = parameters if parameters is not None else _parameters_schema(self.fn, name, param_docs)
        function: dict[str, Any] = {"name": name, "parameters": parameters}
        description = self.description if self.description is not None else doc
        if description:
            function["description"] = description
        self.schema = {"type": "function", "function": function}

    def __repr__(self) -> str:
        """The tool's name and whether it has a function."""
        return f"Tool({self.name!r}, fn={getattr(self.fn, '__name__', None)!r})"

    @classmethod
    def of(cls, spec: ToolSpec) -> Tool:
        """A ``Tool`` from a function, a ``Tool``, or a schema dict (``{"type": "function", "function": {...}}``)."""
        if isinstance(spec, Tool):
            return spec
        if isinstance(spec, Mapping):
            function = spec.get("function") if spec.get("type") == "function" else None
            if not isinstance(function, Mapping) or "name" not in function:
                raise ConfigurationError(
                    "a tool schema must look like {'type': 'function', 'function': {'name': ..., 'parameters': ...}}, "
                    f"got {dict(spec)!r:.100}"
                )
            tool = cls(None, function["name"], function.get("description"), dict(function.get("parameters") or {}))
            tool.schema = {"type": "function", "function": dict(function)}  # sent as given
            return tool
        if callable(spec):
            return cls(spec)
        raise InvalidArgumentError(f"tools must be functions, Tool(...) or schema dicts, got {type(spec).__name__}")


@dataclass
class ToolRun:
    """The outcome of ``run_tools``: every round's chat result (``results``, one per chat call) and every message."""

    results: list[ChatResult]
    messages: list[dict[str, Any]] = field(repr=False)

    @property
    def result(self) -> ChatResult:
        """The last round's result: the final answer, or the tool calls left to the caller."""
        return self.results[-1]

    @property
    def rounds(self) -> int:
        """The number of chat calls."""
        return len(self.results)

    @property
    def text(self) -> str | None:
        """The final answer's text."""
        return self.result.text

    @property
    def usage(self) -> Usage | None:
        """The token counts of every round, summed (``None`` when the service sent none); each round's in
        ``results``."""
        counts = [result.usage for result in self.results if result.usage is not None]
        if not counts:
            return None
        names = ("prompt_tokens", "completion_tokens", "total_tokens")
        prompt, completion, total = (sum(getattr(usage, name) or 0 for usage in counts) for name in names)
        return Usage(prompt, completion, total)


def _toolbox(tools: Sequence[ToolSpec], awaits: bool) -> dict[str, Tool]:
    """The tools of a run by name; the sync client refuses async functions up front."""
    if isinstance(tools, (Mapping, str)) or callable(tools) or not isinstance(tools, Iterable):
        raise InvalidArgumentError("tools= takes a list: tools=[my_function, ...]")
    box: dict[str, Tool] = {}
    for tool in map(Tool.of, tools):
        if tool.name in box:
            raise ConfigurationError(f"two tools are named {tool.name!r}; give one a name: Tool(fn, name=...)")
        if not awaits and inspect.iscoroutinefunction(tool.fn):
            raise InvalidArgumentError(f"tool {tool.name} is an async function; run it with AsyncAzureOpenAI.run_tools")
        box[tool.name] = tool
    if not box:
        raise ConfigurationError("run_tools needs at least one tool")
    return box


def _step(box: dict[str, Tool], call: Mapping[str, Any]) -> Call:
    """The step calling the function ``call`` names; when it cannot run, a step giving the error text to send."""
    function = call.get("function") or {}
    tool = box.get(function.get("name") or "")
    if tool is None or tool.fn is None:
        return _said(f"error: there is no tool named {function.get('name')!r}; the tools are: {', '.join(box)}")
    raw = function.get("arguments") or "{}"
    try:
        arguments = json.loads(raw)
    except ValueError as exc:
        return _said(f"error: the arguments are not valid JSON ({exc}): {raw[:_ERROR_CHARS]}")
    if not isinstance(arguments, dict):
        return _said(f"error: the arguments must be a JSON object, got: {raw[:_ERROR_CHARS]}")
    try:
        arguments = _coerce_enums(tool.fn, arguments)
    except ValueError as exc:
        return _said(f"error: {exc}")
    return Call(functools.partial(tool.fn, **arguments))


def _said(text: str) -> Call:
    """A step whose outcome is ``text``: a call that cannot run answers the model with what is wrong."""
    return Call(str, (text,))


def _answer(call: Mapping[str, Any], outcome: object) -> dict[str, Any]:
    """The ``tool`` message answering ``call``: the function's result, or the text of the exception it raised."""
    if isinstance(outcome, Exception):
        outcome = f"error: {type(outcome).__name__}: {outcome}"[:_ERROR_CHARS]
    return tool_message(str(call.get("id")), outcome)


def _coerce_enums(fn: Callable[..., Any], arguments: dict[str, Any]) -> dict[str, Any]:
    """Enum-annotated arguments arrive as their values; the function gets the members."""
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # the schema was given by hand: pass the arguments as they are
        return arguments
    return {name: _members(hints.get(name), value, name) for name, value in arguments.items()}


def _members(hint: Any, value: Any, name: str) -> Any:
    """``value`` with the enum values ``hint`` declares as members, also inside an Optional, a union, a list or a
    dict's values; ``ValueError`` naming argument ``name`` for a value that is no member."""
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in hint)
            raise ValueError(f"argument {name} must be one of {allowed}, got {value!r}") from None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType) and value is not None:
        *firsts, last = [a for a in args if a is not type(None)]
        for option in firsts:  # the first option the value fits, in the order declared
            with contextlib.suppress(ValueError):
                return _members(option, value, name)
        return _members(last, value, name)
    if origin in (list, tuple, set, frozenset, Sequence) and args and isinstance(value, list):
        return [_members(args[0], item, name) for item in value]
    if origin in (dict, Mapping) and len(args) == 2 and isinstance(value, dict):
        return {key: _members(args[1], item, name) for key, item in value.items()}
    return value


def tools_flow(messages_or_text: Messages, params: Mapping[str, Any], *, awaits: bool) -> Flow[ToolRun]:
    """The tool-call loop; a round's calls are one ``Gather`` (``awaits``: the async client, which awaits them)."""
    params = dict(params)
    box = _toolbox(params.pop("tools", ()), awaits)
    max_rounds = params.pop("max_rounds", 8)
    if isinstance(max_rounds, bool) or not isinstance(max_rounds, int) or max_rounds < 1:  # True is an int too
        raise ConfigurationError(
            f"max_rounds must be a positive int (the most chat calls of the run), got {max_rounds!r}"
        )
    messages = to_wire_messages(messages_or_text, system=params.get("system"))
    params = {**params, "system": None, "tools": [tool.schema for tool in box.values()]}
    results: list[ChatResult] = []
    while True:
        try:
            result = yield from chat_flow(messages, params)
        except (APIStatusError, APIConnectionError) as exc:
            if results:  # a later round: the rounds paid for and the tools' results travel with the error
                exc.partial = ToolRun(results, messages)
            raise
        results.append(result)
        if params.get("tool_choice") not in (None, "auto", "none"):  # forced once, else the model never answers
            params["tool_choice"] = "auto"
        messages.append(assistant_turn(result))
        calls = [dict(call) for call in messages[-1].get("tool_calls") or []]
        names = [(call.get("function") or {}).get("name") for call in calls]
        if not calls or any(name in box and box[name].fn is None for name in names):  # the caller's to run
            return ToolRun(results, messages)
        if len(results) == max_rounds:
            raise ToolLoopError(
                f"the model still asked for tools after {max_rounds} rounds; raise max_rounds, or pass "
                "tool_choice='none' to make it answer; the run so far is in .partial",
                partial=ToolRun(results, messages),
            )
        outcomes = yield Gather([_step(box, call) for call in calls])
        messages.extend(_answer(call, outcome) for call, outcome in zip(calls, outcomes, strict=True))
