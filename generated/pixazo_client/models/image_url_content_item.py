from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_url_content_item_type import ImageUrlContentItemType

T = TypeVar("T", bound="ImageUrlContentItem")


@_attrs_define
class ImageUrlContentItem:
    """
    Attributes:
        type_ (ImageUrlContentItemType):
        image_url (str): The image's URL, as a bare string (Ark itself takes `{url}`).
    """

    type_: ImageUrlContentItemType
    image_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        image_url = self.image_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "image_url": image_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ImageUrlContentItemType(d.pop("type"))

        image_url = d.pop("image_url")

        image_url_content_item = cls(
            type_=type_,
            image_url=image_url,
        )

        image_url_content_item.additional_properties = d
        return image_url_content_item

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
