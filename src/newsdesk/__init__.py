"""newsdesk: news articles in, clean text, key points, facts and events out.

>>> import newsdesk
>>> art = newsdesk.read("Headline\\n\\nThe first sentence of the story.")
>>> art.headline
'Headline'
"""

from newsdesk.errors import NewsdeskError
from newsdesk.read import read
from newsdesk.schema import Article

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "NewsdeskError", "analyze", "analyze_many", "read", "__version__"]


def __getattr__(name: str):
    # analyze pulls in spaCy: import it only when asked for, so `newsdesk.read` stays light.
    if name in ("analyze", "analyze_many"):
        from newsdesk import pipeline

        return getattr(pipeline, name)
    if name == "Analysis":
        from newsdesk.schema import Analysis

        return Analysis
    raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")
