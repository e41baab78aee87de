from enum import StrEnum


class BytedanceSeedance25RequestModel(StrEnum):
    BYTEDANCESEEDANCE_2_5 = "bytedance/seedance-2-5"

    def __str__(self) -> str:
        return str(self.value)
