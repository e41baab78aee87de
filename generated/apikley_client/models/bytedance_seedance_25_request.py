from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_seedance_25_request_model import BytedanceSeedance25RequestModel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bytedance_seedance_25_input import BytedanceSeedance25Input


T = TypeVar("T", bound="BytedanceSeedance25Request")


@_attrs_define
class BytedanceSeedance25Request:
    """
    Attributes:
        model (BytedanceSeedance25RequestModel): The model name to use for generation. Required field.

            - Must be `bytedance/seedance-2-5` for this endpoint Default:
            BytedanceSeedance25RequestModel.BYTEDANCESEEDANCE_2_5. Example: bytedance/seedance-2-5.
        call_back_url (str | Unset): The URL to receive generation task completion updates. Optional but recommended for
            production use. Example: https://your-domain.com/api/callback.
        input_ (BytedanceSeedance25Input | Unset): Input parameters for the generation task
    """

    model: BytedanceSeedance25RequestModel = (
        BytedanceSeedance25RequestModel.BYTEDANCESEEDANCE_2_5
    )
    call_back_url: str | Unset = UNSET
    input_: BytedanceSeedance25Input | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model.value

        call_back_url = self.call_back_url

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if call_back_url is not UNSET:
            field_dict["callBackUrl"] = call_back_url
        if input_ is not UNSET:
            field_dict["input"] = input_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bytedance_seedance_25_input import BytedanceSeedance25Input

        d = dict(src_dict)
        model = BytedanceSeedance25RequestModel(d.pop("model"))

        call_back_url = d.pop("callBackUrl", UNSET)

        _input_ = d.pop("input", UNSET)
        input_: BytedanceSeedance25Input | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = BytedanceSeedance25Input.from_dict(_input_)

        bytedance_seedance_25_request = cls(
            model=model,
            call_back_url=call_back_url,
            input_=input_,
        )

        bytedance_seedance_25_request.additional_properties = d
        return bytedance_seedance_25_request

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
