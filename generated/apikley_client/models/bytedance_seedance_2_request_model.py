from enum import StrEnum


class BytedanceSeedance2RequestModel(StrEnum):
    BYTEDANCESEEDANCE_2 = "bytedance/seedance-2"

    def __str__(self) -> str:
        return str(self.value)
