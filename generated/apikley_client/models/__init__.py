"""Contains all the data models used in inputs/outputs"""

from .api_response import ApiResponse
from .api_response_code import ApiResponseCode
from .apikley_error import ApikleyError
from .apikley_error_code import ApikleyErrorCode
from .bytedance_seedance_2_fast_input import BytedanceSeedance2FastInput
from .bytedance_seedance_2_fast_input_aspect_ratio import (
    BytedanceSeedance2FastInputAspectRatio,
)
from .bytedance_seedance_2_fast_input_resolution import (
    BytedanceSeedance2FastInputResolution,
)
from .bytedance_seedance_2_fast_request import BytedanceSeedance2FastRequest
from .bytedance_seedance_2_fast_request_model import BytedanceSeedance2FastRequestModel
from .bytedance_seedance_2_input import BytedanceSeedance2Input
from .bytedance_seedance_2_input_aspect_ratio import BytedanceSeedance2InputAspectRatio
from .bytedance_seedance_2_input_resolution import BytedanceSeedance2InputResolution
from .bytedance_seedance_2_mini_input import BytedanceSeedance2MiniInput
from .bytedance_seedance_2_mini_input_aspect_ratio import (
    BytedanceSeedance2MiniInputAspectRatio,
)
from .bytedance_seedance_2_mini_input_resolution import (
    BytedanceSeedance2MiniInputResolution,
)
from .bytedance_seedance_2_mini_request import BytedanceSeedance2MiniRequest
from .bytedance_seedance_2_mini_request_model import BytedanceSeedance2MiniRequestModel
from .bytedance_seedance_2_request import BytedanceSeedance2Request
from .bytedance_seedance_2_request_model import BytedanceSeedance2RequestModel
from .bytedance_seedance_15_pro_input import BytedanceSeedance15ProInput
from .bytedance_seedance_15_pro_input_aspect_ratio import (
    BytedanceSeedance15ProInputAspectRatio,
)
from .bytedance_seedance_15_pro_input_duration import (
    BytedanceSeedance15ProInputDuration,
)
from .bytedance_seedance_15_pro_input_resolution import (
    BytedanceSeedance15ProInputResolution,
)
from .bytedance_seedance_15_pro_request import BytedanceSeedance15ProRequest
from .bytedance_seedance_15_pro_request_model import BytedanceSeedance15ProRequestModel
from .bytedance_seedance_25_input import BytedanceSeedance25Input
from .bytedance_seedance_25_input_aspect_ratio import (
    BytedanceSeedance25InputAspectRatio,
)
from .bytedance_seedance_25_input_duration import BytedanceSeedance25InputDuration
from .bytedance_seedance_25_input_output_format import (
    BytedanceSeedance25InputOutputFormat,
)
from .bytedance_seedance_25_input_resolution import BytedanceSeedance25InputResolution
from .bytedance_seedance_25_request import BytedanceSeedance25Request
from .bytedance_seedance_25_request_model import BytedanceSeedance25RequestModel
from .bytedance_v1_lite_image_to_video_input import BytedanceV1LiteImageToVideoInput
from .bytedance_v1_lite_image_to_video_input_duration import (
    BytedanceV1LiteImageToVideoInputDuration,
)
from .bytedance_v1_lite_image_to_video_input_resolution import (
    BytedanceV1LiteImageToVideoInputResolution,
)
from .bytedance_v1_lite_image_to_video_request import BytedanceV1LiteImageToVideoRequest
from .bytedance_v1_lite_image_to_video_request_model import (
    BytedanceV1LiteImageToVideoRequestModel,
)
from .bytedance_v1_lite_text_to_video_input import BytedanceV1LiteTextToVideoInput
from .bytedance_v1_lite_text_to_video_input_aspect_ratio import (
    BytedanceV1LiteTextToVideoInputAspectRatio,
)
from .bytedance_v1_lite_text_to_video_input_duration import (
    BytedanceV1LiteTextToVideoInputDuration,
)
from .bytedance_v1_lite_text_to_video_input_resolution import (
    BytedanceV1LiteTextToVideoInputResolution,
)
from .bytedance_v1_lite_text_to_video_request import BytedanceV1LiteTextToVideoRequest
from .bytedance_v1_lite_text_to_video_request_model import (
    BytedanceV1LiteTextToVideoRequestModel,
)
from .bytedance_v1_pro_fast_image_to_video_input import (
    BytedanceV1ProFastImageToVideoInput,
)
from .bytedance_v1_pro_fast_image_to_video_input_duration import (
    BytedanceV1ProFastImageToVideoInputDuration,
)
from .bytedance_v1_pro_fast_image_to_video_input_resolution import (
    BytedanceV1ProFastImageToVideoInputResolution,
)
from .bytedance_v1_pro_fast_image_to_video_request import (
    BytedanceV1ProFastImageToVideoRequest,
)
from .bytedance_v1_pro_fast_image_to_video_request_model import (
    BytedanceV1ProFastImageToVideoRequestModel,
)
from .bytedance_v1_pro_image_to_video_input import BytedanceV1ProImageToVideoInput
from .bytedance_v1_pro_image_to_video_input_duration import (
    BytedanceV1ProImageToVideoInputDuration,
)
from .bytedance_v1_pro_image_to_video_input_resolution import (
    BytedanceV1ProImageToVideoInputResolution,
)
from .bytedance_v1_pro_image_to_video_request import BytedanceV1ProImageToVideoRequest
from .bytedance_v1_pro_image_to_video_request_model import (
    BytedanceV1ProImageToVideoRequestModel,
)
from .bytedance_v1_pro_text_to_video_input import BytedanceV1ProTextToVideoInput
from .bytedance_v1_pro_text_to_video_input_aspect_ratio import (
    BytedanceV1ProTextToVideoInputAspectRatio,
)
from .bytedance_v1_pro_text_to_video_input_duration import (
    BytedanceV1ProTextToVideoInputDuration,
)
from .bytedance_v1_pro_text_to_video_input_resolution import (
    BytedanceV1ProTextToVideoInputResolution,
)
from .bytedance_v1_pro_text_to_video_request import BytedanceV1ProTextToVideoRequest
from .bytedance_v1_pro_text_to_video_request_model import (
    BytedanceV1ProTextToVideoRequestModel,
)
from .callback_ack import CallbackAck
from .callback_payload import CallbackPayload
from .callback_payload_code import CallbackPayloadCode
from .create_task_response_200 import CreateTaskResponse200
from .create_task_response_200_data import CreateTaskResponse200Data
from .credits_response import CreditsResponse
from .credits_response_code import CreditsResponseCode
from .download_url_request import DownloadUrlRequest
from .download_url_response import DownloadUrlResponse
from .download_url_response_code import DownloadUrlResponseCode
from .task_details_response import TaskDetailsResponse
from .task_details_response_code import TaskDetailsResponseCode
from .task_record import TaskRecord
from .task_record_state import TaskRecordState
from .upload_file_base_64_request import UploadFileBase64Request
from .upload_file_stream_request import UploadFileStreamRequest
from .upload_file_url_request import UploadFileUrlRequest
from .upload_response import UploadResponse
from .uploaded_file import UploadedFile

__all__ = (
    "ApiResponse",
    "ApiResponseCode",
    "ApikleyError",
    "ApikleyErrorCode",
    "BytedanceSeedance2FastInput",
    "BytedanceSeedance2FastInputAspectRatio",
    "BytedanceSeedance2FastInputResolution",
    "BytedanceSeedance2FastRequest",
    "BytedanceSeedance2FastRequestModel",
    "BytedanceSeedance2Input",
    "BytedanceSeedance2InputAspectRatio",
    "BytedanceSeedance2InputResolution",
    "BytedanceSeedance2MiniInput",
    "BytedanceSeedance2MiniInputAspectRatio",
    "BytedanceSeedance2MiniInputResolution",
    "BytedanceSeedance2MiniRequest",
    "BytedanceSeedance2MiniRequestModel",
    "BytedanceSeedance2Request",
    "BytedanceSeedance2RequestModel",
    "BytedanceSeedance15ProInput",
    "BytedanceSeedance15ProInputAspectRatio",
    "BytedanceSeedance15ProInputDuration",
    "BytedanceSeedance15ProInputResolution",
    "BytedanceSeedance15ProRequest",
    "BytedanceSeedance15ProRequestModel",
    "BytedanceSeedance25Input",
    "BytedanceSeedance25InputAspectRatio",
    "BytedanceSeedance25InputDuration",
    "BytedanceSeedance25InputOutputFormat",
    "BytedanceSeedance25InputResolution",
    "BytedanceSeedance25Request",
    "BytedanceSeedance25RequestModel",
    "BytedanceV1LiteImageToVideoInput",
    "BytedanceV1LiteImageToVideoInputDuration",
    "BytedanceV1LiteImageToVideoInputResolution",
    "BytedanceV1LiteImageToVideoRequest",
    "BytedanceV1LiteImageToVideoRequestModel",
    "BytedanceV1LiteTextToVideoInput",
    "BytedanceV1LiteTextToVideoInputAspectRatio",
    "BytedanceV1LiteTextToVideoInputDuration",
    "BytedanceV1LiteTextToVideoInputResolution",
    "BytedanceV1LiteTextToVideoRequest",
    "BytedanceV1LiteTextToVideoRequestModel",
    "BytedanceV1ProFastImageToVideoInput",
    "BytedanceV1ProFastImageToVideoInputDuration",
    "BytedanceV1ProFastImageToVideoInputResolution",
    "BytedanceV1ProFastImageToVideoRequest",
    "BytedanceV1ProFastImageToVideoRequestModel",
    "BytedanceV1ProImageToVideoInput",
    "BytedanceV1ProImageToVideoInputDuration",
    "BytedanceV1ProImageToVideoInputResolution",
    "BytedanceV1ProImageToVideoRequest",
    "BytedanceV1ProImageToVideoRequestModel",
    "BytedanceV1ProTextToVideoInput",
    "BytedanceV1ProTextToVideoInputAspectRatio",
    "BytedanceV1ProTextToVideoInputDuration",
    "BytedanceV1ProTextToVideoInputResolution",
    "BytedanceV1ProTextToVideoRequest",
    "BytedanceV1ProTextToVideoRequestModel",
    "CallbackAck",
    "CallbackPayload",
    "CallbackPayloadCode",
    "CreateTaskResponse200",
    "CreateTaskResponse200Data",
    "CreditsResponse",
    "CreditsResponseCode",
    "DownloadUrlRequest",
    "DownloadUrlResponse",
    "DownloadUrlResponseCode",
    "TaskDetailsResponse",
    "TaskDetailsResponseCode",
    "TaskRecord",
    "TaskRecordState",
    "UploadFileBase64Request",
    "UploadFileStreamRequest",
    "UploadFileUrlRequest",
    "UploadResponse",
    "UploadedFile",
)
