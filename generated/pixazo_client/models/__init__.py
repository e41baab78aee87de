"""Contains all the data models used in inputs/outputs"""

from .ark_task import ArkTask
from .ark_task_content import ArkTaskContent
from .ark_task_error import ArkTaskError
from .ark_task_status import ArkTaskStatus
from .ark_task_usage import ArkTaskUsage
from .cache_control import CacheControl
from .content_video_task_request import ContentVideoTaskRequest
from .generate_image_2_video_task_request import GenerateImage2VideoTaskRequest
from .get_video_result_request import GetVideoResultRequest
from .image_url_content_item import ImageUrlContentItem
from .image_url_content_item_type import ImageUrlContentItemType
from .pixazo_error import PixazoError
from .prompt_options import PromptOptions
from .prompt_options_ratio import PromptOptionsRatio
from .prompt_options_resolution import PromptOptionsResolution
from .task_created import TaskCreated
from .text_content_item import TextContentItem
from .text_content_item_type import TextContentItemType
from .text_prompt_video_task_request import TextPromptVideoTaskRequest

__all__ = (
    "ArkTask",
    "ArkTaskContent",
    "ArkTaskError",
    "ArkTaskStatus",
    "ArkTaskUsage",
    "CacheControl",
    "ContentVideoTaskRequest",
    "GenerateImage2VideoTaskRequest",
    "GetVideoResultRequest",
    "ImageUrlContentItem",
    "ImageUrlContentItemType",
    "PixazoError",
    "PromptOptions",
    "PromptOptionsRatio",
    "PromptOptionsResolution",
    "TaskCreated",
    "TextContentItem",
    "TextContentItemType",
    "TextPromptVideoTaskRequest",
)
