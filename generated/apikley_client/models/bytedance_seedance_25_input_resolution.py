from enum import StrEnum


class BytedanceSeedance25InputResolution(StrEnum):
    VALUE_480P = "480p"
    VALUE_720P = "720p"

    def __str__(self) -> str:
        return str(self.value)
