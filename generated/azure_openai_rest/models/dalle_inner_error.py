from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.inner_error_code import InnerErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="DalleInnerError")


@_attrs_define
class DalleInnerError:
    """Inner error with additional details.

    Attributes:
        code (InnerErrorCode | None | Unset):
        content_filter_results (DalleFilterResults | None | Unset):
        revised_prompt (None | str | Unset): The prompt that was used to generate the image, if there was any revision
            to the prompt.
        content_filter_result (DalleFilterResults | None | Unset):
    """

    code: InnerErrorCode | None | Unset = UNSET
    content_filter_results: DalleFilterResults | None | Unset = UNSET
    revised_prompt: None | str | Unset = UNSET
    content_filter_result: DalleFilterResults | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        elif isinstance(self.code, InnerErrorCode):
            code = InnerErrorCode(self.code).value
        else:
            code = self.code

        content_filter_results: dict[str, Any] | None | Unset
        if isinstance(self.content_filter_results, Unset):
            content_filter_results = UNSET
        elif isinstance(self.content_filter_results, DalleFilterResults):
            content_filter_results = self.content_filter_results.to_dict()
        else:
            content_filter_results = self.content_filter_results

        revised_prompt: None | str | Unset
        if isinstance(self.revised_prompt, Unset):
            revised_prompt = UNSET
        else:
            revised_prompt = self.revised_prompt

        content_filter_result: dict[str, Any] | None | Unset
        if isinstance(self.content_filter_result, Unset):
            content_filter_result = UNSET
        elif isinstance(self.content_filter_result, DalleFilterResults):
            content_filter_result = self.content_filter_result.to_dict()
        else:
            content_filter_result = self.content_filter_result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if content_filter_results is not UNSET:
            field_dict["content_filter_results"] = content_filter_results
        if revised_prompt is not UNSET:
            field_dict["revised_prompt"] = revised_prompt
        if content_filter_result is not UNSET:
            field_dict["content_filter_result"] = content_filter_result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            code: InnerErrorCode | None | Unset
            _code = d.pop("code", UNSET)
            if _code is None or isinstance(_code, Unset):
                code = _code
            else:
                if not isinstance(_code, str):
                    raise TypeError(f"expected InnerErrorCode | None | Unset, got {type(_code).__name__}")
                try:
                    code_type_0 = InnerErrorCode._lookup(_code)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected InnerErrorCode | None | Unset, got {type(_code).__name__}") from None
                code = code_type_0

            content_filter_results: DalleFilterResults | None | Unset
            _content_filter_results = d.pop("content_filter_results", UNSET)
            if _content_filter_results is None or isinstance(_content_filter_results, Unset):
                content_filter_results = _content_filter_results
            else:
                if not isinstance(_content_filter_results, dict):
                    raise TypeError(
                        f"expected DalleFilterResults | None | Unset, got {type(_content_filter_results).__name__}"
                    )
                try:
                    content_filter_results_type_0 = DalleFilterResults.from_dict(_content_filter_results)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected DalleFilterResults | None | Unset, got {type(_content_filter_results).__name__}"
                    ) from None
                content_filter_results = content_filter_results_type_0

            revised_prompt: None | str | Unset = d.pop("revised_prompt", UNSET)

            content_filter_result: DalleFilterResults | None | Unset
            _content_filter_result = d.pop("content_filter_result", UNSET)
            if _content_filter_result is None or isinstance(_content_filter_result, Unset):
                content_filter_result = _content_filter_result
            else:
                if not isinstance(_content_filter_result, dict):
                    raise TypeError(
                        f"expected DalleFilterResults | None | Unset, got {type(_content_filter_result).__name__}"
                    )
                try:
                    content_filter_result_type_0 = DalleFilterResults.from_dict(_content_filter_result)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected DalleFilterResults | None | Unset, got {type(_content_filter_result).__name__}"
                    ) from None
                content_filter_result = content_filter_result_type_0

            dalle_inner_error = cls(
                code=code,
                content_filter_results=content_filter_results,
                revised_prompt=revised_prompt,
                content_filter_result=content_filter_result,
            )

            dalle_inner_error.additional_properties = d
            return dalle_inner_error

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


from ..models.dalle_filter_results import DalleFilterResults
