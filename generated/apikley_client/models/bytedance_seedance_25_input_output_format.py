from enum import StrEnum


class BytedanceSeedance25InputOutputFormat(StrEnum):
    MOV = "mov"
    MP4 = "mp4"

    def __str__(self) -> str:
        return str(self.value)
