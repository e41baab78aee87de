from enum import StrEnum


class BytedanceSeedance2MiniInputAspectRatio(StrEnum):
    ADAPTIVE = "adaptive"
    VALUE_16_9 = "16:9"
    VALUE_1_1 = "1:1"
    VALUE_21_9 = "21:9"
    VALUE_3_4 = "3:4"
    VALUE_4_3 = "4:3"
    VALUE_9_16 = "9:16"

    def __str__(self) -> str:
        return str(self.value)
