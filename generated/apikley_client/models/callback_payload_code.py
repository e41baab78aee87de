from enum import IntEnum


class CallbackPayloadCode(IntEnum):
    VALUE_200 = 200
    VALUE_501 = 501

    def __str__(self) -> str:
        return str(self.value)
