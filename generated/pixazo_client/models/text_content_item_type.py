from enum import StrEnum


class TextContentItemType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
