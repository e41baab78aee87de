"""Contains all the data models used in inputs/outputs"""

from .ark_error import ArkError
from .ark_error_detail import ArkErrorDetail
from .audio_content import AudioContent
from .audio_content_role import AudioContentRole
from .audio_content_type import AudioContentType
from .audio_url import AudioUrl
from .content_generation_task import ContentGenerationTask
from .content_generation_task_ratio import ContentGenerationTaskRatio
from .content_generation_task_resolution import ContentGenerationTaskResolution
from .content_generation_task_service_tier import ContentGenerationTaskServiceTier
from .content_generation_task_status import ContentGenerationTaskStatus
from .create_content_generation_task_request import CreateContentGenerationTaskRequest
from .create_content_generation_task_request_omni_reference_task_type import (
    CreateContentGenerationTaskRequestOmniReferenceTaskType,
)
from .create_content_generation_task_request_ratio import (
    CreateContentGenerationTaskRequestRatio,
)
from .create_content_generation_task_request_resolution import (
    CreateContentGenerationTaskRequestResolution,
)
from .create_content_generation_task_request_service_tier import (
    CreateContentGenerationTaskRequestServiceTier,
)
from .create_content_generation_task_response import CreateContentGenerationTaskResponse
from .delete_content_generation_task_response import DeleteContentGenerationTaskResponse
from .draft_task_content import DraftTaskContent
from .draft_task_content_type import DraftTaskContentType
from .draft_task_ref import DraftTaskRef
from .image_content import ImageContent
from .image_content_role import ImageContentRole
from .image_content_type import ImageContentType
from .image_url import ImageUrl
from .list_content_generation_tasks_filter_service_tier import (
    ListContentGenerationTasksFilterServiceTier,
)
from .list_content_generation_tasks_filter_status import (
    ListContentGenerationTasksFilterStatus,
)
from .list_content_generation_tasks_response import ListContentGenerationTasksResponse
from .task_content import TaskContent
from .task_error import TaskError
from .task_tool import TaskTool
from .task_tool_type import TaskToolType
from .task_usage import TaskUsage
from .text_content import TextContent
from .text_content_type import TextContentType
from .tool import Tool
from .tool_type import ToolType
from .tool_usage import ToolUsage
from .video_content import VideoContent
from .video_content_role import VideoContentRole
from .video_content_type import VideoContentType
from .video_url import VideoUrl

__all__ = (
    "ArkError",
    "ArkErrorDetail",
    "AudioContent",
    "AudioContentRole",
    "AudioContentType",
    "AudioUrl",
    "ContentGenerationTask",
    "ContentGenerationTaskRatio",
    "ContentGenerationTaskResolution",
    "ContentGenerationTaskServiceTier",
    "ContentGenerationTaskStatus",
    "CreateContentGenerationTaskRequest",
    "CreateContentGenerationTaskRequestOmniReferenceTaskType",
    "CreateContentGenerationTaskRequestRatio",
    "CreateContentGenerationTaskRequestResolution",
    "CreateContentGenerationTaskRequestServiceTier",
    "CreateContentGenerationTaskResponse",
    "DeleteContentGenerationTaskResponse",
    "DraftTaskContent",
    "DraftTaskContentType",
    "DraftTaskRef",
    "ImageContent",
    "ImageContentRole",
    "ImageContentType",
    "ImageUrl",
    "ListContentGenerationTasksFilterServiceTier",
    "ListContentGenerationTasksFilterStatus",
    "ListContentGenerationTasksResponse",
    "TaskContent",
    "TaskError",
    "TaskTool",
    "TaskToolType",
    "TaskUsage",
    "TextContent",
    "TextContentType",
    "Tool",
    "ToolType",
    "ToolUsage",
    "VideoContent",
    "VideoContentRole",
    "VideoContentType",
    "VideoUrl",
)
