"""Contains all the data models used in inputs/outputs"""

from .api_response import ApiResponse
from .api_response_code import ApiResponseCode
from .apikley_error import ApikleyError
from .apikley_error_code import ApikleyErrorCode
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
    "BytedanceSeedance15ProInput",
    "BytedanceSeedance15ProInputAspectRatio",
    "BytedanceSeedance15ProInputDuration",
    "BytedanceSeedance15ProInputResolution",
    "BytedanceSeedance15ProRequest",
    "BytedanceSeedance15ProRequestModel",
    "BytedanceV1ProFastImageToVideoInput",
    "BytedanceV1ProFastImageToVideoInputDuration",
    "BytedanceV1ProFastImageToVideoInputResolution",
    "BytedanceV1ProFastImageToVideoRequest",
    "BytedanceV1ProFastImageToVideoRequestModel",
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
