from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_payload_code import CallbackPayloadCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_record import TaskRecord


T = TypeVar("T", bound="CallbackPayload")


@_attrs_define
class CallbackPayload:
    """Body of the callback POSTed to callBackUrl when a task ends. code 200: success; code 501: generation failed (state
    fail, failCode and failMsg set).

        Attributes:
            code (CallbackPayloadCode | int):
            msg (str | Unset):  Example: Playground task completed successfully..
            data (TaskRecord | Unset): One task as Get Task Details and the callback report it. Times are epoch
                milliseconds.
            taskId (str | Unset): Some callbacks carry the task id at the top level.
            task_id (str | Unset): Some callbacks carry the task id at the top level, under this name.
    """

    code: CallbackPayloadCode | int
    msg: str | Unset = UNSET
    data: TaskRecord | Unset = UNSET
    taskId: str | Unset = UNSET
    task_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int
        if isinstance(self.code, CallbackPayloadCode):
            code = self.code.value
        else:
            code = self.code

        msg = self.msg

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        taskId = self.taskId

        task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if msg is not UNSET:
            field_dict["msg"] = msg
        if data is not UNSET:
            field_dict["data"] = data
        if taskId is not UNSET:
            field_dict["taskId"] = taskId
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_record import TaskRecord

        d = dict(src_dict)

        def _parse_code(data: object) -> CallbackPayloadCode | int:
            try:
                if not isinstance(data, int):
                    raise TypeError()
                code_type_0 = CallbackPayloadCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallbackPayloadCode | int, data)

        code = _parse_code(d.pop("code"))

        msg = d.pop("msg", UNSET)

        _data = d.pop("data", UNSET)
        data: TaskRecord | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = TaskRecord.from_dict(_data)

        taskId = d.pop("taskId", UNSET)

        task_id = d.pop("task_id", UNSET)

        callback_payload = cls(
            code=code,
            msg=msg,
            data=data,
            taskId=taskId,
            task_id=task_id,
        )

        callback_payload.additional_properties = d
        return callback_payload

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
