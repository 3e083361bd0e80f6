from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.tool_call_type import ToolCallType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_message_tool_call_function import ChatCompletionMessageToolCallFunction


T = TypeVar("T", bound="ChatCompletionMessageToolCall")


@_attrs_define
class ChatCompletionMessageToolCall:
    """
    Attributes:
        id (None | str | Unset): The ID of the tool call.
        type_ (None | ToolCallType | Unset):
        function (ChatCompletionMessageToolCallFunction | None | Unset):
    """

    id: None | str | Unset = UNSET
    type_: None | ToolCallType | Unset = UNSET
    function: ChatCompletionMessageToolCallFunction | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_completion_message_tool_call_function import ChatCompletionMessageToolCallFunction

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ToolCallType):
            type_ = ToolCallType(self.type_).value
        else:
            type_ = self.type_

        function: dict[str, Any] | None | Unset
        if isinstance(self.function, Unset):
            function = UNSET
        elif isinstance(self.function, ChatCompletionMessageToolCallFunction):
            function = self.function.to_dict()
        else:
            function = self.function

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if function is not UNSET:
            field_dict["function"] = function

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            return cls._from_dict(src_dict)  # type: ignore[attr-defined, no-any-return]
        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @classmethod
    def _from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_completion_message_tool_call_function import ChatCompletionMessageToolCallFunction

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_type_(data: object) -> None | ToolCallType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = ToolCallType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected None | ToolCallType | Unset, got {type(data).__name__}")

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_function(data: object) -> ChatCompletionMessageToolCallFunction | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                function_type_0 = ChatCompletionMessageToolCallFunction.from_dict(data)

                return function_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ChatCompletionMessageToolCallFunction | None | Unset, got {type(data).__name__}")

        function = _parse_function(d.pop("function", UNSET))

        chat_completion_message_tool_call = cls(
            id=id,
            type_=type_,
            function=function,
        )

        chat_completion_message_tool_call.additional_properties = d
        return chat_completion_message_tool_call

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
