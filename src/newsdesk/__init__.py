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
__all__ = ["Article", "NewsdeskError", "read", "__version__"]
