from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_seedance_25_input_aspect_ratio import (
    BytedanceSeedance25InputAspectRatio,
)
from ..models.bytedance_seedance_25_input_duration import (
    BytedanceSeedance25InputDuration,
)
from ..models.bytedance_seedance_25_input_output_format import (
    BytedanceSeedance25InputOutputFormat,
)
from ..models.bytedance_seedance_25_input_resolution import (
    BytedanceSeedance25InputResolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="BytedanceSeedance25Input")


@_attrs_define
class BytedanceSeedance25Input:
    """Input parameters for the generation task

    Attributes:
        prompt (str): The text prompt that describes the video (at most 30000 characters).
        reference_image_urls (list[str] | Unset): Up to 30 reference images (jpeg, png, webp; at most 10 MB each).
        reference_video_urls (list[str] | Unset): Up to 10 reference videos (mp4, mov, mkv; at most 10 MB each),
            together at most 30 seconds long.
        reference_audio_urls (list[str] | Unset): Up to 10 reference audios (mp3, wav, aac, m4a, ogg; at most 10 MB
            each), together at most 30 seconds long.
        return_last_frame (bool | Unset): Also return the last frame of the video as an image.
        generate_audio (bool | Unset): Generate audio synchronised with the video.
        resolution (BytedanceSeedance25InputResolution | Unset): Output video resolution
        aspect_ratio (BytedanceSeedance25InputAspectRatio | Unset): Aspect ratio of the video; adaptive lets the model
            choose
        duration (BytedanceSeedance25InputDuration | Unset): Duration of the video in seconds (4 to 30), or -1 to let
            the model choose
        output_format (BytedanceSeedance25InputOutputFormat | Unset): Container of the output video (mp4 or mov).
        web_search (bool | Unset): Let the model search the web for the prompt (online search).
    """

    prompt: str
    reference_image_urls: list[str] | Unset = UNSET
    reference_video_urls: list[str] | Unset = UNSET
    reference_audio_urls: list[str] | Unset = UNSET
    return_last_frame: bool | Unset = UNSET
    generate_audio: bool | Unset = UNSET
    resolution: BytedanceSeedance25InputResolution | Unset = UNSET
    aspect_ratio: BytedanceSeedance25InputAspectRatio | Unset = UNSET
    duration: BytedanceSeedance25InputDuration | Unset = UNSET
    output_format: BytedanceSeedance25InputOutputFormat | Unset = UNSET
    web_search: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        reference_image_urls: list[str] | Unset = UNSET
        if not isinstance(self.reference_image_urls, Unset):
            reference_image_urls = self.reference_image_urls

        reference_video_urls: list[str] | Unset = UNSET
        if not isinstance(self.reference_video_urls, Unset):
            reference_video_urls = self.reference_video_urls

        reference_audio_urls: list[str] | Unset = UNSET
        if not isinstance(self.reference_audio_urls, Unset):
            reference_audio_urls = self.reference_audio_urls

        return_last_frame = self.return_last_frame

        generate_audio = self.generate_audio

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution.value

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        duration: int | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format.value

        web_search = self.web_search

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if reference_image_urls is not UNSET:
            field_dict["reference_image_urls"] = reference_image_urls
        if reference_video_urls is not UNSET:
            field_dict["reference_video_urls"] = reference_video_urls
        if reference_audio_urls is not UNSET:
            field_dict["reference_audio_urls"] = reference_audio_urls
        if return_last_frame is not UNSET:
            field_dict["return_last_frame"] = return_last_frame
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if duration is not UNSET:
            field_dict["duration"] = duration
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if web_search is not UNSET:
            field_dict["web_search"] = web_search

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        reference_image_urls = cast(list[str], d.pop("reference_image_urls", UNSET))

        reference_video_urls = cast(list[str], d.pop("reference_video_urls", UNSET))

        reference_audio_urls = cast(list[str], d.pop("reference_audio_urls", UNSET))

        return_last_frame = d.pop("return_last_frame", UNSET)

        generate_audio = d.pop("generate_audio", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: BytedanceSeedance25InputResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = BytedanceSeedance25InputResolution(_resolution)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: BytedanceSeedance25InputAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = BytedanceSeedance25InputAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: BytedanceSeedance25InputDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = BytedanceSeedance25InputDuration(_duration)

        _output_format = d.pop("output_format", UNSET)
        output_format: BytedanceSeedance25InputOutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = BytedanceSeedance25InputOutputFormat(_output_format)

        web_search = d.pop("web_search", UNSET)

        bytedance_seedance_25_input = cls(
            prompt=prompt,
            reference_image_urls=reference_image_urls,
            reference_video_urls=reference_video_urls,
            reference_audio_urls=reference_audio_urls,
            return_last_frame=return_last_frame,
            generate_audio=generate_audio,
            resolution=resolution,
            aspect_ratio=aspect_ratio,
            duration=duration,
            output_format=output_format,
            web_search=web_search,
        )

        bytedance_seedance_25_input.additional_properties = d
        return bytedance_seedance_25_input

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
