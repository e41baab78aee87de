from enum import StrEnum


class BytedanceV1LiteImageToVideoInputResolution(StrEnum):
    VALUE_1080P = "1080p"
    VALUE_480P = "480p"
    VALUE_720P = "720p"

    def __str__(self) -> str:
        return str(self.value)
