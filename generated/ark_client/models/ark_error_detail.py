from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ArkErrorDetail")


@_attrs_define
class ArkErrorDetail:
    """
    Attributes:
        code (str | Unset): Error code, e.g. `InvalidParameter`, `AuthenticationError`,
            `RateLimitExceeded.EndpointRPMExceeded`.
        message (str | Unset): Human-readable text, usually ending with the request id.
        param (None | str | Unset): The parameter at fault, when there is one.
        type_ (str | Unset): HTTP-status family, e.g. `BadRequest`, `Unauthorized`, `Forbidden`, `NotFound`,
            `TooManyRequests`.
        request_id (str | Unset): Request id, when given in the body (the official Go SDK reads it).
    """

    code: str | Unset = UNSET
    message: str | Unset = UNSET
    param: None | str | Unset = UNSET
    type_: str | Unset = UNSET
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        type_ = self.type_

        request_id = self.request_id

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
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        message = d.pop("message", UNSET)

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        type_ = d.pop("type", UNSET)

        request_id = d.pop("request_id", UNSET)

        ark_error_detail = cls(
            code=code,
            message=message,
            param=param,
            type_=type_,
            request_id=request_id,
        )

        ark_error_detail.additional_properties = d
        return ark_error_detail

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
