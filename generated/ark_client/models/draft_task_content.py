from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.draft_task_content_type import DraftTaskContentType

if TYPE_CHECKING:
    from ..models.draft_task_ref import DraftTaskRef


T = TypeVar("T", bound="DraftTaskContent")


@_attrs_define
class DraftTaskContent:
    """Generate the final video from an earlier draft task; must be the only content item.

    Attributes:
        type_ (DraftTaskContentType):
        draft_task (DraftTaskRef):
    """

    type_: DraftTaskContentType
    draft_task: DraftTaskRef
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        draft_task = self.draft_task.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "draft_task": draft_task,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.draft_task_ref import DraftTaskRef

        d = dict(src_dict)
        type_ = DraftTaskContentType(d.pop("type"))

        draft_task = DraftTaskRef.from_dict(d.pop("draft_task"))

        draft_task_content = cls(
            type_=type_,
            draft_task=draft_task,
        )

        draft_task_content.additional_properties = d
        return draft_task_content

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
