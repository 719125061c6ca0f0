"""corpus-explorer: a keyboard-driven terminal explorer for a corpus of news articles."""

__version__ = "0.1.0"
