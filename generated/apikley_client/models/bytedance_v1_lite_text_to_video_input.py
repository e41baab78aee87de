from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_v1_lite_text_to_video_input_aspect_ratio import (
    BytedanceV1LiteTextToVideoInputAspectRatio,
)
from ..models.bytedance_v1_lite_text_to_video_input_duration import (
    BytedanceV1LiteTextToVideoInputDuration,
)
from ..models.bytedance_v1_lite_text_to_video_input_resolution import (
    BytedanceV1LiteTextToVideoInputResolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="BytedanceV1LiteTextToVideoInput")


@_attrs_define
class BytedanceV1LiteTextToVideoInput:
    """Input parameters for the generation task

    Attributes:
        prompt (str): The text prompt used to generate the video (at most 10000 characters). Required field.
        aspect_ratio (BytedanceV1LiteTextToVideoInputAspectRatio | Unset): Aspect ratio of the video
        resolution (BytedanceV1LiteTextToVideoInputResolution | Unset): Video resolution
        duration (BytedanceV1LiteTextToVideoInputDuration | Unset): Duration of the video in seconds
        camera_fixed (bool | Unset): Keep the camera still.
        seed (int | Unset): Random seed; -1 for a random one
        enable_safety_checker (bool | Unset): Run the provider's safety checker.
    """

    prompt: str
    aspect_ratio: BytedanceV1LiteTextToVideoInputAspectRatio | Unset = UNSET
    resolution: BytedanceV1LiteTextToVideoInputResolution | Unset = UNSET
    duration: BytedanceV1LiteTextToVideoInputDuration | Unset = UNSET
    camera_fixed: bool | Unset = UNSET
    seed: int | Unset = UNSET
    enable_safety_checker: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

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
            }
        )
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
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

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: BytedanceV1LiteTextToVideoInputAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = BytedanceV1LiteTextToVideoInputAspectRatio(_aspect_ratio)

        _resolution = d.pop("resolution", UNSET)
        resolution: BytedanceV1LiteTextToVideoInputResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = BytedanceV1LiteTextToVideoInputResolution(_resolution)

        _duration = d.pop("duration", UNSET)
        duration: BytedanceV1LiteTextToVideoInputDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = BytedanceV1LiteTextToVideoInputDuration(_duration)

        camera_fixed = d.pop("camera_fixed", UNSET)

        seed = d.pop("seed", UNSET)

        enable_safety_checker = d.pop("enable_safety_checker", UNSET)

        bytedance_v1_lite_text_to_video_input = cls(
            prompt=prompt,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            duration=duration,
            camera_fixed=camera_fixed,
            seed=seed,
            enable_safety_checker=enable_safety_checker,
        )

        bytedance_v1_lite_text_to_video_input.additional_properties = d
        return bytedance_v1_lite_text_to_video_input

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
