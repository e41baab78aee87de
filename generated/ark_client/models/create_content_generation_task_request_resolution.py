from enum import StrEnum


class CreateContentGenerationTaskRequestResolution(StrEnum):
    VALUE_1080P = "1080p"
    VALUE_480P = "480p"
    VALUE_4K = "4k"
    VALUE_720P = "720p"

    def __str__(self) -> str:
        return str(self.value)
