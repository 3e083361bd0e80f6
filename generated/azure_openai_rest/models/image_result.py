from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageResult")


@_attrs_define
class ImageResult:
    """The image url or encoded image if successful, and an error otherwise.

    Attributes:
        url (None | str | Unset): The image url. Example: https://www.contoso.com.
        b64_json (None | str | Unset): The base64 encoded image
        content_filter_results (DalleContentFilterResults | None | Unset):
        revised_prompt (None | str | Unset): The prompt that was used to generate the image, if there was any revision
            to the prompt.
        prompt_filter_results (DalleFilterResults | None | Unset):
    """

    url: None | str | Unset = UNSET
    b64_json: None | str | Unset = UNSET
    content_filter_results: DalleContentFilterResults | None | Unset = UNSET
    revised_prompt: None | str | Unset = UNSET
    prompt_filter_results: DalleFilterResults | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        b64_json: None | str | Unset
        if isinstance(self.b64_json, Unset):
            b64_json = UNSET
        else:
            b64_json = self.b64_json

        content_filter_results: dict[str, Any] | None | Unset
        if isinstance(self.content_filter_results, Unset):
            content_filter_results = UNSET
        elif isinstance(self.content_filter_results, DalleContentFilterResults):
            content_filter_results = self.content_filter_results.to_dict()
        else:
            content_filter_results = self.content_filter_results

        revised_prompt: None | str | Unset
        if isinstance(self.revised_prompt, Unset):
            revised_prompt = UNSET
        else:
            revised_prompt = self.revised_prompt

        prompt_filter_results: dict[str, Any] | None | Unset
        if isinstance(self.prompt_filter_results, Unset):
            prompt_filter_results = UNSET
        elif isinstance(self.prompt_filter_results, DalleFilterResults):
            prompt_filter_results = self.prompt_filter_results.to_dict()
        else:
            prompt_filter_results = self.prompt_filter_results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if b64_json is not UNSET:
            field_dict["b64_json"] = b64_json
        if content_filter_results is not UNSET:
            field_dict["content_filter_results"] = content_filter_results
        if revised_prompt is not UNSET:
            field_dict["revised_prompt"] = revised_prompt
        if prompt_filter_results is not UNSET:
            field_dict["prompt_filter_results"] = prompt_filter_results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            url: None | str | Unset = d.pop("url", UNSET)

            b64_json: None | str | Unset = d.pop("b64_json", UNSET)

            content_filter_results: DalleContentFilterResults | None | Unset
            _content_filter_results = d.pop("content_filter_results", UNSET)
            if _content_filter_results is None or isinstance(_content_filter_results, Unset):
                content_filter_results = _content_filter_results
            else:
                if not isinstance(_content_filter_results, dict):
                    raise TypeError(
                        f"expected DalleContentFilterResults | None | Unset, got {type(_content_filter_results).__name__}"
                    )
                try:
                    content_filter_results_type_0 = DalleContentFilterResults.from_dict(_content_filter_results)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected DalleContentFilterResults | None | Unset, got {type(_content_filter_results).__name__}"
                    ) from None
                content_filter_results = content_filter_results_type_0

            revised_prompt: None | str | Unset = d.pop("revised_prompt", UNSET)

            prompt_filter_results: DalleFilterResults | None | Unset
            _prompt_filter_results = d.pop("prompt_filter_results", UNSET)
            if _prompt_filter_results is None or isinstance(_prompt_filter_results, Unset):
                prompt_filter_results = _prompt_filter_results
            else:
                if not isinstance(_prompt_filter_results, dict):
                    raise TypeError(
                        f"expected DalleFilterResults | None | Unset, got {type(_prompt_filter_results).__name__}"
                    )
                try:
                    prompt_filter_results_type_0 = DalleFilterResults.from_dict(_prompt_filter_results)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected DalleFilterResults | None | Unset, got {type(_prompt_filter_results).__name__}"
                    ) from None
                prompt_filter_results = prompt_filter_results_type_0

            image_result = cls(
                url=url,
                b64_json=b64_json,
                content_filter_results=content_filter_results,
                revised_prompt=revised_prompt,
                prompt_filter_results=prompt_filter_results,
            )

            image_result.additional_properties = d
            return image_result

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


from ..models.dalle_content_filter_results import DalleContentFilterResults
from ..models.dalle_filter_results import DalleFilterResults
