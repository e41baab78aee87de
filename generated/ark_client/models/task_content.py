from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskContent")


@_attrs_define
class TaskContent:
    """The results, once the task succeeded.

    Attributes:
        video_url (str | Unset): The video (mp4); cleaned after 24 hours, download it promptly.
        last_frame_url (str | Unset): The last frame as an image, when `return_last_frame` was true.
    """

    video_url: str | Unset = UNSET
    last_frame_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        video_url = self.video_url

        last_frame_url = self.last_frame_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if video_url is not UNSET:
            field_dict["video_url"] = video_url
        if last_frame_url is not UNSET:
            field_dict["last_frame_url"] = last_frame_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        video_url = d.pop("video_url", UNSET)

        last_frame_url = d.pop("last_frame_url", UNSET)

        task_content = cls(
            video_url=video_url,
            last_frame_url=last_frame_url,
        )

        task_content.additional_properties = d
        return task_content

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
