from enum import StrEnum


class PromptVideoTaskRequestDuration(StrEnum):
    VALUE_10S = "10s"
    VALUE_5S = "5s"

    def __str__(self) -> str:
        return str(self.value)
