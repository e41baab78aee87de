from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_content_role import ImageContentRole
from ..models.image_content_type import ImageContentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_url import ImageUrl


T = TypeVar("T", bound="ImageContent")


@_attrs_define
class ImageContent:
    """An input image and its role.

    Attributes:
        type_ (ImageContentType):
        image_url (ImageUrl):
        role (ImageContentRole | Unset): `first_frame` (may be omitted with a single image), `last_frame` (together with
            a
            first frame), `reference_image` (reference mode; up to 9 on Seedance 2.0, 30 on
            2.5). First/last frames and reference media are mutually exclusive
            (`x-seedance-models.models.*.modes`).
    """

    type_: ImageContentType
    image_url: ImageUrl
    role: ImageContentRole | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        image_url = self.image_url.to_dict()

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "image_url": image_url,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.image_url import ImageUrl

        d = dict(src_dict)
        type_ = ImageContentType(d.pop("type"))

        image_url = ImageUrl.from_dict(d.pop("image_url"))

        _role = d.pop("role", UNSET)
        role: ImageContentRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = ImageContentRole(_role)

        image_content = cls(
            type_=type_,
            image_url=image_url,
            role=role,
        )

        image_content.additional_properties = d
        return image_content

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
