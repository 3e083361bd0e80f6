from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="CompletionsCreateResponse200ChoicesItem")


@_attrs_define
class CompletionsCreateResponse200ChoicesItem:
    """
    Attributes:
        text (None | str | Unset):
        index (int | None | Unset):
        logprobs (CompletionsCreateResponse200ChoicesItemLogprobs | None | Unset):
        finish_reason (None | str | Unset):
        content_filter_results (ContentFilterChoiceResults | None | Unset):
    """

    text: None | str | Unset = UNSET
    index: int | None | Unset = UNSET
    logprobs: CompletionsCreateResponse200ChoicesItemLogprobs | None | Unset = UNSET
    finish_reason: None | str | Unset = UNSET
    content_filter_results: ContentFilterChoiceResults | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        logprobs: dict[str, Any] | None | Unset
        if isinstance(self.logprobs, Unset):
            logprobs = UNSET
        elif isinstance(self.logprobs, CompletionsCreateResponse200ChoicesItemLogprobs):
            logprobs = self.logprobs.to_dict()
        else:
            logprobs = self.logprobs

        finish_reason: None | str | Unset
        if isinstance(self.finish_reason, Unset):
            finish_reason = UNSET
        else:
            finish_reason = self.finish_reason

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
        if text is not UNSET:
            field_dict["text"] = text
        if index is not UNSET:
            field_dict["index"] = index
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs
        if finish_reason is not UNSET:
            field_dict["finish_reason"] = finish_reason
        if content_filter_results is not UNSET:
            field_dict["content_filter_results"] = content_filter_results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            text: None | str | Unset = d.pop("text", UNSET)

            index: int | None | Unset = d.pop("index", UNSET)

            logprobs: CompletionsCreateResponse200ChoicesItemLogprobs | None | Unset
            _logprobs = d.pop("logprobs", UNSET)
            if _logprobs is None or isinstance(_logprobs, Unset):
                logprobs = _logprobs
            else:
                if not isinstance(_logprobs, dict):
                    raise TypeError(
                        f"expected CompletionsCreateResponse200ChoicesItemLogprobs | None | Unset, got {type(_logprobs).__name__}"
                    )
                try:
                    logprobs_type_0 = CompletionsCreateResponse200ChoicesItemLogprobs.from_dict(_logprobs)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected CompletionsCreateResponse200ChoicesItemLogprobs | None | Unset, got {type(_logprobs).__name__}"
                    ) from None
                logprobs = logprobs_type_0

            finish_reason: None | str | Unset = d.pop("finish_reason", UNSET)

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

            completions_create_response_200_choices_item = cls(
                text=text,
                index=index,
                logprobs=logprobs,
                finish_reason=finish_reason,
                content_filter_results=content_filter_results,
            )

            completions_create_response_200_choices_item.additional_properties = d
            return completions_create_response_200_choices_item

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


from ..models.completions_create_response_200_choices_item_logprobs import (
    CompletionsCreateResponse200ChoicesItemLogprobs,
)
from ..models.content_filter_choice_results import ContentFilterChoiceResults
