from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_record_state import TaskRecordState
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskRecord")


@_attrs_define
class TaskRecord:
    """One task as Get Task Details and the callback report it. Times are epoch milliseconds.

    Attributes:
        taskId (str | Unset):  Example: task_bytedance_1765186736545.
        task_id (str | Unset): Some callbacks carry the task id under this name instead of taskId.
        model (str | Unset):  Example: bytedance/seedance-1.5-pro.
        state (str | TaskRecordState | Unset): waiting, queuing and generating: keep polling; success: parse resultJson;
            fail: see failCode and failMsg.
        param (str | Unset): The createTask request body, JSON-encoded in a string.
        result_json (None | str | Unset): JSON-encoded string: {"resultUrls": [...]} for media ({"resultObject": {...}}
            for text models). Empty or absent unless state is success. Result URLs expire: download promptly.
        fail_code (None | str | Unset): Numeric code as a string (for example "422") when state is fail; empty or null
            otherwise.
        fail_msg (None | str | Unset): Failure reason when state is fail; empty or null otherwise.
        cost_time (int | None | Unset): Generation time. Documented as milliseconds in one place and seconds in another;
            the examples fit seconds.
        complete_time (int | None | Unset): Completion time, epoch milliseconds; absent or null until the task ends.
        create_time (int | Unset): Creation time, epoch milliseconds.
        update_time (int | Unset): Last update time, epoch milliseconds.
        progress (int | Unset): Percent done; sent only for some models.
        credits_consumed (float | Unset): Credits charged for the task (the field name varies).
        consume_credits (float | Unset): Credits charged for the task (the field name varies).
        remained_credits (float | Unset): Credits left on the account.
    """

    taskId: str | Unset = UNSET
    task_id: str | Unset = UNSET
    model: str | Unset = UNSET
    state: str | TaskRecordState | Unset = UNSET
    param: str | Unset = UNSET
    result_json: None | str | Unset = UNSET
    fail_code: None | str | Unset = UNSET
    fail_msg: None | str | Unset = UNSET
    cost_time: int | None | Unset = UNSET
    complete_time: int | None | Unset = UNSET
    create_time: int | Unset = UNSET
    update_time: int | Unset = UNSET
    progress: int | Unset = UNSET
    credits_consumed: float | Unset = UNSET
    consume_credits: float | Unset = UNSET
    remained_credits: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        taskId = self.taskId

        task_id = self.task_id

        model = self.model

        state: str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, TaskRecordState):
            state = self.state.value
        else:
            state = self.state

        param = self.param

        result_json: None | str | Unset
        if isinstance(self.result_json, Unset):
            result_json = UNSET
        else:
            result_json = self.result_json

        fail_code: None | str | Unset
        if isinstance(self.fail_code, Unset):
            fail_code = UNSET
        else:
            fail_code = self.fail_code

        fail_msg: None | str | Unset
        if isinstance(self.fail_msg, Unset):
            fail_msg = UNSET
        else:
            fail_msg = self.fail_msg

        cost_time: int | None | Unset
        if isinstance(self.cost_time, Unset):
            cost_time = UNSET
        else:
            cost_time = self.cost_time

        complete_time: int | None | Unset
        if isinstance(self.complete_time, Unset):
            complete_time = UNSET
        else:
            complete_time = self.complete_time

        create_time = self.create_time

        update_time = self.update_time

        progress = self.progress

        credits_consumed = self.credits_consumed

        consume_credits = self.consume_credits

        remained_credits = self.remained_credits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if taskId is not UNSET:
            field_dict["taskId"] = taskId
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if model is not UNSET:
            field_dict["model"] = model
        if state is not UNSET:
            field_dict["state"] = state
        if param is not UNSET:
            field_dict["param"] = param
        if result_json is not UNSET:
            field_dict["resultJson"] = result_json
        if fail_code is not UNSET:
            field_dict["failCode"] = fail_code
        if fail_msg is not UNSET:
            field_dict["failMsg"] = fail_msg
        if cost_time is not UNSET:
            field_dict["costTime"] = cost_time
        if complete_time is not UNSET:
            field_dict["completeTime"] = complete_time
        if create_time is not UNSET:
            field_dict["createTime"] = create_time
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time
        if progress is not UNSET:
            field_dict["progress"] = progress
        if credits_consumed is not UNSET:
            field_dict["creditsConsumed"] = credits_consumed
        if consume_credits is not UNSET:
            field_dict["consumeCredits"] = consume_credits
        if remained_credits is not UNSET:
            field_dict["remainedCredits"] = remained_credits

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        taskId = d.pop("taskId", UNSET)

        task_id = d.pop("task_id", UNSET)

        model = d.pop("model", UNSET)

        def _parse_state(data: object) -> str | TaskRecordState | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = TaskRecordState(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskRecordState | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        param = d.pop("param", UNSET)

        def _parse_result_json(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        result_json = _parse_result_json(d.pop("resultJson", UNSET))

        def _parse_fail_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fail_code = _parse_fail_code(d.pop("failCode", UNSET))

        def _parse_fail_msg(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fail_msg = _parse_fail_msg(d.pop("failMsg", UNSET))

        def _parse_cost_time(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cost_time = _parse_cost_time(d.pop("costTime", UNSET))

        def _parse_complete_time(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        complete_time = _parse_complete_time(d.pop("completeTime", UNSET))

        create_time = d.pop("createTime", UNSET)

        update_time = d.pop("updateTime", UNSET)

        progress = d.pop("progress", UNSET)

        credits_consumed = d.pop("creditsConsumed", UNSET)

        consume_credits = d.pop("consumeCredits", UNSET)

        remained_credits = d.pop("remainedCredits", UNSET)

        task_record = cls(
            taskId=taskId,
            task_id=task_id,
            model=model,
            state=state,
            param=param,
            result_json=result_json,
            fail_code=fail_code,
            fail_msg=fail_msg,
            cost_time=cost_time,
            complete_time=complete_time,
            create_time=create_time,
            update_time=update_time,
            progress=progress,
            credits_consumed=credits_consumed,
            consume_credits=consume_credits,
            remained_credits=remained_credits,
        )

        task_record.additional_properties = d
        return task_record

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
