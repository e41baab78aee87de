from enum import StrEnum


class BytedanceV1LiteTextToVideoRequestModel(StrEnum):
    BYTEDANCEV1_LITE_TEXT_TO_VIDEO = "bytedance/v1-lite-text-to-video"

    def __str__(self) -> str:
        return str(self.value)
