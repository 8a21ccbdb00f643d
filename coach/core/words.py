"""Small pieces of wording every face shares, so that a number reads the same everywhere."""


def count(number: int, noun: str) -> str:
    """'1 week', '3 weeks': a whole number and its noun, plural when it is not one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def minutes_and_seconds(seconds: float) -> str:
    """'6 min 20 s', '8 min', '45 s': a length of time to the whole second, as a physiotherapist writes it."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"
