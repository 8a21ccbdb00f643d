"""How the core says no: one exception for every request it may not carry out as asked."""


class Refused(Exception):  # noqa: N818 - a refusal, not a fault
    """An operation that may not be carried out as asked; the message is the sentence saying why."""
