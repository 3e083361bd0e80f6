from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """
    Attributes:
        code (None | str | Unset):
        message (None | str | Unset):
        param (None | str | Unset):
        type_ (None | str | Unset):
        inner_error (InnerError | None | Unset):
        innererror (InnerError | None | Unset):
    """

    code: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    param: None | str | Unset = UNSET
    type_: None | str | Unset = UNSET
    inner_error: InnerError | None | Unset = UNSET
    innererror: InnerError | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
        elif isinstance(self.inner_error, InnerError):
            inner_error = self.inner_error.to_dict()
        else:
            inner_error = self.inner_error

        innererror: dict[str, Any] | None | Unset
        if isinstance(self.innererror, Unset):
            innererror = UNSET
        elif isinstance(self.innererror, InnerError):
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
            d = dict(src_dict)
            code: None | str | Unset = d.pop("code", UNSET)

            message: None | str | Unset = d.pop("message", UNSET)

            param: None | str | Unset = d.pop("param", UNSET)

            type_: None | str | Unset = d.pop("type", UNSET)

            inner_error: InnerError | None | Unset
            _inner_error = d.pop("inner_error", UNSET)
            if _inner_error is None or isinstance(_inner_error, Unset):
                inner_error = _inner_error
            else:
                if not isinstance(_inner_error, dict):
                    raise TypeError(f"expected InnerError | None | Unset, got {type(_inner_error).__name__}")
                try:
                    inner_error_type_0 = InnerError.from_dict(_inner_error)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected InnerError | None | Unset, got {type(_inner_error).__name__}") from None
                inner_error = inner_error_type_0

            innererror: InnerError | None | Unset
            _innererror = d.pop("innererror", UNSET)
            if _innererror is None or isinstance(_innererror, Unset):
                innererror = _innererror
            else:
                if not isinstance(_innererror, dict):
                    raise TypeError(f"expected InnerError | None | Unset, got {type(_innererror).__name__}")
                try:
                    innererror_type_0 = InnerError.from_dict(_innererror)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected InnerError | None | Unset, got {type(_innererror).__name__}") from None
                innererror = innererror_type_0

            error = cls(
                code=code,
                message=message,
                param=param,
                type_=type_,
                inner_error=inner_error,
                innererror=innererror,
            )

            error.additional_properties = d
            return error

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


from ..models.inner_error import InnerError
