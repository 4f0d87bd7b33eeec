"""avlastning: a calm terminal guide for a defusing after a serious incident at work."""

__version__ = "0.1.0"
