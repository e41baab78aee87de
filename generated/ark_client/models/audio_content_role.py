from enum import StrEnum


class AudioContentRole(StrEnum):
    REFERENCE_AUDIO = "reference_audio"

    def __str__(self) -> str:
        return str(self.value)
