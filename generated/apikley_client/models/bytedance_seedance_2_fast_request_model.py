from enum import StrEnum


class BytedanceSeedance2FastRequestModel(StrEnum):
    BYTEDANCESEEDANCE_2_FAST = "bytedance/seedance-2-fast"

    def __str__(self) -> str:
        return str(self.value)
