from enum import IntEnum


class TaskDetailsResponseCode(IntEnum):
    VALUE_200 = 200
    VALUE_401 = 401
    VALUE_402 = 402
    VALUE_404 = 404
    VALUE_422 = 422
    VALUE_429 = 429
    VALUE_455 = 455
    VALUE_500 = 500
    VALUE_501 = 501
    VALUE_505 = 505

    def __str__(self) -> str:
        return str(self.value)
