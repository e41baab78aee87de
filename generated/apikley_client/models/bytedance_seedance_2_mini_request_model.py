from enum import StrEnum


class BytedanceSeedance2MiniRequestModel(StrEnum):
    BYTEDANCESEEDANCE_2_MINI = "bytedance/seedance-2-mini"

    def __str__(self) -> str:
        return str(self.value)
