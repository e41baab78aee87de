from enum import StrEnum


class TextContentType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
