from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_v1_lite_image_to_video_request_model import (
    BytedanceV1LiteImageToVideoRequestModel,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bytedance_v1_lite_image_to_video_input import (
        BytedanceV1LiteImageToVideoInput,
    )


T = TypeVar("T", bound="BytedanceV1LiteImageToVideoRequest")


@_attrs_define
class BytedanceV1LiteImageToVideoRequest:
    """
    Attributes:
        model (BytedanceV1LiteImageToVideoRequestModel): The model name to use for generation. Required field.

            - Must be `bytedance/v1-lite-image-to-video` for this endpoint Default:
            BytedanceV1LiteImageToVideoRequestModel.BYTEDANCEV1_LITE_IMAGE_TO_VIDEO. Example: bytedance/v1-lite-image-to-
            video.
        call_back_url (str | Unset): The URL to receive generation task completion updates. Optional but recommended for
            production use. Example: https://your-domain.com/api/callback.
        input_ (BytedanceV1LiteImageToVideoInput | Unset): Input parameters for the generation task
    """

    model: BytedanceV1LiteImageToVideoRequestModel = (
        BytedanceV1LiteImageToVideoRequestModel.BYTEDANCEV1_LITE_IMAGE_TO_VIDEO
    )
    call_back_url: str | Unset = UNSET
    input_: BytedanceV1LiteImageToVideoInput | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model.value

        call_back_url = self.call_back_url

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if call_back_url is not UNSET:
            field_dict["callBackUrl"] = call_back_url
        if input_ is not UNSET:
            field_dict["input"] = input_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bytedance_v1_lite_image_to_video_input import (
            BytedanceV1LiteImageToVideoInput,
        )

        d = dict(src_dict)
        model = BytedanceV1LiteImageToVideoRequestModel(d.pop("model"))

        call_back_url = d.pop("callBackUrl", UNSET)

        _input_ = d.pop("input", UNSET)
        input_: BytedanceV1LiteImageToVideoInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = BytedanceV1LiteImageToVideoInput.from_dict(_input_)

        bytedance_v1_lite_image_to_video_request = cls(
            model=model,
            call_back_url=call_back_url,
            input_=input_,
        )

        bytedance_v1_lite_image_to_video_request.additional_properties = d
        return bytedance_v1_lite_image_to_video_request

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
