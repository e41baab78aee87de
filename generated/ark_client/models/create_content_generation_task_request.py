from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_content_generation_task_request_omni_reference_task_type import (
    CreateContentGenerationTaskRequestOmniReferenceTaskType,
)
from ..models.create_content_generation_task_request_ratio import (
    CreateContentGenerationTaskRequestRatio,
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
    """Body of `createContentGenerationTask`. Defaults named below are the server's; omit a
    field (or send null) to get them. Every optional field is nullable because the official
    SDK (`byteplussdkarkruntime` `content_generation.tasks.create`) sends null for each one it
    is not given, so Ark must read null as absent.

        Attributes:
            model (str): Model id (e.g. `seedance-1-5-pro-251215`, `seedance-1-0-pro-250528`,
                `seedance-1-0-pro-fast-251015`, `seedance-1-0-lite-t2v-250428`,
                `seedance-1-0-lite-i2v-250428`, `dreamina-seedance-2-0-260128`,
                `dreamina-seedance-2-0-fast-260128`, `dreamina-seedance-2-0-mini-260615`,
                `dreamina-seedance-2-5-260628`; Volcengine ids carry a `doubao-` prefix instead of
                `dreamina-`) or an inference endpoint id (`ep-...`, pattern in
                `x-seedance-models.endpoint_pattern`); the official SDKs take any string.
            content (list[AudioContent | DraftTaskContent | ImageContent | TextContent | VideoContent]): Ordered inputs: a
                text prompt and/or images (first frame, first + last frame, or
                reference images), reference videos/audios (Seedance 2.0), or a single draft task.
            callback_url (None | str | Unset): URL that Ark POSTs the task object to on every status change (see the
                callback).
            return_last_frame (bool | None | Unset): Also return the last frame as an image (`content.last_frame_url`).
                Default false.
            service_tier (CreateContentGenerationTaskRequestServiceTier | None | Unset): `default` = online inference;
                `flex` = offline inference (higher quota, lower price, slower). Default `default`.
            execution_expires_after (int | None | Unset): Seconds from creation after which an unfinished task becomes
                `expired`. Default 172800 (48 h).
            generate_audio (bool | None | Unset): Generate a synchronised soundtrack (Seedance 1.5 pro and 2.0; other models
                ignore it).
            draft (bool | None | Unset): Generate a cheaper low-quality draft whose id can later seed a `draft_task` item
                (Seedance 1.5 pro).
            camera_fixed (bool | None | Unset): Keep the camera still (appends a fixed-camera instruction; not guaranteed).
                Default false.
            watermark (bool | None | Unset): Add a watermark (the default differs between the sources we read).
            seed (int | None | Unset): Random seed, `[-1, 2^32-1]`; -1 (default) = random. The same seed gives similar, not
                identical, results.
            resolution (CreateContentGenerationTaskRequestResolution | None | Unset): Output resolution. Default depends on
                the model (720p for 1.5 pro, 1.0 lite and 2.x, 1080p for 1.0 pro / pro-fast); 1080p and 4k are not offered by
                every model (`x-seedance-models`).
            ratio (CreateContentGenerationTaskRequestRatio | None | Unset): Aspect ratio; `adaptive` lets the model choose
                (from the prompt, or from the first frame image). Default depends on the model and mode.
            duration (int | None | Unset): Seconds of video. Model-specific ranges: Seedance 1.0 pro / pro-fast / lite 2-12;
                Seedance 1.5 pro 4-12 or -1 (the model chooses 4-12); Seedance 2.0 (fast, mini)
                4-15 or -1; Seedance 2.5 4-30 or -1 (`x-seedance-models`). Default 5. Give
                `duration` or `frames`, not both. `omni_reference_task_type: edit` needs -1.
            frames (int | None | Unset): Number of frames, an alternative to `duration`: an integer of the form 25 + 4n in
                [29, 289] (documented for the Seedance 1.0 models).
            safety_identifier (None | str | Unset): A stable identifier of your end user, for abuse detection.
            priority (int | None | Unset): Task priority. Listed by BytePlus-compatible API mirrors and echoed (`0`) in a
                mirrored task object; not in the official SDK types; meaning and range not documented
                in the sources we read.
            tools (list[Tool] | None | Unset): Tools the model may use, e.g. web search (listed by the official SDK;
                Seedance 2.0 text to video).
            human_face_mode (None | str | Unset): **Inferred**: in neither official SDK (byteplus-python-sdk-v2 3.0.63,
                volcengine-python-sdk 5.0.54); one public Volcengine client sends `inpainting`
                (portrait protection) for some models and says Seedance 2.5 refuses the field.
            output_format (None | str | Unset): Container of the output video. Sent (as null unless given) by the official
                SDK's
                `tasks.create` since byteplus-python-sdk-v2 3.0.63; ComfyUI's comfy_api_nodes sends
                `mp4` for Seedance 2.x and describes Seedance 2.5 as offering mp4 and mov.
            omni_reference_task_type (CreateContentGenerationTaskRequestOmniReferenceTaskType | None | Unset): What a
                multimodal-reference task does with its reference media (Seedance 2.x).
                Omitted (or null) = `auto`: the model infers it from the prompt and inputs, and a
                conflicting setting fails only after generation started. `reference`: a new video
                guided by the references; `edit`: change a reference video (needs `duration: -1`
                and `ratio: adaptive`, else `InvalidParameter.TaskTypeConstraint`); `extend`:
                continue a reference video (ratio follows the clip). Sent by the official SDK's
                `tasks.create` since byteplus-python-sdk-v2 3.0.63; values and rules from ComfyUI's
                comfy_api_nodes (`Seedance2TaskCreationRequest`, `_seedance2_build_request`);
                `x-seedance-models.task_type_rules` has the rules in readable form.
    """

    model: str
    content: list[
        AudioContent | DraftTaskContent | ImageContent | TextContent | VideoContent
    ]
    callback_url: None | str | Unset = UNSET
    return_last_frame: bool | None | Unset = UNSET
    service_tier: CreateContentGenerationTaskRequestServiceTier | None | Unset = UNSET
    execution_expires_after: int | None | Unset = UNSET
    generate_audio: bool | None | Unset = UNSET
    draft: bool | None | Unset = UNSET
    camera_fixed: bool | None | Unset = UNSET
    watermark: bool | None | Unset = UNSET
    seed: int | None | Unset = UNSET
    resolution: CreateContentGenerationTaskRequestResolution | None | Unset = UNSET
    ratio: CreateContentGenerationTaskRequestRatio | None | Unset = UNSET
    duration: int | None | Unset = UNSET
    frames: int | None | Unset = UNSET
    safety_identifier: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    tools: list[Tool] | None | Unset = UNSET
    human_face_mode: None | str | Unset = UNSET
    output_format: None | str | Unset = UNSET
    omni_reference_task_type: (
        CreateContentGenerationTaskRequestOmniReferenceTaskType | None | Unset
    ) = UNSET
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

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        return_last_frame: bool | None | Unset
        if isinstance(self.return_last_frame, Unset):
            return_last_frame = UNSET
        else:
            return_last_frame = self.return_last_frame

        service_tier: None | str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
        elif isinstance(
            self.service_tier, CreateContentGenerationTaskRequestServiceTier
        ):
            service_tier = self.service_tier.value
        else:
            service_tier = self.service_tier

        execution_expires_after: int | None | Unset
        if isinstance(self.execution_expires_after, Unset):
            execution_expires_after = UNSET
        else:
            execution_expires_after = self.execution_expires_after

        generate_audio: bool | None | Unset
        if isinstance(self.generate_audio, Unset):
            generate_audio = UNSET
        else:
            generate_audio = self.generate_audio

        draft: bool | None | Unset
        if isinstance(self.draft, Unset):
            draft = UNSET
        else:
            draft = self.draft

        camera_fixed: bool | None | Unset
        if isinstance(self.camera_fixed, Unset):
            camera_fixed = UNSET
        else:
            camera_fixed = self.camera_fixed

        watermark: bool | None | Unset
        if isinstance(self.watermark, Unset):
            watermark = UNSET
        else:
            watermark = self.watermark

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        resolution: None | str | Unset
        if isinstance(self.resolution, Unset):
            resolution = UNSET
        elif isinstance(self.resolution, CreateContentGenerationTaskRequestResolution):
            resolution = self.resolution.value
        else:
            resolution = self.resolution

        ratio: None | str | Unset
        if isinstance(self.ratio, Unset):
            ratio = UNSET
        elif isinstance(self.ratio, CreateContentGenerationTaskRequestRatio):
            ratio = self.ratio.value
        else:
            ratio = self.ratio

        duration: int | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        frames: int | None | Unset
        if isinstance(self.frames, Unset):
            frames = UNSET
        else:
            frames = self.frames

        safety_identifier: None | str | Unset
        if isinstance(self.safety_identifier, Unset):
            safety_identifier = UNSET
        else:
            safety_identifier = self.safety_identifier

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        tools: list[dict[str, Any]] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = []
            for tools_type_0_item_data in self.tools:
                tools_type_0_item = tools_type_0_item_data.to_dict()
                tools.append(tools_type_0_item)

        else:
            tools = self.tools

        human_face_mode: None | str | Unset
        if isinstance(self.human_face_mode, Unset):
            human_face_mode = UNSET
        else:
            human_face_mode = self.human_face_mode

        output_format: None | str | Unset
        if isinstance(self.output_format, Unset):
            output_format = UNSET
        else:
            output_format = self.output_format

        omni_reference_task_type: None | str | Unset
        if isinstance(self.omni_reference_task_type, Unset):
            omni_reference_task_type = UNSET
        elif isinstance(
            self.omni_reference_task_type,
            CreateContentGenerationTaskRequestOmniReferenceTaskType,
        ):
            omni_reference_task_type = self.omni_reference_task_type.value
        else:
            omni_reference_task_type = self.omni_reference_task_type

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
        if tools is not UNSET:
            field_dict["tools"] = tools
        if human_face_mode is not UNSET:
            field_dict["human_face_mode"] = human_face_mode
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if omni_reference_task_type is not UNSET:
            field_dict["omni_reference_task_type"] = omni_reference_task_type

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

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_return_last_frame(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        return_last_frame = _parse_return_last_frame(d.pop("return_last_frame", UNSET))

        def _parse_service_tier(
            data: object,
        ) -> CreateContentGenerationTaskRequestServiceTier | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                service_tier_type_0 = CreateContentGenerationTaskRequestServiceTier(
                    data
                )

                return service_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                CreateContentGenerationTaskRequestServiceTier | None | Unset, data
            )

        service_tier = _parse_service_tier(d.pop("service_tier", UNSET))

        def _parse_execution_expires_after(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        execution_expires_after = _parse_execution_expires_after(
            d.pop("execution_expires_after", UNSET)
        )

        def _parse_generate_audio(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        generate_audio = _parse_generate_audio(d.pop("generate_audio", UNSET))

        def _parse_draft(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        draft = _parse_draft(d.pop("draft", UNSET))

        def _parse_camera_fixed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        camera_fixed = _parse_camera_fixed(d.pop("camera_fixed", UNSET))

        def _parse_watermark(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        watermark = _parse_watermark(d.pop("watermark", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        def _parse_resolution(
            data: object,
        ) -> CreateContentGenerationTaskRequestResolution | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_0 = CreateContentGenerationTaskRequestResolution(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                CreateContentGenerationTaskRequestResolution | None | Unset, data
            )

        resolution = _parse_resolution(d.pop("resolution", UNSET))

        def _parse_ratio(
            data: object,
        ) -> CreateContentGenerationTaskRequestRatio | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ratio_type_0 = CreateContentGenerationTaskRequestRatio(data)

                return ratio_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateContentGenerationTaskRequestRatio | None | Unset, data)

        ratio = _parse_ratio(d.pop("ratio", UNSET))

        def _parse_duration(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        def _parse_frames(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        frames = _parse_frames(d.pop("frames", UNSET))

        def _parse_safety_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safety_identifier = _parse_safety_identifier(d.pop("safety_identifier", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_tools(data: object) -> list[Tool] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = []
                _tools_type_0 = data
                for tools_type_0_item_data in _tools_type_0:
                    tools_type_0_item = Tool.from_dict(tools_type_0_item_data)

                    tools_type_0.append(tools_type_0_item)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Tool] | None | Unset, data)

        tools = _parse_tools(d.pop("tools", UNSET))

        def _parse_human_face_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        human_face_mode = _parse_human_face_mode(d.pop("human_face_mode", UNSET))

        def _parse_output_format(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_format = _parse_output_format(d.pop("output_format", UNSET))

        def _parse_omni_reference_task_type(
            data: object,
        ) -> CreateContentGenerationTaskRequestOmniReferenceTaskType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                omni_reference_task_type_type_0 = (
                    CreateContentGenerationTaskRequestOmniReferenceTaskType(data)
                )

                return omni_reference_task_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                CreateContentGenerationTaskRequestOmniReferenceTaskType | None | Unset,
                data,
            )

        omni_reference_task_type = _parse_omni_reference_task_type(
            d.pop("omni_reference_task_type", UNSET)
        )

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
            tools=tools,
            human_face_mode=human_face_mode,
            output_format=output_format,
            omni_reference_task_type=omni_reference_task_type,
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
