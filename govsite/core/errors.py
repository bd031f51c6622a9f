"""The one exception every workflow step raises when it refuses: the reason in Chinese, for the person."""


class Refused(Exception):
    """A step refused, with the reason in Chinese for the person who tried it."""
