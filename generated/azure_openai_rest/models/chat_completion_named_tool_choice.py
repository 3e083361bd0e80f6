from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.chat_completion_named_tool_choice_type import ChatCompletionNamedToolChoiceType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionNamedToolChoice")


@_attrs_define
class ChatCompletionNamedToolChoice:
    """Specifies a tool the model should use. Use to force the model to call a specific function.

    Attributes:
        type_ (ChatCompletionNamedToolChoiceType | Unset): The type of the tool. Currently, only `function` is
            supported.
        function (ChatCompletionNamedToolChoiceFunction | Unset):
    """

    type_: ChatCompletionNamedToolChoiceType | Unset = UNSET
    function: ChatCompletionNamedToolChoiceFunction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = ChatCompletionNamedToolChoiceType(self.type_).value

        function: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function, Unset):
            function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
            _type_ = d.pop("type", UNSET)
            type_: ChatCompletionNamedToolChoiceType | Unset
            if isinstance(_type_, Unset):
                type_ = UNSET
            else:
                type_ = ChatCompletionNamedToolChoiceType._lookup(_type_)

            _function = d.pop("function", UNSET)
            function: ChatCompletionNamedToolChoiceFunction | Unset
            if isinstance(_function, Unset):
                function = UNSET
            else:
                function = ChatCompletionNamedToolChoiceFunction.from_dict(_function)

            chat_completion_named_tool_choice = cls(
                type_=type_,
                function=function,
            )

            chat_completion_named_tool_choice.additional_properties = d
            return chat_completion_named_tool_choice

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


from ..models.chat_completion_named_tool_choice_function import ChatCompletionNamedToolChoiceFunction
