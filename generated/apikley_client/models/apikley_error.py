from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.apikley_error_code import ApikleyErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApikleyError")


@_attrs_define
class ApikleyError:
    """Apikley's answer envelope when the request failed. The same envelope can also come with HTTP status 200: always read
    the body code. Some answers say "message" instead of "msg".

        Attributes:
            code (ApikleyErrorCode | int): Body status code (the vendor's documented list; others, such as 433, occur).
            msg (str | Unset): Error description.
            message (str | Unset): Sent by some answers instead of msg.
            data (Any | Unset): Usually absent or null on errors.
    """

    code: ApikleyErrorCode | int
    msg: str | Unset = UNSET
    message: str | Unset = UNSET
    data: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int
        if isinstance(self.code, ApikleyErrorCode):
            code = self.code.value
        else:
            code = self.code

        msg = self.msg

        message = self.message

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if msg is not UNSET:
            field_dict["msg"] = msg
        if message is not UNSET:
            field_dict["message"] = message
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_code(data: object) -> ApikleyErrorCode | int:
            try:
                if not isinstance(data, int):
                    raise TypeError()
                code_type_0 = ApikleyErrorCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApikleyErrorCode | int, data)

        code = _parse_code(d.pop("code"))

        msg = d.pop("msg", UNSET)

        message = d.pop("message", UNSET)

        data = d.pop("data", UNSET)

        apikley_error = cls(
            code=code,
            msg=msg,
            message=message,
            data=data,
        )

        apikley_error.additional_properties = d
        return apikley_error

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
