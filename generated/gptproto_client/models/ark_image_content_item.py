from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ark_image_content_item_role import ArkImageContentItemRole
from ..models.ark_image_content_item_type import ArkImageContentItemType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ark_image_url import ArkImageUrl


T = TypeVar("T", bound="ArkImageContentItem")


@_attrs_define
class ArkImageContentItem:
    """
    Attributes:
        type_ (ArkImageContentItemType):
        image_url (ArkImageUrl):
        role (ArkImageContentItemRole | Unset): What the image is for; which roles a model takes varies.
    """

    type_: ArkImageContentItemType
    image_url: ArkImageUrl
    role: ArkImageContentItemRole | Unset = UNSET
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
        from ..models.ark_image_url import ArkImageUrl

        d = dict(src_dict)
        type_ = ArkImageContentItemType(d.pop("type"))

        image_url = ArkImageUrl.from_dict(d.pop("image_url"))

        _role = d.pop("role", UNSET)
        role: ArkImageContentItemRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = ArkImageContentItemRole(_role)

        ark_image_content_item = cls(
            type_=type_,
            image_url=image_url,
            role=role,
        )

        ark_image_content_item.additional_properties = d
        return ark_image_content_item

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
