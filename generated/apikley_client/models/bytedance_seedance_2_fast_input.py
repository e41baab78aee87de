from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_seedance_2_fast_input_aspect_ratio import (
    BytedanceSeedance2FastInputAspectRatio,
)
from ..models.bytedance_seedance_2_fast_input_resolution import (
    BytedanceSeedance2FastInputResolution,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="BytedanceSeedance2FastInput")


@_attrs_define
class BytedanceSeedance2FastInput:
    """Input parameters for the generation task

    Attributes:
        prompt (str): The text prompt that describes the video. Required field.
        first_frame_url (str | Unset): URL of the image to use as the first frame (file URL after upload, not file
            content). Not with reference_* fields.
        last_frame_url (str | Unset): URL of the image to use as the last frame; needs first_frame_url. Not with
            reference_* fields.
        reference_image_urls (list[str] | Unset): Up to 9 reference images (jpeg, png, webp; at most 10 MB each). Not
            with first_frame_url or last_frame_url.
        reference_video_urls (list[str] | Unset): Up to 3 reference videos (mp4, mov, mkv; at most 10 MB each), together
            at most 15 seconds long.
        reference_audio_urls (list[str] | Unset): Up to 3 reference audios (mp3, wav, aac, m4a, ogg; at most 10 MB
            each), together at most 15 seconds long; need a reference image or video.
        return_last_frame (bool | Unset): Also return the last frame of the video as an image.
        generate_audio (bool | Unset): Generate audio synchronised with the video.
        resolution (BytedanceSeedance2FastInputResolution | Unset): Output video resolution
        aspect_ratio (BytedanceSeedance2FastInputAspectRatio | Unset): Aspect ratio of the video; adaptive lets the
            model choose
        duration (int | Unset): Duration of the video in seconds (4 to 15)
        web_search (bool | Unset): Let the model search the web for the prompt (online search).
    """

    prompt: str
    first_frame_url: str | Unset = UNSET
    last_frame_url: str | Unset = UNSET
    reference_image_urls: list[str] | Unset = UNSET
    reference_video_urls: list[str] | Unset = UNSET
    reference_audio_urls: list[str] | Unset = UNSET
    return_last_frame: bool | Unset = UNSET
    generate_audio: bool | Unset = UNSET
    resolution: BytedanceSeedance2FastInputResolution | Unset = UNSET
    aspect_ratio: BytedanceSeedance2FastInputAspectRatio | Unset = UNSET
    duration: int | Unset = UNSET
    web_search: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        first_frame_url = self.first_frame_url

        last_frame_url = self.last_frame_url

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

        duration = self.duration

        web_search = self.web_search

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if first_frame_url is not UNSET:
            field_dict["first_frame_url"] = first_frame_url
        if last_frame_url is not UNSET:
            field_dict["last_frame_url"] = last_frame_url
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
        if web_search is not UNSET:
            field_dict["web_search"] = web_search

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        first_frame_url = d.pop("first_frame_url", UNSET)

        last_frame_url = d.pop("last_frame_url", UNSET)

        reference_image_urls = cast(list[str], d.pop("reference_image_urls", UNSET))

        reference_video_urls = cast(list[str], d.pop("reference_video_urls", UNSET))

        reference_audio_urls = cast(list[str], d.pop("reference_audio_urls", UNSET))

        return_last_frame = d.pop("return_last_frame", UNSET)

        generate_audio = d.pop("generate_audio", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: BytedanceSeedance2FastInputResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = BytedanceSeedance2FastInputResolution(_resolution)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: BytedanceSeedance2FastInputAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = BytedanceSeedance2FastInputAspectRatio(_aspect_ratio)

        duration = d.pop("duration", UNSET)

        web_search = d.pop("web_search", UNSET)

        bytedance_seedance_2_fast_input = cls(
            prompt=prompt,
            first_frame_url=first_frame_url,
            last_frame_url=last_frame_url,
            reference_image_urls=reference_image_urls,
            reference_video_urls=reference_video_urls,
            reference_audio_urls=reference_audio_urls,
            return_last_frame=return_last_frame,
            generate_audio=generate_audio,
            resolution=resolution,
            aspect_ratio=aspect_ratio,
            duration=duration,
            web_search=web_search,
        )

        bytedance_seedance_2_fast_input.additional_properties = d
        return bytedance_seedance_2_fast_input

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
