from enum import StrEnum


class BytedanceV1ProImageToVideoRequestModel(StrEnum):
    BYTEDANCEV1_PRO_IMAGE_TO_VIDEO = "bytedance/v1-pro-image-to-video"

    def __str__(self) -> str:
        return str(self.value)
