"""onrecord: who said what, when, about what, and who reported it."""

from onrecord.model import Article, Document, Mention, Quote, Span, Speaker

__version__ = "0.1.0"
__all__ = ["Article", "Document", "Mention", "Quote", "Span", "Speaker", "__version__"]
