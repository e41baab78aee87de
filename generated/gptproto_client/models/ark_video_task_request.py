from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ark_video_task_request_ratio import ArkVideoTaskRequestRatio
from ..models.ark_video_task_request_resolution import ArkVideoTaskRequestResolution
from ..models.ark_video_task_request_service_tier import ArkVideoTaskRequestServiceTier
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ark_image_content_item import ArkImageContentItem
    from ..models.ark_text_content_item import ArkTextContentItem


T = TypeVar("T", bound="ArkVideoTaskRequest")


@_attrs_define
class ArkVideoTaskRequest:
    """Ark's create body, which the newer "official format" pages use. Options may also ride
    as `--ratio`-style suffixes in the text item. Which options a model takes varies
    (GPTProto's "Model Field Compatibility" table).

        Attributes:
            model (str): The model id (e.g. `seedance-1-0-pro-250528`, `doubao-seedance-1-5-pro-251215`) or an endpoint id.
            content (list[ArkImageContentItem | ArkTextContentItem]): The prompt (`text` item) and any images (`image_url`
                items).
            callback_url (str | Unset): Ark POSTs the task (ArkTask) here whenever its status changes.
            return_last_frame (bool | Unset): Also return the video's last frame (`content.last_frame_url`).
            generate_audio (bool | Unset): Generate synchronized sound (Seedance 1.5 pro and later). Default: True.
            draft (bool | Unset): Generate a draft preview (Seedance 1.5 pro).
            camera_fixed (bool | Unset):
            watermark (bool | Unset):
            seed (int | Unset): -1 lets the model choose.
            resolution (ArkVideoTaskRequestResolution | Unset): 4k only on Seedance 2.0 (x-seedance-models, as
                specs/ark/ark.yaml).
            ratio (ArkVideoTaskRequestRatio | Unset):
            duration (int | Unset): Seconds. Per model: Seedance 1.0 2-12; 1.5 pro 4-12 or -1 (the model chooses);
                2.0 4-15 or -1. Don't set together with `frames`.
            frames (int | Unset): Frame count (25 + 4n); instead of `duration`.
            service_tier (ArkVideoTaskRequestServiceTier | Unset):
            execution_expires_after (int | Unset): Seconds after which an unfinished task expires.
            safety_identifier (str | Unset):
            priority (int | Unset):
    """

    model: str
    content: list[ArkImageContentItem | ArkTextContentItem]
    callback_url: str | Unset = UNSET
    return_last_frame: bool | Unset = UNSET
    generate_audio: bool | Unset = True
    draft: bool | Unset = UNSET
    camera_fixed: bool | Unset = UNSET
    watermark: bool | Unset = UNSET
    seed: int | Unset = UNSET
    resolution: ArkVideoTaskRequestResolution | Unset = UNSET
    ratio: ArkVideoTaskRequestRatio | Unset = UNSET
    duration: int | Unset = UNSET
    frames: int | Unset = UNSET
    service_tier: ArkVideoTaskRequestServiceTier | Unset = UNSET
    execution_expires_after: int | Unset = UNSET
    safety_identifier: str | Unset = UNSET
    priority: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ark_text_content_item import ArkTextContentItem

        model = self.model

        content = []
        for content_item_data in self.content:
            content_item: dict[str, Any]
            if isinstance(content_item_data, ArkTextContentItem):
                content_item = content_item_data.to_dict()
            else:
                content_item = content_item_data.to_dict()

            content.append(content_item)

        callback_url = self.callback_url

        return_last_frame = self.return_last_frame

        generate_audio = self.generate_audio

        draft = self.draft

        camera_fixed = self.camera_fixed

        watermark = self.watermark

        seed = self.seed

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution.value

        ratio: str | Unset = UNSET
        if not isinstance(self.ratio, Unset):
            ratio = self.ratio.value

        duration = self.duration

        frames = self.frames

        service_tier: str | Unset = UNSET
        if not isinstance(self.service_tier, Unset):
            service_tier = self.service_tier.value

        execution_expires_after = self.execution_expires_after

        safety_identifier = self.safety_identifier

        priority = self.priority

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "content": content,
            }
        )
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if return_last_frame is not UNSET:
            field_dict["return_last_frame"] = return_last_frame
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio
        if draft is not UNSET:
            field_dict["draft"] = draft
        if camera_fixed is not UNSET:
            field_dict["camera_fixed"] = camera_fixed
        if watermark is not UNSET:
            field_dict["watermark"] = watermark
        if seed is not UNSET:
            field_dict["seed"] = seed
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if duration is not UNSET:
            field_dict["duration"] = duration
        if frames is not UNSET:
            field_dict["frames"] = frames
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if execution_expires_after is not UNSET:
            field_dict["execution_expires_after"] = execution_expires_after
        if safety_identifier is not UNSET:
            field_dict["safety_identifier"] = safety_identifier
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ark_image_content_item import ArkImageContentItem
        from ..models.ark_text_content_item import ArkTextContentItem

        d = dict(src_dict)
        model = d.pop("model")

        content = []
        _content = d.pop("content")
        for content_item_data in _content:

            def _parse_content_item(
                data: object,
            ) -> ArkImageContentItem | ArkTextContentItem:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_ark_content_item_type_0 = (
                        ArkTextContentItem.from_dict(data)
                    )

                    return componentsschemas_ark_content_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ark_content_item_type_1 = (
                    ArkImageContentItem.from_dict(data)
                )

                return componentsschemas_ark_content_item_type_1

            content_item = _parse_content_item(content_item_data)

            content.append(content_item)

        callback_url = d.pop("callback_url", UNSET)

        return_last_frame = d.pop("return_last_frame", UNSET)

        generate_audio = d.pop("generate_audio", UNSET)

        draft = d.pop("draft", UNSET)

        camera_fixed = d.pop("camera_fixed", UNSET)

        watermark = d.pop("watermark", UNSET)

        seed = d.pop("seed", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: ArkVideoTaskRequestResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = ArkVideoTaskRequestResolution(_resolution)

        _ratio = d.pop("ratio", UNSET)
        ratio: ArkVideoTaskRequestRatio | Unset
        if isinstance(_ratio, Unset):
            ratio = UNSET
        else:
            ratio = ArkVideoTaskRequestRatio(_ratio)

        duration = d.pop("duration", UNSET)

        frames = d.pop("frames", UNSET)

        _service_tier = d.pop("service_tier", UNSET)
        service_tier: ArkVideoTaskRequestServiceTier | Unset
        if isinstance(_service_tier, Unset):
            service_tier = UNSET
        else:
            service_tier = ArkVideoTaskRequestServiceTier(_service_tier)

        execution_expires_after = d.pop("execution_expires_after", UNSET)

        safety_identifier = d.pop("safety_identifier", UNSET)

        priority = d.pop("priority", UNSET)

        ark_video_task_request = cls(
            model=model,
            content=content,
            callback_url=callback_url,
            return_last_frame=return_last_frame,
            generate_audio=generate_audio,
            draft=draft,
            camera_fixed=camera_fixed,
            watermark=watermark,
            seed=seed,
            resolution=resolution,
            ratio=ratio,
            duration=duration,
            frames=frames,
            service_tier=service_tier,
            execution_expires_after=execution_expires_after,
            safety_identifier=safety_identifier,
            priority=priority,
        )

        ark_video_task_request.additional_properties = d
        return ark_video_task_request

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
