from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.content_generation_task_ratio import ContentGenerationTaskRatio
from ..models.content_generation_task_resolution import ContentGenerationTaskResolution
from ..models.content_generation_task_service_tier import (
    ContentGenerationTaskServiceTier,
)
from ..models.content_generation_task_status import ContentGenerationTaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_content import TaskContent
    from ..models.task_error import TaskError
    from ..models.task_tool import TaskTool
    from ..models.task_usage import TaskUsage


T = TypeVar("T", bound="ContentGenerationTask")


@_attrs_define
class ContentGenerationTask:
    """A task as `getContentGenerationTask`, the list and the callback answer it. Only `id`
    and `status` are sure to be present; unknown fields may appear.

        Attributes:
            id (str):
            status (ContentGenerationTaskStatus | str): `queued`, `running`, `cancelled` (only queued tasks can be
                cancelled; cancelled
                records vanish after 24 h), `succeeded`, `failed`, `expired` (passed
                `execution_expires_after`).
            model (str | Unset): The model (name-version) or endpoint that ran the task.
            error (None | TaskError | Unset):
            content (None | TaskContent | Unset):
            usage (None | TaskUsage | Unset):
            created_at (int | str | Unset): Creation time, unix seconds.
            updated_at (int | str | Unset): Last status change, unix seconds.
            seed (int | str | Unset): The seed actually used.
            resolution (ContentGenerationTaskResolution | str | Unset):
            ratio (ContentGenerationTaskRatio | str | Unset):
            duration (int | Unset): Seconds of video produced.
            frames (int | Unset):
            framespersecond (int | Unset): Frame rate (24 for current Seedance models).
            generate_audio (bool | Unset):
            draft (bool | Unset):
            draft_task_id (str | Unset): The draft this task refined, if any.
            service_tier (ContentGenerationTaskServiceTier | str | Unset):
            execution_expires_after (int | Unset):
            safety_identifier (str | Unset):
            priority (int | Unset):
            revised_prompt (str | Unset): The prompt after server-side rewriting, when that ran.
            tools (list[TaskTool] | Unset):
            output_format (str | Unset): The output container (the official SDK's task type has it).
    """

    id: str
    status: ContentGenerationTaskStatus | str
    model: str | Unset = UNSET
    error: None | TaskError | Unset = UNSET
    content: None | TaskContent | Unset = UNSET
    usage: None | TaskUsage | Unset = UNSET
    created_at: int | str | Unset = UNSET
    updated_at: int | str | Unset = UNSET
    seed: int | str | Unset = UNSET
    resolution: ContentGenerationTaskResolution | str | Unset = UNSET
    ratio: ContentGenerationTaskRatio | str | Unset = UNSET
    duration: int | Unset = UNSET
    frames: int | Unset = UNSET
    framespersecond: int | Unset = UNSET
    generate_audio: bool | Unset = UNSET
    draft: bool | Unset = UNSET
    draft_task_id: str | Unset = UNSET
    service_tier: ContentGenerationTaskServiceTier | str | Unset = UNSET
    execution_expires_after: int | Unset = UNSET
    safety_identifier: str | Unset = UNSET
    priority: int | Unset = UNSET
    revised_prompt: str | Unset = UNSET
    tools: list[TaskTool] | Unset = UNSET
    output_format: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_content import TaskContent
        from ..models.task_error import TaskError
        from ..models.task_usage import TaskUsage

        id = self.id

        status: str
        if isinstance(self.status, ContentGenerationTaskStatus):
            status = self.status.value
        else:
            status = self.status

        model = self.model

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, TaskError):
            error = self.error.to_dict()
        else:
            error = self.error

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, TaskContent):
            content = self.content.to_dict()
        else:
            content = self.content

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, TaskUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        created_at: int | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        updated_at: int | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        seed: int | str | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        resolution: str | Unset
        if isinstance(self.resolution, Unset):
            resolution = UNSET
        elif isinstance(self.resolution, ContentGenerationTaskResolution):
            resolution = self.resolution.value
        else:
            resolution = self.resolution

        ratio: str | Unset
        if isinstance(self.ratio, Unset):
            ratio = UNSET
        elif isinstance(self.ratio, ContentGenerationTaskRatio):
            ratio = self.ratio.value
        else:
            ratio = self.ratio

        duration = self.duration

        frames = self.frames

        framespersecond = self.framespersecond

        generate_audio = self.generate_audio

        draft = self.draft

        draft_task_id = self.draft_task_id

        service_tier: str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
        elif isinstance(self.service_tier, ContentGenerationTaskServiceTier):
            service_tier = self.service_tier.value
        else:
            service_tier = self.service_tier

        execution_expires_after = self.execution_expires_after

        safety_identifier = self.safety_identifier

        priority = self.priority

        revised_prompt = self.revised_prompt

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        output_format = self.output_format

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if error is not UNSET:
            field_dict["error"] = error
        if content is not UNSET:
            field_dict["content"] = content
        if usage is not UNSET:
            field_dict["usage"] = usage
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
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
        if framespersecond is not UNSET:
            field_dict["framespersecond"] = framespersecond
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio
        if draft is not UNSET:
            field_dict["draft"] = draft
        if draft_task_id is not UNSET:
            field_dict["draft_task_id"] = draft_task_id
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if execution_expires_after is not UNSET:
            field_dict["execution_expires_after"] = execution_expires_after
        if safety_identifier is not UNSET:
            field_dict["safety_identifier"] = safety_identifier
        if priority is not UNSET:
            field_dict["priority"] = priority
        if revised_prompt is not UNSET:
            field_dict["revised_prompt"] = revised_prompt
        if tools is not UNSET:
            field_dict["tools"] = tools
        if output_format is not UNSET:
            field_dict["output_format"] = output_format

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_content import TaskContent
        from ..models.task_error import TaskError
        from ..models.task_tool import TaskTool
        from ..models.task_usage import TaskUsage

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_status(data: object) -> ContentGenerationTaskStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ContentGenerationTaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContentGenerationTaskStatus | str, data)

        status = _parse_status(d.pop("status"))

        model = d.pop("model", UNSET)

        def _parse_error(data: object) -> None | TaskError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = TaskError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskError | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_content(data: object) -> None | TaskContent | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_0 = TaskContent.from_dict(data)

                return content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskContent | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_usage(data: object) -> None | TaskUsage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = TaskUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskUsage | Unset, data)

        usage = _parse_usage(d.pop("usage", UNSET))

        def _parse_created_at(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_updated_at(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_seed(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        def _parse_resolution(
            data: object,
        ) -> ContentGenerationTaskResolution | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_0 = ContentGenerationTaskResolution(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContentGenerationTaskResolution | str | Unset, data)

        resolution = _parse_resolution(d.pop("resolution", UNSET))

        def _parse_ratio(data: object) -> ContentGenerationTaskRatio | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ratio_type_0 = ContentGenerationTaskRatio(data)

                return ratio_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContentGenerationTaskRatio | str | Unset, data)

        ratio = _parse_ratio(d.pop("ratio", UNSET))

        duration = d.pop("duration", UNSET)

        frames = d.pop("frames", UNSET)

        framespersecond = d.pop("framespersecond", UNSET)

        generate_audio = d.pop("generate_audio", UNSET)

        draft = d.pop("draft", UNSET)

        draft_task_id = d.pop("draft_task_id", UNSET)

        def _parse_service_tier(
            data: object,
        ) -> ContentGenerationTaskServiceTier | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                service_tier_type_0 = ContentGenerationTaskServiceTier(data)

                return service_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContentGenerationTaskServiceTier | str | Unset, data)

        service_tier = _parse_service_tier(d.pop("service_tier", UNSET))

        execution_expires_after = d.pop("execution_expires_after", UNSET)

        safety_identifier = d.pop("safety_identifier", UNSET)

        priority = d.pop("priority", UNSET)

        revised_prompt = d.pop("revised_prompt", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[TaskTool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = TaskTool.from_dict(tools_item_data)

                tools.append(tools_item)

        output_format = d.pop("output_format", UNSET)

        content_generation_task = cls(
            id=id,
            status=status,
            model=model,
            error=error,
            content=content,
            usage=usage,
            created_at=created_at,
            updated_at=updated_at,
            seed=seed,
            resolution=resolution,
            ratio=ratio,
            duration=duration,
            frames=frames,
            framespersecond=framespersecond,
            generate_audio=generate_audio,
            draft=draft,
            draft_task_id=draft_task_id,
            service_tier=service_tier,
            execution_expires_after=execution_expires_after,
            safety_identifier=safety_identifier,
            priority=priority,
            revised_prompt=revised_prompt,
            tools=tools,
            output_format=output_format,
        )

        content_generation_task.additional_properties = d
        return content_generation_task

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
