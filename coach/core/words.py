"""Small pieces of wording every face shares, so that a number reads the same everywhere."""


def count(number: int, noun: str) -> str:
    """'1 week', '3 weeks': a whole number and its noun, plural when it is not one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
