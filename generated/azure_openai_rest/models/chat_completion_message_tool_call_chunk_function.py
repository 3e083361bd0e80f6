from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionMessageToolCallChunkFunction")


@_attrs_define
class ChatCompletionMessageToolCallChunkFunction:
    """
    Attributes:
        name (None | str | Unset): The name of the function to call.
        arguments (None | str | Unset): A piece of the JSON arguments.
    """

    name: None | str | Unset = UNSET
    arguments: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        arguments: None | str | Unset
        if isinstance(self.arguments, Unset):
            arguments = UNSET
        else:
            arguments = self.arguments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if arguments is not UNSET:
            field_dict["arguments"] = arguments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            name: None | str | Unset = d.pop("name", UNSET)

            arguments: None | str | Unset = d.pop("arguments", UNSET)

            chat_completion_message_tool_call_chunk_function = cls(
                name=name,
                arguments=arguments,
            )

            chat_completion_message_tool_call_chunk_function.additional_properties = d
            return chat_completion_message_tool_call_chunk_function

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
