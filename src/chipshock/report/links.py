"""Source links in the report's tables: the host as the link's text, the full URL as its
target, as the dashboard shows them (``new URL(url).hostname`` in its tables), so that a
column of sources stays narrow enough for an A4 page and a phone."""

from __future__ import annotations

import html
from urllib.parse import urlparse

__all__ = ["source_host", "source_link"]


def source_host(url: str) -> str:
    """The host of ``url`` (``www.taipeitimes.com``), or ``url`` itself when it has none.

    >>> source_host("https://www.taipeitimes.com/News/biz/archives/2024/01/01/1"), source_host("x")
    ('www.taipeitimes.com', 'x')
    """
    return urlparse(url).hostname or url


def source_link(url: object) -> str:
    """The first URL of ``url`` (several are separated by spaces or ``; ``) as an HTML link
    showing its host, which may wrap after its dots (``<wbr>``) in a narrow column; ``""``
    when it is not a web address.

    >>> source_link("https://www.example.org/a/b?c=1 https://other.org")
    '<a href="https://www.example.org/a/b?c=1">www.<wbr>example.<wbr>org</a>'
    """
    first = str(url or "").replace(";", " ").split(" ")[0].strip()
    if not first.startswith("http"):
        return ""
    host = html.escape(source_host(first)).replace(".", ".<wbr>")
    return f'<a href="{html.escape(first, quote=True)}">{host}</a>'
