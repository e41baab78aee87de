from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gptproto_task_status import GptprotoTaskStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="GptprotoTask")


@_attrs_define
class GptprotoTask:
    """
    Attributes:
        task_id (str):
        status (GptprotoTaskStatus | str):
        model (str | Unset):
        video_url (str | Unset): Set once the task completed.
        created_at (str | Unset): ISO 8601 (`2025-01-10T12:00:00Z`).
        completed_at (str | Unset): ISO 8601.
        error (None | str | Unset): Why the task failed.
    """

    task_id: str
    status: GptprotoTaskStatus | str
    model: str | Unset = UNSET
    video_url: str | Unset = UNSET
    created_at: str | Unset = UNSET
    completed_at: str | Unset = UNSET
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        status: str
        if isinstance(self.status, GptprotoTaskStatus):
            status = self.status.value
        else:
            status = self.status

        model = self.model

        video_url = self.video_url

        created_at = self.created_at

        completed_at = self.completed_at

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "status": status,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if video_url is not UNSET:
            field_dict["video_url"] = video_url
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        task_id = d.pop("task_id")

        def _parse_status(data: object) -> GptprotoTaskStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = GptprotoTaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GptprotoTaskStatus | str, data)

        status = _parse_status(d.pop("status"))

        model = d.pop("model", UNSET)

        video_url = d.pop("video_url", UNSET)

        created_at = d.pop("created_at", UNSET)

        completed_at = d.pop("completed_at", UNSET)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        gptproto_task = cls(
            task_id=task_id,
            status=status,
            model=model,
            video_url=video_url,
            created_at=created_at,
            completed_at=completed_at,
            error=error,
        )

        gptproto_task.additional_properties = d
        return gptproto_task

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
