from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_usage import ToolUsage


T = TypeVar("T", bound="TaskUsage")


@_attrs_define
class TaskUsage:
    """Tokens billed, once the task finished.

    Attributes:
        completion_tokens (int | Unset): Tokens of the generated output (billed).
        total_tokens (int | Unset):
        tool_usage (None | ToolUsage | Unset):
    """

    completion_tokens: int | Unset = UNSET
    total_tokens: int | Unset = UNSET
    tool_usage: None | ToolUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_usage import ToolUsage

        completion_tokens = self.completion_tokens

        total_tokens = self.total_tokens

        tool_usage: dict[str, Any] | None | Unset
        if isinstance(self.tool_usage, Unset):
            tool_usage = UNSET
        elif isinstance(self.tool_usage, ToolUsage):
            tool_usage = self.tool_usage.to_dict()
        else:
            tool_usage = self.tool_usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if completion_tokens is not UNSET:
            field_dict["completion_tokens"] = completion_tokens
        if total_tokens is not UNSET:
            field_dict["total_tokens"] = total_tokens
        if tool_usage is not UNSET:
            field_dict["tool_usage"] = tool_usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tool_usage import ToolUsage

        d = dict(src_dict)
        completion_tokens = d.pop("completion_tokens", UNSET)

        total_tokens = d.pop("total_tokens", UNSET)

        def _parse_tool_usage(data: object) -> None | ToolUsage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tool_usage_type_0 = ToolUsage.from_dict(data)

                return tool_usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolUsage | Unset, data)

        tool_usage = _parse_tool_usage(d.pop("tool_usage", UNSET))

        task_usage = cls(
            completion_tokens=completion_tokens,
            total_tokens=total_tokens,
            tool_usage=tool_usage,
        )

        task_usage.additional_properties = d
        return task_usage

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
