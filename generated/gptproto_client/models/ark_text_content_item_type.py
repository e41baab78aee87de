from enum import StrEnum


class ArkTextContentItemType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
