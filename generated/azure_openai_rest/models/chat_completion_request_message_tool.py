from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError

T = TypeVar("T", bound="ChatCompletionRequestMessageTool")


@_attrs_define
class ChatCompletionRequestMessageTool:
    """
    Attributes:
        role (Literal['tool']): Always `tool`. Default: 'tool'.
        tool_call_id (str): Tool call that this message is responding to.
        content (None | str): The contents of the message.
    """

    tool_call_id: str
    content: None | str
    role: Literal["tool"] = "tool"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        tool_call_id = self.tool_call_id

        content: None | str
        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "tool_call_id": tool_call_id,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            return cls._from_dict(src_dict)  # type: ignore[attr-defined, no-any-return]
        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @classmethod
    def _from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = cast(Literal["tool"], d.pop("role"))
        if role != "tool":
            raise ValueError(f"role must match const 'tool', got '{role}'")

        tool_call_id = d.pop("tool_call_id")

        def _parse_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content = _parse_content(d.pop("content"))

        chat_completion_request_message_tool = cls(
            role=role,
            tool_call_id=tool_call_id,
            content=content,
        )

        chat_completion_request_message_tool.additional_properties = d
        return chat_completion_request_message_tool

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
