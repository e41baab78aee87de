from enum import StrEnum


class BytedanceV1LiteTextToVideoInputAspectRatio(StrEnum):
    VALUE_16_9 = "16:9"
    VALUE_1_1 = "1:1"
    VALUE_3_4 = "3:4"
    VALUE_4_3 = "4:3"
    VALUE_9_16 = "9:16"
    VALUE_9_21 = "9:21"

    def __str__(self) -> str:
        return str(self.value)
