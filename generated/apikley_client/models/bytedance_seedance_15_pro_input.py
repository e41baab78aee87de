from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_seedance_15_pro_input_aspect_ratio import (
    BytedanceSeedance15ProInputAspectRatio,
)
from ..models.bytedance_seedance_15_pro_input_duration import (
    BytedanceSeedance15ProInputDuration,
)
from ..models.bytedance_seedance_15_pro_input_resolution import (
    BytedanceSeedance15ProInputResolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="BytedanceSeedance15ProInput")


@_attrs_define
class BytedanceSeedance15ProInput:
    """Input parameters for the generation task

    Attributes:
        prompt (str): The text prompt used to generate the video. Required field. (Min length: 3, Max length: 2500
            characters) Example: A serene beach at sunset with waves gently crashing on the shore, palm trees swaying in the
            breeze, and seagulls flying across the orange sky.
        aspect_ratio (BytedanceSeedance15ProInputAspectRatio): Video aspect ratio configuration. Required field.
            Default: BytedanceSeedance15ProInputAspectRatio.VALUE_1_1. Example: 1:1.
        input_urls (list[str] | Unset): URLs of input images for image-to-video generation. Optional field.

            - Accepts 0-2 images
            - If not provided, the model will perform text-to-video generation
            - File URLs after upload, not file content
            - Accepted types: image/jpeg, image/png, image/webp
            - Max size per image: 10.0MB Example: ['https://file.aiquickdraw.com/custom-page/akr/section-
            images/example1.png'].
        resolution (BytedanceSeedance15ProInputResolution | Unset): Video resolution - 480p for faster generation, 720p
            for higher quality Default: BytedanceSeedance15ProInputResolution.VALUE_720P. Example: 720p.
        duration (BytedanceSeedance15ProInputDuration | Unset): Duration of the video in seconds Default:
            BytedanceSeedance15ProInputDuration.VALUE_8. Example: 8.
        fixed_lens (bool | Unset): Seedance adds dynamic camera movement. Enable this feature to lock the camera for
            stable, static shots.

            - **true**: Lock camera for static shots
            - **false**: Allow dynamic camera movement Default: False. Example: False.
        generate_audio (bool | Unset): Whether to generate audio for the video.

            - **true**: Generate with audio (higher cost)
            - **false**: Generate without audio

            Note: Enabling audio will increase the generation cost Default: False. Example: False.
    """

    prompt: str
    aspect_ratio: BytedanceSeedance15ProInputAspectRatio = (
        BytedanceSeedance15ProInputAspectRatio.VALUE_1_1
    )
    input_urls: list[str] | Unset = UNSET
    resolution: BytedanceSeedance15ProInputResolution | Unset = (
        BytedanceSeedance15ProInputResolution.VALUE_720P
    )
    duration: BytedanceSeedance15ProInputDuration | Unset = (
        BytedanceSeedance15ProInputDuration.VALUE_8
    )
    fixed_lens: bool | Unset = False
    generate_audio: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        aspect_ratio = self.aspect_ratio.value

        input_urls: list[str] | Unset = UNSET
        if not isinstance(self.input_urls, Unset):
            input_urls = self.input_urls

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution.value

        duration: int | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        fixed_lens = self.fixed_lens

        generate_audio = self.generate_audio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "aspect_ratio": aspect_ratio,
            }
        )
        if input_urls is not UNSET:
            field_dict["input_urls"] = input_urls
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if duration is not UNSET:
            field_dict["duration"] = duration
        if fixed_lens is not UNSET:
            field_dict["fixed_lens"] = fixed_lens
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        aspect_ratio = BytedanceSeedance15ProInputAspectRatio(d.pop("aspect_ratio"))

        input_urls = cast(list[str], d.pop("input_urls", UNSET))

        _resolution = d.pop("resolution", UNSET)
        resolution: BytedanceSeedance15ProInputResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = BytedanceSeedance15ProInputResolution(_resolution)

        _duration = d.pop("duration", UNSET)
        duration: BytedanceSeedance15ProInputDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = BytedanceSeedance15ProInputDuration(_duration)

        fixed_lens = d.pop("fixed_lens", UNSET)

        generate_audio = d.pop("generate_audio", UNSET)

        bytedance_seedance_15_pro_input = cls(
            prompt=prompt,
            aspect_ratio=aspect_ratio,
            input_urls=input_urls,
            resolution=resolution,
            duration=duration,
            fixed_lens=fixed_lens,
            generate_audio=generate_audio,
        )

        bytedance_seedance_15_pro_input.additional_properties = d
        return bytedance_seedance_15_pro_input

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
