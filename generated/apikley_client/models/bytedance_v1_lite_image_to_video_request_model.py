from enum import StrEnum


class BytedanceV1LiteImageToVideoRequestModel(StrEnum):
    BYTEDANCEV1_LITE_IMAGE_TO_VIDEO = "bytedance/v1-lite-image-to-video"

    def __str__(self) -> str:
        return str(self.value)
