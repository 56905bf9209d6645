"""Reader: an offline desktop article reader."""

__version__ = "0.1.0"
