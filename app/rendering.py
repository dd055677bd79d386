"""Markdown that people write, rendered safely: markdown-it-py turns it into HTML, nh3 keeps only harmless tags.

Raw HTML in the source is not interpreted (markdown-it's html option is off) and nh3 strips anything that
slipped through: no script, no event handlers, no javascript: links. Everywhere else text is escaped by Jinja.
"""

from __future__ import annotations

import html

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "span": {"class"},
}
# Links people write lead off the site unless they are a path on it: marked so (rel and a visible sign), and
# never given search-engine credit (ugc, nofollow) or a handle on this page (noopener, noreferrer).
LINK_REL = "nofollow noopener noreferrer ugc"


def is_external(href: str) -> bool:
    """True unless href is a path on this site ("/scenarios/3", "#top"); "//host/x" and "/\\host" go elsewhere."""
    href = href.strip()
    if href.startswith("#"):
        return False
    return not (href.startswith("/") and not href.startswith(("//", "/\\", "/%5C", "/%5c")))


def _link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if is_external(token.attrGet("href") or ""):
        token.attrSet("class", "external")
        env.setdefault("external", []).append(idx)
    return self.renderToken(tokens, idx, options, env)


def _link_close(self, tokens, idx, options, env):
    # The matching link_open is the nearest unclosed one before idx (links do not nest in CommonMark).
    opened = [i for i in range(idx - 1, -1, -1) if tokens[i].type == "link_open"]
    html_out = self.renderToken(tokens, idx, options, env)
    if opened and opened[0] in env.get("external", []):
        from flask_babel import gettext

        label = html.escape(gettext("(opens another website)"))
        html_out += f' <span class="external-mark">↗<span class="visually-hidden">{label}</span></span>'
    return html_out


_md.add_render_rule("link_open", _link_open)
_md.add_render_rule("link_close", _link_close)


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a Markdown text; headings are shifted down so a description never outshouts the page."""
    source = (text or "").replace("\r\n", "\n")
    raw = _md.render(source, {})
    for level in (2, 1):  # h1 -> h3, h2 -> h4 (the page owns h1 and h2)
        raw = raw.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )
    return Markup(clean)  # nosec B704  # nh3 has just sanitised it to the allowed tags, attributes and schemes


def markdown_text(text: str | None) -> str:
    """The words of a Markdown text without its markup, for excerpts and search snippets."""
    stripped = nh3.clean(_md.render(text or ""), tags=set())
    return " ".join(html.unescape(stripped).split())
