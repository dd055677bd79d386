"""Charts drawn on the server as inline SVG: no JavaScript, nothing from a CDN, readable without colour.

Each chart is an <svg role="img"> with a <title>; the numbers are also printed on the bars, and every page
that shows a chart shows the same figures in a table next to it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

ROW_HEIGHT = 22
BAR_GAP = 6
# The drawing scales to its box, text included: a narrow drawing keeps the text legible on a phone (about
# 350 px of box), and CSS caps how far it grows on a wide screen.
LABEL_WIDTH = 150
VALUE_WIDTH = 60
WIDTH = 480
FUNNEL_WIDTH, FUNNEL_LABEL_WIDTH, FUNNEL_NOTE_WIDTH = 400, 110, 56


def _fit(label: str, width: int) -> str:
    """Shorten a label to about `width` pixels (a CJK character is about twice a Latin one)."""
    out, used = "", 0.0
    for ch in label:
        w = 14 if ord(ch) > 0x2E80 else (9 if ch.isupper() or ch in "MW&%" else 7.5)
        if used + w > width - 12:
            return out + "…"
        out += ch
        used += w
    return out


def bar_chart(
    rows: list[tuple[str, float]], title: str, value_format: str = "{:,.0f}", css_class: str = "chart-bar"
) -> Markup:
    """Horizontal bars, one per (label, value), longest value = full width."""
    rows = [(str(label), float(value or 0)) for label, value in rows]
    height = max(1, len(rows)) * (ROW_HEIGHT + BAR_GAP) + BAR_GAP
    top = max((v for _l, v in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        f'<svg class="chart {css_class}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = BAR_GAP + i * (ROW_HEIGHT + BAR_GAP)
        w = max(1.0, span * value / top) if value else 0
        parts.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + ROW_HEIGHT * 0.72:.1f}" '
            f'text-anchor="end">{escape(_fit(label, LABEL_WIDTH))}<title>{escape(label)}</title></text>'
        )
        parts.append(
            f'<rect class="chart-fill" x="{LABEL_WIDTH}" y="{y}" width="{w:.1f}" height="{ROW_HEIGHT}" rx="3"/>'
        )
        parts.append(
            f'<text class="chart-value" x="{LABEL_WIDTH + w + 6:.1f}" y="{y + ROW_HEIGHT * 0.72:.1f}">'
            f"{escape(value_format.format(value))}</text>"
        )
    if not rows:
        parts.append(f'<text class="chart-label" x="{LABEL_WIDTH}" y="{ROW_HEIGHT * 0.8:.1f}">–</text>')
    parts.append("</svg>")
    svg = "".join(parts)
    return Markup(svg)  # nosec B704  # every label, note and title above is escaped; the rest are numbers


def funnel_chart(steps: list[tuple[str, int, str]], title: str) -> Markup:
    """Centred bars narrowing step by step: (label, count, note such as a conversion rate)."""
    row = 30
    width, label_width, note_width = FUNNEL_WIDTH, FUNNEL_LABEL_WIDTH, FUNNEL_NOTE_WIDTH
    height = max(1, len(steps)) * (row + BAR_GAP) + BAR_GAP
    top = max((c for _l, c, _n in steps), default=0) or 1
    span = width - label_width - note_width - 8
    centre = label_width + span / 2
    parts = [
        f'<svg class="chart chart-funnel" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, count, note) in enumerate(steps):
        y = BAR_GAP + i * (row + BAR_GAP)
        w = max(2.0, span * count / top) if count else 2.0
        parts.append(
            f'<text class="chart-label" x="{label_width - 8}" y="{y + row * 0.65:.1f}" '
            f'text-anchor="end">{escape(_fit(label, label_width))}<title>{escape(label)}</title></text>'
        )
        parts.append(
            f'<rect class="chart-fill step-{i}" x="{centre - w / 2:.1f}" y="{y}" width="{w:.1f}" '
            f'height="{row}" rx="4"/>'
        )
        parts.append(
            f'<text class="chart-count" x="{centre:.1f}" y="{y + row * 0.65:.1f}" text-anchor="middle">{count:,}</text>'
        )
        parts.append(
            f'<text class="chart-value" x="{width - note_width}" y="{y + row * 0.65:.1f}">{escape(note)}</text>'
        )
    parts.append("</svg>")
    svg = "".join(parts)
    return Markup(svg)  # nosec B704  # every label, note and title above is escaped; the rest are numbers
