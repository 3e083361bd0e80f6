from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="PromptFilterResult")


@_attrs_define
class PromptFilterResult:
    """Content filtering results for a single prompt in the request.

    Attributes:
        prompt_index (int | None | Unset):
        content_filter_results (ContentFilterPromptResults | None | Unset):
    """

    prompt_index: int | None | Unset = UNSET
    content_filter_results: ContentFilterPromptResults | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt_index: int | None | Unset
        if isinstance(self.prompt_index, Unset):
            prompt_index = UNSET
        else:
            prompt_index = self.prompt_index

        content_filter_results: dict[str, Any] | None | Unset
        if isinstance(self.content_filter_results, Unset):
            content_filter_results = UNSET
        elif isinstance(self.content_filter_results, ContentFilterPromptResults):
            content_filter_results = self.content_filter_results.to_dict()
        else:
            content_filter_results = self.content_filter_results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt_index is not UNSET:
            field_dict["prompt_index"] = prompt_index
        if content_filter_results is not UNSET:
            field_dict["content_filter_results"] = content_filter_results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            prompt_index: int | None | Unset = d.pop("prompt_index", UNSET)

            content_filter_results: ContentFilterPromptResults | None | Unset
            _content_filter_results = d.pop("content_filter_results", UNSET)
            if _content_filter_results is None or isinstance(_content_filter_results, Unset):
                content_filter_results = _content_filter_results
            else:
                if not isinstance(_content_filter_results, dict):
                    raise TypeError(
                        f"expected ContentFilterPromptResults | None | Unset, got {type(_content_filter_results).__name__}"
                    )
                try:
                    content_filter_results_type_0 = ContentFilterPromptResults.from_dict(_content_filter_results)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterPromptResults | None | Unset, got {type(_content_filter_results).__name__}"
                    ) from None
                content_filter_results = content_filter_results_type_0

            prompt_filter_result = cls(
                prompt_index=prompt_index,
                content_filter_results=content_filter_results,
            )

            prompt_filter_result.additional_properties = d
            return prompt_filter_result

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


from ..models.content_filter_prompt_results import ContentFilterPromptResults
