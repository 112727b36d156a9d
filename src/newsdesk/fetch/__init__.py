"""Fetching from the web: a polite, safe HTTP client (``client``), the address check that keeps server-side
fetches out of private networks (``guard``), and what a URL holds — an article page, a feed, a sitemap or a
home page — with the articles it leads to (``discover``). The desk's live sources (``desk.sources``) poll
through them."""
