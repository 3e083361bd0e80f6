from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.tool_call_type import ToolCallType
from ..types import UNSET, Unset

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
            d = dict(src_dict)
            id: None | str | Unset = d.pop("id", UNSET)

            type_: None | ToolCallType | Unset
            _type_ = d.pop("type", UNSET)
            if _type_ is None or isinstance(_type_, Unset):
                type_ = _type_
            else:
                if not isinstance(_type_, str):
                    raise TypeError(f"expected None | ToolCallType | Unset, got {type(_type_).__name__}")
                try:
                    type_type_0 = ToolCallType._lookup(_type_)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected None | ToolCallType | Unset, got {type(_type_).__name__}") from None
                type_ = type_type_0

            function: ChatCompletionMessageToolCallFunction | None | Unset
            _function = d.pop("function", UNSET)
            if _function is None or isinstance(_function, Unset):
                function = _function
            else:
                if not isinstance(_function, dict):
                    raise TypeError(
                        f"expected ChatCompletionMessageToolCallFunction | None | Unset, got {type(_function).__name__}"
                    )
                try:
                    function_type_0 = ChatCompletionMessageToolCallFunction.from_dict(_function)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ChatCompletionMessageToolCallFunction | None | Unset, got {type(_function).__name__}"
                    ) from None
                function = function_type_0

            chat_completion_message_tool_call = cls(
                id=id,
                type_=type_,
                function=function,
            )

            chat_completion_message_tool_call.additional_properties = d
            return chat_completion_message_tool_call

        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

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


from ..models.chat_completion_message_tool_call_function import ChatCompletionMessageToolCallFunction
