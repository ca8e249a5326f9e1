"""A small, realistic news page for the reader tests, in any charset."""

from __future__ import annotations

HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>Harbour reopens after storm | The Meridian Post</title>
<meta property="og:site_name" content="The Meridian Post">
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
<meta name="author" content="Lena Oskarsdottir">
<link rel="canonical" href="https://meridian.example/news/harbour-reopens">
<script>window.dataLayer = [];</script>
</head>
"""

BODY = """<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<article>
<h1>Harbour reopens after storm</h1>
<p>The harbour of Port {place} reopened on Thursday after three days of closure, the port authority said in a statement, adding that all damaged cranes had been inspected.</p>
<p>“We lost two days of trade, but nobody was hurt,” harbour master Ilse Varga told reporters at the quay. “The ships are moving again.”</p>
<h2>Repairs to continue</h2>
<p>Workers will keep repairing the eastern breakwater for another month, according to the authority, which estimated the cost of the damage at four million crowns.</p>
<p>Fishermen said the closure had cost them a week of income and asked the city for help.</p>
</article>
<aside><h3>Related</h3><a href="/news/storm-warning">Storm warning issued</a></aside>
<footer>© 2024 The Meridian Post. All rights reserved.</footer>
</body>
</html>
"""


def build_page(charset: str = "utf-8", place: str = "Elsin") -> str:
    """A realistic little news page declaring `charset`, naming the harbour town `place`."""
    return HEAD.format(charset=charset) + BODY.format(place=place)

