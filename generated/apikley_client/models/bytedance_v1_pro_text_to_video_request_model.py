from enum import StrEnum


class BytedanceV1ProTextToVideoRequestModel(StrEnum):
    BYTEDANCEV1_PRO_TEXT_TO_VIDEO = "bytedance/v1-pro-text-to-video"

    def __str__(self) -> str:
        return str(self.value)
