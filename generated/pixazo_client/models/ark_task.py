from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ark_task_status import ArkTaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ark_task_content import ArkTaskContent
    from ..models.ark_task_error import ArkTaskError
    from ..models.ark_task_usage import ArkTaskUsage


T = TypeVar("T", bound="ArkTask")


@_attrs_define
class ArkTask:
    """Ark's task object (notes/providers.md, Ark section), as getVideoResult and callbacks
    return it. Ark adds fields over time: everything but `id` and `status` is optional.

        Attributes:
            id (str):
            status (ArkTaskStatus | str): Pixazo's table lists the first four; Ark also has cancelled and expired.
            model (str | Unset):
            content (ArkTaskContent | None | Unset): The results, once the task succeeded.
            usage (ArkTaskUsage | None | Unset): Tokens billed, once the task finished.
            error (ArkTaskError | None | Unset): Null unless the task failed.
            seed (int | str | Unset): Ark sends an integer; resellers have been seen sending it as a string.
            resolution (str | Unset):
            ratio (str | Unset):
            duration (int | Unset): Seconds.
            framespersecond (int | Unset):
            created_at (int | str | Unset): Unix seconds; an integer from Ark, a string from some resellers.
            updated_at (int | str | Unset): Unix seconds; an integer from Ark, a string from some resellers.
    """

    id: str
    status: ArkTaskStatus | str
    model: str | Unset = UNSET
    content: ArkTaskContent | None | Unset = UNSET
    usage: ArkTaskUsage | None | Unset = UNSET
    error: ArkTaskError | None | Unset = UNSET
    seed: int | str | Unset = UNSET
    resolution: str | Unset = UNSET
    ratio: str | Unset = UNSET
    duration: int | Unset = UNSET
    framespersecond: int | Unset = UNSET
    created_at: int | str | Unset = UNSET
    updated_at: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ark_task_content import ArkTaskContent
        from ..models.ark_task_error import ArkTaskError
        from ..models.ark_task_usage import ArkTaskUsage

        id = self.id

        status: str
        if isinstance(self.status, ArkTaskStatus):
            status = self.status.value
        else:
            status = self.status

        model = self.model

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, ArkTaskContent):
            content = self.content.to_dict()
        else:
            content = self.content

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, ArkTaskUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ArkTaskError):
            error = self.error.to_dict()
        else:
            error = self.error

        seed: int | str | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        resolution = self.resolution

        ratio = self.ratio

        duration = self.duration

        framespersecond = self.framespersecond

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
        if content is not UNSET:
            field_dict["content"] = content
        if usage is not UNSET:
            field_dict["usage"] = usage
        if error is not UNSET:
            field_dict["error"] = error
        if seed is not UNSET:
            field_dict["seed"] = seed
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if duration is not UNSET:
            field_dict["duration"] = duration
        if framespersecond is not UNSET:
            field_dict["framespersecond"] = framespersecond
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ark_task_content import ArkTaskContent
        from ..models.ark_task_error import ArkTaskError
        from ..models.ark_task_usage import ArkTaskUsage

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_status(data: object) -> ArkTaskStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ArkTaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ArkTaskStatus | str, data)

        status = _parse_status(d.pop("status"))

        model = d.pop("model", UNSET)

        def _parse_content(data: object) -> ArkTaskContent | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_0 = ArkTaskContent.from_dict(data)

                return content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ArkTaskContent | None | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_usage(data: object) -> ArkTaskUsage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = ArkTaskUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ArkTaskUsage | None | Unset, data)

        usage = _parse_usage(d.pop("usage", UNSET))

        def _parse_error(data: object) -> ArkTaskError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ArkTaskError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ArkTaskError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_seed(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        resolution = d.pop("resolution", UNSET)

        ratio = d.pop("ratio", UNSET)

        duration = d.pop("duration", UNSET)

        framespersecond = d.pop("framespersecond", UNSET)

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

        ark_task = cls(
            id=id,
            status=status,
            model=model,
            content=content,
            usage=usage,
            error=error,
            seed=seed,
            resolution=resolution,
            ratio=ratio,
            duration=duration,
            framespersecond=framespersecond,
            created_at=created_at,
            updated_at=updated_at,
        )

        ark_task.additional_properties = d
        return ark_task

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
