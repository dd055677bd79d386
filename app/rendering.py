"""Markdown that people write, rendered safely: markdown-it-py turns it into HTML, nh3 keeps only harmless tags.

Raw HTML in the source is not interpreted (markdown-it's html option is off) and nh3 strips anything that
slipped through: no script, no event handlers, no javascript: links. Everywhere else text is escaped by Jinja.
"""
from __future__ import annotations

import html

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True, "typographer": False}) \
    .enable("table").enable("strikethrough")

ALLOWED_TAGS = {"p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a Markdown text; headings are shifted down so a description never outshouts the page."""
    source = (text or "").replace("\r\n", "\n")
    raw = _md.render(source)
    for level in (2, 1):  # h1 -> h3, h2 -> h4 (the page owns h1 and h2)
        raw = raw.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    clean = nh3.clean(raw, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="nofollow noopener noreferrer")
    return Markup(clean)  # nosec B704  # nh3 has just sanitised it to the allowed tags, attributes and schemes


def markdown_text(text: str | None) -> str:
    """The words of a Markdown text without its markup, for excerpts and search snippets."""
    stripped = nh3.clean(_md.render(text or ""), tags=set())
    return " ".join(html.unescape(stripped).split())
