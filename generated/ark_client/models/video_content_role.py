from enum import StrEnum


class VideoContentRole(StrEnum):
    REFERENCE_VIDEO = "reference_video"

    def __str__(self) -> str:
        return str(self.value)
