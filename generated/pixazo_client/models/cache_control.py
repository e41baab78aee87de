from enum import StrEnum


class CacheControl(StrEnum):
    NO_CACHE = "no-cache"

    def __str__(self) -> str:
        return str(self.value)
