from enum import StrEnum


class BytedanceV1LiteImageToVideoInputDuration(StrEnum):
    VALUE_10 = "10"
    VALUE_5 = "5"

    def __str__(self) -> str:
        return str(self.value)
