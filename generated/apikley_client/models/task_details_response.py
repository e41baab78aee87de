from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_details_response_code import TaskDetailsResponseCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_record import TaskRecord


T = TypeVar("T", bound="TaskDetailsResponse")


@_attrs_define
class TaskDetailsResponse:
    """Answer of Get Task Details. Some answers say "message" instead of "msg".

    Attributes:
        code (int | TaskDetailsResponseCode): Body status code; 200 on success.
        msg (str | Unset):  Example: success.
        message (str | Unset): Sent by some answers instead of msg.
        data (None | TaskRecord | Unset):
    """

    code: int | TaskDetailsResponseCode
    msg: str | Unset = UNSET
    message: str | Unset = UNSET
    data: None | TaskRecord | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_record import TaskRecord

        code: int
        if isinstance(self.code, TaskDetailsResponseCode):
            code = self.code.value
        else:
            code = self.code

        msg = self.msg

        message = self.message

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, TaskRecord):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if msg is not UNSET:
            field_dict["msg"] = msg
        if message is not UNSET:
            field_dict["message"] = message
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_record import TaskRecord

        d = dict(src_dict)

        def _parse_code(data: object) -> int | TaskDetailsResponseCode:
            try:
                if not isinstance(data, int):
                    raise TypeError()
                code_type_0 = TaskDetailsResponseCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | TaskDetailsResponseCode, data)

        code = _parse_code(d.pop("code"))

        msg = d.pop("msg", UNSET)

        message = d.pop("message", UNSET)

        def _parse_data(data: object) -> None | TaskRecord | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_1 = TaskRecord.from_dict(data)

                return data_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskRecord | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        task_details_response = cls(
            code=code,
            msg=msg,
            message=message,
            data=data,
        )

        task_details_response.additional_properties = d
        return task_details_response

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
