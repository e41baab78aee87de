from enum import StrEnum


class DraftTaskContentType(StrEnum):
    DRAFT_TASK = "draft_task"

    def __str__(self) -> str:
        return str(self.value)
