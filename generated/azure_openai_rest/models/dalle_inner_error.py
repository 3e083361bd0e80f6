from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.inner_error_code import InnerErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dalle_filter_results import DalleFilterResults


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
        from ..models.dalle_filter_results import DalleFilterResults

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
            return cls._from_dict(src_dict)  # type: ignore[attr-defined, no-any-return]
        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @classmethod
    def _from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dalle_filter_results import DalleFilterResults

        d = dict(src_dict)

        def _parse_code(data: object) -> InnerErrorCode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_type_0 = InnerErrorCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected InnerErrorCode | None | Unset, got {type(data).__name__}")

        code = _parse_code(d.pop("code", UNSET))

        def _parse_content_filter_results(data: object) -> DalleFilterResults | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_filter_results_type_0 = DalleFilterResults.from_dict(data)

                return content_filter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected DalleFilterResults | None | Unset, got {type(data).__name__}")

        content_filter_results = _parse_content_filter_results(d.pop("content_filter_results", UNSET))

        def _parse_revised_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        revised_prompt = _parse_revised_prompt(d.pop("revised_prompt", UNSET))

        def _parse_content_filter_result(data: object) -> DalleFilterResults | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_filter_result_type_0 = DalleFilterResults.from_dict(data)

                return content_filter_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected DalleFilterResults | None | Unset, got {type(data).__name__}")

        content_filter_result = _parse_content_filter_result(d.pop("content_filter_result", UNSET))

        dalle_inner_error = cls(
            code=code,
            content_filter_results=content_filter_results,
            revised_prompt=revised_prompt,
            content_filter_result=content_filter_result,
        )

        dalle_inner_error.additional_properties = d
        return dalle_inner_error

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
