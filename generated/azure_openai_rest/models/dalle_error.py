from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dalle_inner_error import DalleInnerError


T = TypeVar("T", bound="DalleError")


@_attrs_define
class DalleError:
    """
    Attributes:
        code (None | str | Unset):
        message (None | str | Unset):
        param (None | str | Unset):
        type_ (None | str | Unset):
        inner_error (DalleInnerError | None | Unset):
        innererror (DalleInnerError | None | Unset):
    """

    code: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    param: None | str | Unset = UNSET
    type_: None | str | Unset = UNSET
    inner_error: DalleInnerError | None | Unset = UNSET
    innererror: DalleInnerError | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.dalle_inner_error import DalleInnerError

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        inner_error: dict[str, Any] | None | Unset
        if isinstance(self.inner_error, Unset):
            inner_error = UNSET
        elif isinstance(self.inner_error, DalleInnerError):
            inner_error = self.inner_error.to_dict()
        else:
            inner_error = self.inner_error

        innererror: dict[str, Any] | None | Unset
        if isinstance(self.innererror, Unset):
            innererror = UNSET
        elif isinstance(self.innererror, DalleInnerError):
            innererror = self.innererror.to_dict()
        else:
            innererror = self.innererror

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if param is not UNSET:
            field_dict["param"] = param
        if type_ is not UNSET:
            field_dict["type"] = type_
        if inner_error is not UNSET:
            field_dict["inner_error"] = inner_error
        if innererror is not UNSET:
            field_dict["innererror"] = innererror

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
        from ..models.dalle_inner_error import DalleInnerError

        d = dict(src_dict)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_inner_error(data: object) -> DalleInnerError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                inner_error_type_0 = DalleInnerError.from_dict(data)

                return inner_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected DalleInnerError | None | Unset, got {type(data).__name__}")

        inner_error = _parse_inner_error(d.pop("inner_error", UNSET))

        def _parse_innererror(data: object) -> DalleInnerError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                innererror_type_0 = DalleInnerError.from_dict(data)

                return innererror_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected DalleInnerError | None | Unset, got {type(data).__name__}")

        innererror = _parse_innererror(d.pop("innererror", UNSET))

        dalle_error = cls(
            code=code,
            message=message,
            param=param,
            type_=type_,
            inner_error=inner_error,
            innererror=innererror,
        )

        dalle_error.additional_properties = d
        return dalle_error

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
