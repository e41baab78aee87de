from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audio_content_role import AudioContentRole
from ..models.audio_content_type import AudioContentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audio_url import AudioUrl


T = TypeVar("T", bound="AudioContent")


@_attrs_define
class AudioContent:
    """A reference audio (Seedance 2.x; never the only reference except on Seedance 2.5; counts per model in `x-seedance-
    models`).

        Attributes:
            type_ (AudioContentType):
            audio_url (AudioUrl):
            role (AudioContentRole | Unset):
    """

    type_: AudioContentType
    audio_url: AudioUrl
    role: AudioContentRole | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        audio_url = self.audio_url.to_dict()

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "audio_url": audio_url,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio_url import AudioUrl

        d = dict(src_dict)
        type_ = AudioContentType(d.pop("type"))

        audio_url = AudioUrl.from_dict(d.pop("audio_url"))

        _role = d.pop("role", UNSET)
        role: AudioContentRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = AudioContentRole(_role)

        audio_content = cls(
            type_=type_,
            audio_url=audio_url,
            role=role,
        )

        audio_content.additional_properties = d
        return audio_content

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
