from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bytedance_seedance_15_pro_request_model import (
    BytedanceSeedance15ProRequestModel,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bytedance_seedance_15_pro_input import BytedanceSeedance15ProInput


T = TypeVar("T", bound="BytedanceSeedance15ProRequest")


@_attrs_define
class BytedanceSeedance15ProRequest:
    """
    Attributes:
        model (BytedanceSeedance15ProRequestModel): The model name to use for generation. Required field.

            - Must be `bytedance/seedance-1.5-pro` for this endpoint Default:
            BytedanceSeedance15ProRequestModel.BYTEDANCESEEDANCE_1_5_PRO. Example: bytedance/seedance-1.5-pro.
        call_back_url (str | Unset): The URL to receive generation task completion updates. Optional but recommended for
            production use.

            - System will POST task status and results to this URL when generation completes
            - Callback includes generated content URLs and task information
            - Your callback endpoint should accept POST requests with JSON payload containing results
            - Alternatively, use the Get Task Details endpoint to poll task status Example: https://your-
            domain.com/api/callback.
        input_ (BytedanceSeedance15ProInput | Unset): Input parameters for the generation task
    """

    model: BytedanceSeedance15ProRequestModel = (
        BytedanceSeedance15ProRequestModel.BYTEDANCESEEDANCE_1_5_PRO
    )
    call_back_url: str | Unset = UNSET
    input_: BytedanceSeedance15ProInput | Unset = UNSET
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
        from ..models.bytedance_seedance_15_pro_input import BytedanceSeedance15ProInput

        d = dict(src_dict)
        model = BytedanceSeedance15ProRequestModel(d.pop("model"))

        call_back_url = d.pop("callBackUrl", UNSET)

        _input_ = d.pop("input", UNSET)
        input_: BytedanceSeedance15ProInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = BytedanceSeedance15ProInput.from_dict(_input_)

        bytedance_seedance_15_pro_request = cls(
            model=model,
            call_back_url=call_back_url,
            input_=input_,
        )

        bytedance_seedance_15_pro_request.additional_properties = d
        return bytedance_seedance_15_pro_request

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
