from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_v1_lite_image_to_video_input_duration import (
    BytedanceV1LiteImageToVideoInputDuration,
)
from ..models.bytedance_v1_lite_image_to_video_input_resolution import (
    BytedanceV1LiteImageToVideoInputResolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="BytedanceV1LiteImageToVideoInput")


@_attrs_define
class BytedanceV1LiteImageToVideoInput:
    """Input parameters for the generation task

    Attributes:
        prompt (str): The text prompt used to generate the video. Required field.
        image_url (str): URL of the image to animate, used as the first frame (file URL after upload, not file content;
            jpeg, png, webp; at most 10 MB).
        end_image_url (str | Unset): URL of an image to use as the last frame (optional; needs image_url).
        resolution (BytedanceV1LiteImageToVideoInputResolution | Unset): Video resolution
        duration (BytedanceV1LiteImageToVideoInputDuration | Unset): Duration of the video in seconds
        camera_fixed (bool | Unset): Keep the camera still.
        seed (int | Unset): Random seed; -1 for a random one
        enable_safety_checker (bool | Unset): Run the provider's safety checker on the input and output.
    """

    prompt: str
    image_url: str
    end_image_url: str | Unset = UNSET
    resolution: BytedanceV1LiteImageToVideoInputResolution | Unset = UNSET
    duration: BytedanceV1LiteImageToVideoInputDuration | Unset = UNSET
    camera_fixed: bool | Unset = UNSET
    seed: int | Unset = UNSET
    enable_safety_checker: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        image_url = self.image_url

        end_image_url = self.end_image_url

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution.value

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        camera_fixed = self.camera_fixed

        seed = self.seed

        enable_safety_checker = self.enable_safety_checker

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "image_url": image_url,
            }
        )
        if end_image_url is not UNSET:
            field_dict["end_image_url"] = end_image_url
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if duration is not UNSET:
            field_dict["duration"] = duration
        if camera_fixed is not UNSET:
            field_dict["camera_fixed"] = camera_fixed
        if seed is not UNSET:
            field_dict["seed"] = seed
        if enable_safety_checker is not UNSET:
            field_dict["enable_safety_checker"] = enable_safety_checker

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        image_url = d.pop("image_url")

        end_image_url = d.pop("end_image_url", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: BytedanceV1LiteImageToVideoInputResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = BytedanceV1LiteImageToVideoInputResolution(_resolution)

        _duration = d.pop("duration", UNSET)
        duration: BytedanceV1LiteImageToVideoInputDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = BytedanceV1LiteImageToVideoInputDuration(_duration)

        camera_fixed = d.pop("camera_fixed", UNSET)

        seed = d.pop("seed", UNSET)

        enable_safety_checker = d.pop("enable_safety_checker", UNSET)

        bytedance_v1_lite_image_to_video_input = cls(
            prompt=prompt,
            image_url=image_url,
            end_image_url=end_image_url,
            resolution=resolution,
            duration=duration,
            camera_fixed=camera_fixed,
            seed=seed,
            enable_safety_checker=enable_safety_checker,
        )

        bytedance_v1_lite_image_to_video_input.additional_properties = d
        return bytedance_v1_lite_image_to_video_input

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
