from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_response_code import ApiResponseCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_task_response_200_data import CreateTaskResponse200Data


T = TypeVar("T", bound="CreateTaskResponse200")


@_attrs_define
class CreateTaskResponse200:
    """
    Attributes:
        code (ApiResponseCode | int | Unset): Response status code

            - **200**: Success - Request has been processed successfully
            - **401**: Unauthorized - Authentication credentials are missing or invalid
            - **402**: Insufficient Credits - Account does not have enough credits to perform the operation
            - **404**: Not Found - The requested resource or endpoint does not exist
            - **422**: Validation Error - The request parameters failed validation checks
            - **429**: Rate Limited - Request limit has been exceeded for this resource
            - **455**: Service Unavailable - System is currently undergoing maintenance
            - **500**: Server Error - An unexpected error occurred while processing the request
            - **501**: Generation Failed - Content generation task failed
            - **505**: Feature Disabled - The requested feature is currently disabled
        msg (str | Unset): Response message, error description when failed Example: success.
        data (CreateTaskResponse200Data | Unset):
    """

    code: ApiResponseCode | int | Unset = UNSET
    msg: str | Unset = UNSET
    data: CreateTaskResponse200Data | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        elif isinstance(self.code, ApiResponseCode):
            code = self.code.value
        else:
            code = self.code

        msg = self.msg

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if msg is not UNSET:
            field_dict["msg"] = msg
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_task_response_200_data import CreateTaskResponse200Data

        d = dict(src_dict)

        def _parse_code(data: object) -> ApiResponseCode | int | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                code_type_0 = ApiResponseCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApiResponseCode | int | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        msg = d.pop("msg", UNSET)

        _data = d.pop("data", UNSET)
        data: CreateTaskResponse200Data | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = CreateTaskResponse200Data.from_dict(_data)

        create_task_response_200 = cls(
            code=code,
            msg=msg,
            data=data,
        )

        create_task_response_200.additional_properties = d
        return create_task_response_200

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
