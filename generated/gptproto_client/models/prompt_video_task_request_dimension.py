from enum import StrEnum


class PromptVideoTaskRequestDimension(StrEnum):
    VALUE_1280_768 = "1280:768"
    VALUE_768_1280 = "768:1280"
    VALUE_768_768 = "768:768"

    def __str__(self) -> str:
        return str(self.value)
