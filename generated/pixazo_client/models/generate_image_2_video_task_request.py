from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_url_content_item import ImageUrlContentItem
    from ..models.text_content_item import TextContentItem


T = TypeVar("T", bound="GenerateImage2VideoTaskRequest")


@_attrs_define
class GenerateImage2VideoTaskRequest:
    """
    Attributes:
        content (list[ImageUrlContentItem | TextContentItem]): The prompt (`text` item, options as suffixes) and the
            image (`image_url` item).
        model (str | Unset): The model id, e.g. `seedance-1-0-lite-t2v-250428`, `seedance-1-0-lite-i2v-250428`; an Ark
            endpoint id also works. Optional per the parameter table.
        callback_url (str | Unset): Ark POSTs the task (ArkTask) to this URL whenever its status changes
            (queued, running, succeeded, failed).
    """

    content: list[ImageUrlContentItem | TextContentItem]
    model: str | Unset = UNSET
    callback_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.text_content_item import TextContentItem

        content = []
        for content_item_data in self.content:
            content_item: dict[str, Any]
            if isinstance(content_item_data, TextContentItem):
                content_item = content_item_data.to_dict()
            else:
                content_item = content_item_data.to_dict()

            content.append(content_item)

        model = self.model

        callback_url = self.callback_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.image_url_content_item import ImageUrlContentItem
        from ..models.text_content_item import TextContentItem

        d = dict(src_dict)
        content = []
        _content = d.pop("content")
        for content_item_data in _content:

            def _parse_content_item(
                data: object,
            ) -> ImageUrlContentItem | TextContentItem:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_image_2_video_content_item_type_0 = (
                        TextContentItem.from_dict(data)
                    )

                    return componentsschemas_image_2_video_content_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_image_2_video_content_item_type_1 = (
                    ImageUrlContentItem.from_dict(data)
                )

                return componentsschemas_image_2_video_content_item_type_1

            content_item = _parse_content_item(content_item_data)

            content.append(content_item)

        model = d.pop("model", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        generate_image_2_video_task_request = cls(
            content=content,
            model=model,
            callback_url=callback_url,
        )

        generate_image_2_video_task_request.additional_properties = d
        return generate_image_2_video_task_request

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
