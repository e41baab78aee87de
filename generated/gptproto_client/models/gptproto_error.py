from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gptproto_error_detail import GptprotoErrorDetail


T = TypeVar("T", bound="GptprotoError")


@_attrs_define
class GptprotoError:
    """
    Attributes:
        error (GptprotoErrorDetail | Unset):
    """

    error: GptprotoErrorDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.gptproto_error_detail import GptprotoErrorDetail

        d = dict(src_dict)
        _error = d.pop("error", UNSET)
        error: GptprotoErrorDetail | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = GptprotoErrorDetail.from_dict(_error)

        gptproto_error = cls(
            error=error,
        )

        gptproto_error.additional_properties = d
        return gptproto_error

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
