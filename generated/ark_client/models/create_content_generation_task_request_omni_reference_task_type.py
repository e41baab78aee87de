from enum import StrEnum


class CreateContentGenerationTaskRequestOmniReferenceTaskType(StrEnum):
    AUTO = "auto"
    EDIT = "edit"
    EXTEND = "extend"
    REFERENCE = "reference"

    def __str__(self) -> str:
        return str(self.value)
