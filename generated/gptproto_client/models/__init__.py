"""Contains all the data models used in inputs/outputs"""

from .ark_image_content_item import ArkImageContentItem
from .ark_image_content_item_role import ArkImageContentItemRole
from .ark_image_content_item_type import ArkImageContentItemType
from .ark_image_url import ArkImageUrl
from .ark_task import ArkTask
from .ark_task_content import ArkTaskContent
from .ark_task_created import ArkTaskCreated
from .ark_task_error import ArkTaskError
from .ark_task_status import ArkTaskStatus
from .ark_task_usage import ArkTaskUsage
from .ark_text_content_item import ArkTextContentItem
from .ark_text_content_item_type import ArkTextContentItemType
from .ark_video_task_request import ArkVideoTaskRequest
from .ark_video_task_request_ratio import ArkVideoTaskRequestRatio
from .ark_video_task_request_resolution import ArkVideoTaskRequestResolution
from .ark_video_task_request_service_tier import ArkVideoTaskRequestServiceTier
from .created_task_data import CreatedTaskData
from .created_task_data_status import CreatedTaskDataStatus
from .created_task_envelope import CreatedTaskEnvelope
from .gptproto_error import GptprotoError
from .gptproto_error_detail import GptprotoErrorDetail
from .gptproto_task import GptprotoTask
from .gptproto_task_status import GptprotoTaskStatus
from .logo import Logo
from .prompt_video_task_request import PromptVideoTaskRequest
from .prompt_video_task_request_dimension import PromptVideoTaskRequestDimension
from .prompt_video_task_request_duration import PromptVideoTaskRequestDuration
from .task_envelope import TaskEnvelope

__all__ = (
    "ArkImageContentItem",
    "ArkImageContentItemRole",
    "ArkImageContentItemType",
    "ArkImageUrl",
    "ArkTask",
    "ArkTaskContent",
    "ArkTaskCreated",
    "ArkTaskError",
    "ArkTaskStatus",
    "ArkTaskUsage",
    "ArkTextContentItem",
    "ArkTextContentItemType",
    "ArkVideoTaskRequest",
    "ArkVideoTaskRequestRatio",
    "ArkVideoTaskRequestResolution",
    "ArkVideoTaskRequestServiceTier",
    "CreatedTaskData",
    "CreatedTaskDataStatus",
    "CreatedTaskEnvelope",
    "GptprotoError",
    "GptprotoErrorDetail",
    "GptprotoTask",
    "GptprotoTaskStatus",
    "Logo",
    "PromptVideoTaskRequest",
    "PromptVideoTaskRequestDimension",
    "PromptVideoTaskRequestDuration",
    "TaskEnvelope",
)
