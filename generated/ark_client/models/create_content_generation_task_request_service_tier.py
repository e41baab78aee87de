from enum import StrEnum


class CreateContentGenerationTaskRequestServiceTier(StrEnum):
    DEFAULT = "default"
    FLEX = "flex"

    def __str__(self) -> str:
        return str(self.value)
