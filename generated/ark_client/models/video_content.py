from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.video_content_role import VideoContentRole
from ..models.video_content_type import VideoContentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.video_url import VideoUrl


T = TypeVar("T", bound="VideoContent")


@_attrs_define
class VideoContent:
    """A reference video (Seedance 2.x; counts and total length per model in `x-seedance-models`).

    Attributes:
        type_ (VideoContentType):
        video_url (VideoUrl):
        role (VideoContentRole | Unset):
    """

    type_: VideoContentType
    video_url: VideoUrl
    role: VideoContentRole | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        video_url = self.video_url.to_dict()

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "video_url": video_url,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.video_url import VideoUrl

        d = dict(src_dict)
        type_ = VideoContentType(d.pop("type"))

        video_url = VideoUrl.from_dict(d.pop("video_url"))

        _role = d.pop("role", UNSET)
        role: VideoContentRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = VideoContentRole(_role)

        video_content = cls(
            type_=type_,
            video_url=video_url,
            role=role,
        )

        video_content.additional_properties = d
        return video_content

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
