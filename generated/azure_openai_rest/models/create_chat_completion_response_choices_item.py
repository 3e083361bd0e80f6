from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateChatCompletionResponseChoicesItem")


@_attrs_define
class CreateChatCompletionResponseChoicesItem:
    """
    Attributes:
        index (int | None | Unset):
        finish_reason (None | str | Unset):
        message (ChatCompletionResponseMessage | None | Unset):
        content_filter_results (ContentFilterChoiceResults | None | Unset):
    """

    index: int | None | Unset = UNSET
    finish_reason: None | str | Unset = UNSET
    message: ChatCompletionResponseMessage | None | Unset = UNSET
    content_filter_results: ContentFilterChoiceResults | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        finish_reason: None | str | Unset
        if isinstance(self.finish_reason, Unset):
            finish_reason = UNSET
        else:
            finish_reason = self.finish_reason

        message: dict[str, Any] | None | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        elif isinstance(self.message, ChatCompletionResponseMessage):
            message = self.message.to_dict()
        else:
            message = self.message

        content_filter_results: dict[str, Any] | None | Unset
        if isinstance(self.content_filter_results, Unset):
            content_filter_results = UNSET
        elif isinstance(self.content_filter_results, ContentFilterChoiceResults):
            content_filter_results = self.content_filter_results.to_dict()
        else:
            content_filter_results = self.content_filter_results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
        if finish_reason is not UNSET:
            field_dict["finish_reason"] = finish_reason
        if message is not UNSET:
            field_dict["message"] = message
        if content_filter_results is not UNSET:
            field_dict["content_filter_results"] = content_filter_results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            index: int | None | Unset = d.pop("index", UNSET)

            finish_reason: None | str | Unset = d.pop("finish_reason", UNSET)

            message: ChatCompletionResponseMessage | None | Unset
            _message = d.pop("message", UNSET)
            if _message is None or isinstance(_message, Unset):
                message = _message
            else:
                if not isinstance(_message, dict):
                    raise TypeError(
                        f"expected ChatCompletionResponseMessage | None | Unset, got {type(_message).__name__}"
                    )
                try:
                    message_type_0 = ChatCompletionResponseMessage.from_dict(_message)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ChatCompletionResponseMessage | None | Unset, got {type(_message).__name__}"
                    ) from None
                message = message_type_0

            content_filter_results: ContentFilterChoiceResults | None | Unset
            _content_filter_results = d.pop("content_filter_results", UNSET)
            if _content_filter_results is None or isinstance(_content_filter_results, Unset):
                content_filter_results = _content_filter_results
            else:
                if not isinstance(_content_filter_results, dict):
                    raise TypeError(
                        f"expected ContentFilterChoiceResults | None | Unset, got {type(_content_filter_results).__name__}"
                    )
                try:
                    content_filter_results_type_0 = ContentFilterChoiceResults.from_dict(_content_filter_results)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterChoiceResults | None | Unset, got {type(_content_filter_results).__name__}"
                    ) from None
                content_filter_results = content_filter_results_type_0

            create_chat_completion_response_choices_item = cls(
                index=index,
                finish_reason=finish_reason,
                message=message,
                content_filter_results=content_filter_results,
            )

            create_chat_completion_response_choices_item.additional_properties = d
            return create_chat_completion_response_choices_item

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


from ..models.chat_completion_response_message import ChatCompletionResponseMessage
from ..models.content_filter_choice_results import ContentFilterChoiceResults
