from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionRequestMessageTool")


@_attrs_define
class ChatCompletionRequestMessageTool:
    """
    Attributes:
        role (Literal['tool']): Always `tool`. Default: 'tool'.
        tool_call_id (str | Unset): Tool call that this message is responding to.
        content (None | str | Unset): The contents of the message.
    """

    role: Literal["tool"] = "tool"
    tool_call_id: str | Unset = UNSET
    content: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        tool_call_id = self.tool_call_id

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
            }
        )
        if tool_call_id is not UNSET:
            field_dict["tool_call_id"] = tool_call_id
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            role = cast(Literal["tool"], d.pop("role"))
            if role != "tool":
                raise ValueError(f"role must match const 'tool', got '{role}'")

            tool_call_id = d.pop("tool_call_id", UNSET)

            content: None | str | Unset = d.pop("content", UNSET)

            chat_completion_request_message_tool = cls(
                role=role,
                tool_call_id=tool_call_id,
                content=content,
            )

            chat_completion_request_message_tool.additional_properties = d
            return chat_completion_request_message_tool

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
