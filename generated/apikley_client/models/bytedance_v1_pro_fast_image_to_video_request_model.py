from enum import StrEnum


class BytedanceV1ProFastImageToVideoRequestModel(StrEnum):
    BYTEDANCEV1_PRO_FAST_IMAGE_TO_VIDEO = "bytedance/v1-pro-fast-image-to-video"

    def __str__(self) -> str:
        return str(self.value)
