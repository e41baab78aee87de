from enum import StrEnum


class BytedanceSeedance15ProRequestModel(StrEnum):
    BYTEDANCESEEDANCE_1_5_PRO = "bytedance/seedance-1.5-pro"

    def __str__(self) -> str:
        return str(self.value)
