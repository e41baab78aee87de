from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_content_generation_task_request_ratio import (
    CreateContentGenerationTaskRequestRatio,
)
from ..models.create_content_generation_task_request_reasoning_effort import (
    CreateContentGenerationTaskRequestReasoningEffort,
)
from ..models.create_content_generation_task_request_resolution import (
    CreateContentGenerationTaskRequestResolution,
)
from ..models.create_content_generation_task_request_service_tier import (
    CreateContentGenerationTaskRequestServiceTier,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audio_content import AudioContent
    from ..models.draft_task_content import DraftTaskContent
    from ..models.image_content import ImageContent
    from ..models.text_content import TextContent
    from ..models.tool import Tool
    from ..models.video_content import VideoContent


T = TypeVar("T", bound="CreateContentGenerationTaskRequest")


@_attrs_define
class CreateContentGenerationTaskRequest:
    """Body of `createContentGenerationTask`. Defaults named below are the server's; omit a field to get them.

    Attributes:
        model (str): Model id (e.g. `seedance-1-5-pro-251215`, `seedance-1-0-pro-250528`,
            `seedance-1-0-pro-fast-251015`, `seedance-1-0-lite-t2v-250428`,
            `seedance-1-0-lite-i2v-250428`, `dreamina-seedance-2-0-260128`; Volcengine ids carry a
            `doubao-` prefix) or an endpoint id (`ep-...`).
        content (list[AudioContent | DraftTaskContent | ImageContent | TextContent | VideoContent]): Ordered inputs: a
            text prompt and/or images (first frame, first + last frame, or
            reference images), reference videos/audios (Seedance 2.0), or a single draft task.
        callback_url (str | Unset): URL that Ark POSTs the task object to on every status change (see the callback).
        return_last_frame (bool | Unset): Also return the last frame as an image (`content.last_frame_url`). Default
            false.
        service_tier (CreateContentGenerationTaskRequestServiceTier | Unset): `default` = online inference; `flex` =
            offline inference (higher quota, lower price, slower). Default `default`.
        execution_expires_after (int | Unset): Seconds from creation after which an unfinished task becomes `expired`.
            Default 172800 (48 h).
        generate_audio (bool | Unset): Generate a synchronised soundtrack (Seedance 1.5 pro and 2.0; other models ignore
            it).
        draft (bool | Unset): Generate a cheaper low-quality draft whose id can later seed a `draft_task` item (Seedance
            1.5 pro).
        camera_fixed (bool | Unset): Keep the camera still (appends a fixed-camera instruction; not guaranteed). Default
            false.
        watermark (bool | Unset): Add a watermark (the default differs between the sources we read).
        seed (int | Unset): Random seed, `[-1, 2^32-1]`; -1 (default) = random. The same seed gives similar, not
            identical, results.
        resolution (CreateContentGenerationTaskRequestResolution | Unset): Output resolution. Default depends on the
            model (720p for 1.5 pro and 1.0 lite, 1080p for 1.0 pro / pro-fast); 1080p is not offered by every model.
        ratio (CreateContentGenerationTaskRequestRatio | Unset): Aspect ratio; `adaptive` lets the model choose (from
            the prompt, or from the first frame image). Default depends on the model and mode.
        duration (int | Unset): Seconds of video. Model-specific ranges: Seedance 1.0 pro / pro-fast / lite 2-12;
            Seedance 1.5 pro 4-12 or -1 (the model chooses 4-12); Seedance 2.0 4-15 or -1.
            Default 5. Give `duration` or `frames`, not both.
        frames (int | Unset): Number of frames, an alternative to `duration`: an integer of the form 25 + 4n in
            [29, 289] (documented for the Seedance 1.0 models).
        safety_identifier (str | Unset): A stable identifier of your end user, for abuse detection.
        priority (int | Unset): Task priority. Listed by BytePlus-compatible API mirrors and echoed (`0`) in a
            mirrored task object; not in the official SDK types; meaning and range not documented
            in the sources we read.
        optimize_prompt (bool | Unset): Rewrite the prompt before generation (listed by the official SDK's request type
            only).
        tools (list[Tool] | Unset): Tools the model may use, e.g. web search (listed by the official SDK; Seedance 2.0
            text to video).
        reasoning_effort (CreateContentGenerationTaskRequestReasoningEffort | Unset): Reasoning effort hint (listed by
            the official SDK's request type only).
        human_face_mode (str | Unset): Human-face handling mode (official SDK only; e.g. `strict`, `relaxed`).
        subdivision_level (str | Unset): Render-quality tier for 3D generation models (official SDK only; not used by
            Seedance).
        file_format (str | Unset): Output file format for 3D generation models (official SDK only; not used by
            Seedance).
    """

    model: str
    content: list[
        AudioContent | DraftTaskContent | ImageContent | TextContent | VideoContent
    ]
    callback_url: str | Unset = UNSET
    return_last_frame: bool | Unset = UNSET
    service_tier: CreateContentGenerationTaskRequestServiceTier | Unset = UNSET
    execution_expires_after: int | Unset = UNSET
    generate_audio: bool | Unset = UNSET
    draft: bool | Unset = UNSET
    camera_fixed: bool | Unset = UNSET
    watermark: bool | Unset = UNSET
    seed: int | Unset = UNSET
    resolution: CreateContentGenerationTaskRequestResolution | Unset = UNSET
    ratio: CreateContentGenerationTaskRequestRatio | Unset = UNSET
    duration: int | Unset = UNSET
    frames: int | Unset = UNSET
    safety_identifier: str | Unset = UNSET
    priority: int | Unset = UNSET
    optimize_prompt: bool | Unset = UNSET
    tools: list[Tool] | Unset = UNSET
    reasoning_effort: CreateContentGenerationTaskRequestReasoningEffort | Unset = UNSET
    human_face_mode: str | Unset = UNSET
    subdivision_level: str | Unset = UNSET
    file_format: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audio_content import AudioContent
        from ..models.image_content import ImageContent
        from ..models.text_content import TextContent
        from ..models.video_content import VideoContent

        model = self.model

        content = []
        for content_item_data in self.content:
            content_item: dict[str, Any]
            if (
                isinstance(content_item_data, TextContent)
                or isinstance(content_item_data, ImageContent)
                or isinstance(content_item_data, VideoContent)
                or isinstance(content_item_data, AudioContent)
            ):
                content_item = content_item_data.to_dict()
            else:
                content_item = content_item_data.to_dict()

            content.append(content_item)

        callback_url = self.callback_url

        return_last_frame = self.return_last_frame

        service_tier: str | Unset = UNSET
        if not isinstance(self.service_tier, Unset):
            service_tier = self.service_tier.value

        execution_expires_after = self.execution_expires_after

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

        safety_identifier = self.safety_identifier

        priority = self.priority

        optimize_prompt = self.optimize_prompt

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        reasoning_effort: str | Unset = UNSET
        if not isinstance(self.reasoning_effort, Unset):
            reasoning_effort = self.reasoning_effort.value

        human_face_mode = self.human_face_mode

        subdivision_level = self.subdivision_level

        file_format = self.file_format

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
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if execution_expires_after is not UNSET:
            field_dict["execution_expires_after"] = execution_expires_after
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
        if safety_identifier is not UNSET:
            field_dict["safety_identifier"] = safety_identifier
        if priority is not UNSET:
            field_dict["priority"] = priority
        if optimize_prompt is not UNSET:
            field_dict["optimize_prompt"] = optimize_prompt
        if tools is not UNSET:
            field_dict["tools"] = tools
        if reasoning_effort is not UNSET:
            field_dict["reasoning_effort"] = reasoning_effort
        if human_face_mode is not UNSET:
            field_dict["human_face_mode"] = human_face_mode
        if subdivision_level is not UNSET:
            field_dict["subdivision_level"] = subdivision_level
        if file_format is not UNSET:
            field_dict["file_format"] = file_format

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audio_content import AudioContent
        from ..models.draft_task_content import DraftTaskContent
        from ..models.image_content import ImageContent
        from ..models.text_content import TextContent
        from ..models.tool import Tool
        from ..models.video_content import VideoContent

        d = dict(src_dict)
        model = d.pop("model")

        content = []
        _content = d.pop("content")
        for content_item_data in _content:

            def _parse_content_item(
                data: object,
            ) -> (
                AudioContent
                | DraftTaskContent
                | ImageContent
                | TextContent
                | VideoContent
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    content_item_type_0 = TextContent.from_dict(data)

                    return content_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    content_item_type_1 = ImageContent.from_dict(data)

                    return content_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    content_item_type_2 = VideoContent.from_dict(data)

                    return content_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    content_item_type_3 = AudioContent.from_dict(data)

                    return content_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                content_item_type_4 = DraftTaskContent.from_dict(data)

                return content_item_type_4

            content_item = _parse_content_item(content_item_data)

            content.append(content_item)

        callback_url = d.pop("callback_url", UNSET)

        return_last_frame = d.pop("return_last_frame", UNSET)

        _service_tier = d.pop("service_tier", UNSET)
        service_tier: CreateContentGenerationTaskRequestServiceTier | Unset
        if isinstance(_service_tier, Unset):
            service_tier = UNSET
        else:
            service_tier = CreateContentGenerationTaskRequestServiceTier(_service_tier)

        execution_expires_after = d.pop("execution_expires_after", UNSET)

        generate_audio = d.pop("generate_audio", UNSET)

        draft = d.pop("draft", UNSET)

        camera_fixed = d.pop("camera_fixed", UNSET)

        watermark = d.pop("watermark", UNSET)

        seed = d.pop("seed", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: CreateContentGenerationTaskRequestResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = CreateContentGenerationTaskRequestResolution(_resolution)

        _ratio = d.pop("ratio", UNSET)
        ratio: CreateContentGenerationTaskRequestRatio | Unset
        if isinstance(_ratio, Unset):
            ratio = UNSET
        else:
            ratio = CreateContentGenerationTaskRequestRatio(_ratio)

        duration = d.pop("duration", UNSET)

        frames = d.pop("frames", UNSET)

        safety_identifier = d.pop("safety_identifier", UNSET)

        priority = d.pop("priority", UNSET)

        optimize_prompt = d.pop("optimize_prompt", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[Tool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = Tool.from_dict(tools_item_data)

                tools.append(tools_item)

        _reasoning_effort = d.pop("reasoning_effort", UNSET)
        reasoning_effort: CreateContentGenerationTaskRequestReasoningEffort | Unset
        if isinstance(_reasoning_effort, Unset):
            reasoning_effort = UNSET
        else:
            reasoning_effort = CreateContentGenerationTaskRequestReasoningEffort(
                _reasoning_effort
            )

        human_face_mode = d.pop("human_face_mode", UNSET)

        subdivision_level = d.pop("subdivision_level", UNSET)

        file_format = d.pop("file_format", UNSET)

        create_content_generation_task_request = cls(
            model=model,
            content=content,
            callback_url=callback_url,
            return_last_frame=return_last_frame,
            service_tier=service_tier,
            execution_expires_after=execution_expires_after,
            generate_audio=generate_audio,
            draft=draft,
            camera_fixed=camera_fixed,
            watermark=watermark,
            seed=seed,
            resolution=resolution,
            ratio=ratio,
            duration=duration,
            frames=frames,
            safety_identifier=safety_identifier,
            priority=priority,
            optimize_prompt=optimize_prompt,
            tools=tools,
            reasoning_effort=reasoning_effort,
            human_face_mode=human_face_mode,
            subdivision_level=subdivision_level,
            file_format=file_format,
        )

        create_content_generation_task_request.additional_properties = d
        return create_content_generation_task_request

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
