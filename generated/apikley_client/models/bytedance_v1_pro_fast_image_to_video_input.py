from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_v1_pro_fast_image_to_video_input_duration import (
    BytedanceV1ProFastImageToVideoInputDuration,
)
from ..models.bytedance_v1_pro_fast_image_to_video_input_resolution import (
    BytedanceV1ProFastImageToVideoInputResolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="BytedanceV1ProFastImageToVideoInput")


@_attrs_define
class BytedanceV1ProFastImageToVideoInput:
    """Input parameters for the generation task

    Attributes:
        prompt (str): The text prompt used to generate the video (Max length: 10000 characters) Example: A cinematic
            close-up sequence of a single elegant ceramic coffee cup with saucer on a rustic wooden table near a sunlit
            window, hot rich espresso poured in a thin golden stream from above, gradually filling the cup in distinct
            stages: empty with faint steam, 1/4 filled with dark crema, half-filled with swirling coffee and rising steam,
            3/4 filled nearing the rim, perfectly full just below overflow with glossy surface and soft bokeh highlights;
            ultra-realistic, warm golden-hour light, shallow depth of field, photorealism, detailed textures, subtle steam
            wisps, serene inviting atmosphere --ar 16:9 --q 2 --style raw.
        image_url (str): The URL of the image used to generate video (File URL after upload, not file content; Accepted
            types: image/jpeg, image/png, image/webp; Max size: 10.0MB) Example: https://file.aiquickdraw.com/custom-
            page/akr/section-images/1762340693669m6sey187.webp.
        resolution (BytedanceV1ProFastImageToVideoInputResolution | Unset): Video resolution - 480p for faster
            generation, 720p for balance, 1080p for higher quality Default:
            BytedanceV1ProFastImageToVideoInputResolution.VALUE_720P. Example: 720p.
        duration (BytedanceV1ProFastImageToVideoInputDuration | Unset): Duration of the video in seconds Default:
            BytedanceV1ProFastImageToVideoInputDuration.VALUE_5. Example: 5.
    """

    prompt: str
    image_url: str
    resolution: BytedanceV1ProFastImageToVideoInputResolution | Unset = (
        BytedanceV1ProFastImageToVideoInputResolution.VALUE_720P
    )
    duration: BytedanceV1ProFastImageToVideoInputDuration | Unset = (
        BytedanceV1ProFastImageToVideoInputDuration.VALUE_5
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        image_url = self.image_url

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution.value

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "image_url": image_url,
            }
        )
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        image_url = d.pop("image_url")

        _resolution = d.pop("resolution", UNSET)
        resolution: BytedanceV1ProFastImageToVideoInputResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = BytedanceV1ProFastImageToVideoInputResolution(_resolution)

        _duration = d.pop("duration", UNSET)
        duration: BytedanceV1ProFastImageToVideoInputDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = BytedanceV1ProFastImageToVideoInputDuration(_duration)

        bytedance_v1_pro_fast_image_to_video_input = cls(
            prompt=prompt,
            image_url=image_url,
            resolution=resolution,
            duration=duration,
        )

        bytedance_v1_pro_fast_image_to_video_input.additional_properties = d
        return bytedance_v1_pro_fast_image_to_video_input

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
