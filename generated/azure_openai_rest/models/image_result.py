from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dalle_content_filter_results import DalleContentFilterResults
    from ..models.dalle_filter_results import DalleFilterResults


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
        from ..models.dalle_content_filter_results import DalleContentFilterResults
        from ..models.dalle_filter_results import DalleFilterResults

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
            return cls._from_dict(src_dict)  # type: ignore[attr-defined, no-any-return]
        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @classmethod
    def _from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dalle_content_filter_results import DalleContentFilterResults
        from ..models.dalle_filter_results import DalleFilterResults

        d = dict(src_dict)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_b64_json(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        b64_json = _parse_b64_json(d.pop("b64_json", UNSET))

        def _parse_content_filter_results(data: object) -> DalleContentFilterResults | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_filter_results_type_0 = DalleContentFilterResults.from_dict(data)

                return content_filter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected DalleContentFilterResults | None | Unset, got {type(data).__name__}")

        content_filter_results = _parse_content_filter_results(d.pop("content_filter_results", UNSET))

        def _parse_revised_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        revised_prompt = _parse_revised_prompt(d.pop("revised_prompt", UNSET))

        def _parse_prompt_filter_results(data: object) -> DalleFilterResults | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prompt_filter_results_type_0 = DalleFilterResults.from_dict(data)

                return prompt_filter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected DalleFilterResults | None | Unset, got {type(data).__name__}")

        prompt_filter_results = _parse_prompt_filter_results(d.pop("prompt_filter_results", UNSET))

        image_result = cls(
            url=url,
            b64_json=b64_json,
            content_filter_results=content_filter_results,
            revised_prompt=revised_prompt,
            prompt_filter_results=prompt_filter_results,
        )

        image_result.additional_properties = d
        return image_result

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
