from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionMessageToolCallChunk")


@_attrs_define
class ChatCompletionMessageToolCallChunk:
    """A streamed piece of a tool call; pieces with the same index belong together.

    Attributes:
        index (int | None | Unset):
        id (None | str | Unset): The ID of the tool call.
        type_ (None | str | Unset): The type of the tool. Currently `function`.
        function (ChatCompletionMessageToolCallChunkFunction | None | Unset):
    """

    index: int | None | Unset = UNSET
    id: None | str | Unset = UNSET
    type_: None | str | Unset = UNSET
    function: ChatCompletionMessageToolCallChunkFunction | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        function: dict[str, Any] | None | Unset
        if isinstance(self.function, Unset):
            function = UNSET
        elif isinstance(self.function, ChatCompletionMessageToolCallChunkFunction):
            function = self.function.to_dict()
        else:
            function = self.function

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
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
            index: int | None | Unset = d.pop("index", UNSET)

            id: None | str | Unset = d.pop("id", UNSET)

            type_: None | str | Unset = d.pop("type", UNSET)

            function: ChatCompletionMessageToolCallChunkFunction | None | Unset
            _function = d.pop("function", UNSET)
            if _function is None or isinstance(_function, Unset):
                function = _function
            else:
                if not isinstance(_function, dict):
                    raise TypeError(
                        f"expected ChatCompletionMessageToolCallChunkFunction | None | Unset, got {type(_function).__name__}"
                    )
                try:
                    function_type_0 = ChatCompletionMessageToolCallChunkFunction.from_dict(_function)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ChatCompletionMessageToolCallChunkFunction | None | Unset, got {type(_function).__name__}"
                    ) from None
                function = function_type_0

            chat_completion_message_tool_call_chunk = cls(
                index=index,
                id=id,
                type_=type_,
                function=function,
            )

            chat_completion_message_tool_call_chunk.additional_properties = d
            return chat_completion_message_tool_call_chunk

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


from ..models.chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction
