from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionRequestMessageUser")


@_attrs_define
class ChatCompletionRequestMessageUser:
    """
    Attributes:
        role (Literal['user']): Always `user`. Default: 'user'.
        content (list[ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartOther |
            ChatCompletionRequestMessageContentPartText] | None | str | Unset):
    """

    role: Literal["user"] = "user"
    content: (
        list[
            ChatCompletionRequestMessageContentPartImage
            | ChatCompletionRequestMessageContentPartOther
            | ChatCompletionRequestMessageContentPartText
        ]
        | None
        | str
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        content: list[dict[str, Any]] | None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item: dict[str, Any]
                if isinstance(content_type_1_item_data, ChatCompletionRequestMessageContentPartText) or isinstance(
                    content_type_1_item_data, ChatCompletionRequestMessageContentPartImage
                ):
                    content_type_1_item = content_type_1_item_data.to_dict()
                else:
                    content_type_1_item = content_type_1_item_data.to_dict()

                content.append(content_type_1_item)

        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
            }
        )
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            role = cast(Literal["user"], d.pop("role"))
            if role != "user":
                raise ValueError(f"role must match const 'user', got '{role}'")

            def _parse_content(
                data: object,
            ) -> (
                list[
                    ChatCompletionRequestMessageContentPartImage
                    | ChatCompletionRequestMessageContentPartOther
                    | ChatCompletionRequestMessageContentPartText
                ]
                | None
                | str
                | Unset
            ):
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    content_type_1 = []
                    _content_type_1 = data
                    for content_type_1_item_data in _content_type_1:

                        def _parse_content_type_1_item(
                            data: object,
                        ) -> (
                            ChatCompletionRequestMessageContentPartImage
                            | ChatCompletionRequestMessageContentPartOther
                            | ChatCompletionRequestMessageContentPartText
                        ):
                            try:
                                if not isinstance(data, dict):
                                    raise TypeError()
                                componentsschemaschat_completion_request_message_content_part_type_0 = (
                                    ChatCompletionRequestMessageContentPartText.from_dict(data)
                                )

                                return componentsschemaschat_completion_request_message_content_part_type_0
                            except (TypeError, ValueError, AttributeError, KeyError):
                                pass
                            try:
                                if not isinstance(data, dict):
                                    raise TypeError()
                                componentsschemaschat_completion_request_message_content_part_type_1 = (
                                    ChatCompletionRequestMessageContentPartImage.from_dict(data)
                                )

                                return componentsschemaschat_completion_request_message_content_part_type_1
                            except (TypeError, ValueError, AttributeError, KeyError):
                                pass
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemaschat_completion_request_message_content_part_type_2 = (
                                ChatCompletionRequestMessageContentPartOther.from_dict(data)
                            )

                            return componentsschemaschat_completion_request_message_content_part_type_2
                            raise TypeError(
                                f"expected ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartOther | ChatCompletionRequestMessageContentPartText, got {type(data).__name__}"
                            )

                        content_type_1_item = _parse_content_type_1_item(content_type_1_item_data)

                        content_type_1.append(content_type_1_item)

                    return content_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(
                    list[
                        ChatCompletionRequestMessageContentPartImage
                        | ChatCompletionRequestMessageContentPartOther
                        | ChatCompletionRequestMessageContentPartText
                    ]
                    | None
                    | str
                    | Unset,
                    data,
                )

            content = _parse_content(d.pop("content", UNSET))

            chat_completion_request_message_user = cls(
                role=role,
                content=content,
            )

            chat_completion_request_message_user.additional_properties = d
            return chat_completion_request_message_user

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


from ..models.chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
from ..models.chat_completion_request_message_content_part_other import ChatCompletionRequestMessageContentPartOther
from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText
