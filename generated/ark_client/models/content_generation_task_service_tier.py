from enum import StrEnum


class ContentGenerationTaskServiceTier(StrEnum):
    DEFAULT = "default"
    FLEX = "flex"

    def __str__(self) -> str:
        return str(self.value)
