"""Markdown statements to safe HTML: python-markdown, then nh3 sanitising.

Maths (`$...$`, `$$...$$`) is set aside before Markdown runs, so that `_` and `*` inside a
formula are not read as emphasis, and put back escaped for KaTeX to render on the page.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "pre",
    "code",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "br",
    "hr",
    "span",
    "div",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
}
# Display maths first; inline maths never spans lines; fenced code and `code` are left alone.
# Inline maths as in Pandoc: no space inside the dollars, and no digit right after the closing
# one, so that prices ("$5.26 ... $0.77") stay text.
MATH = re.compile(r"(```.*?```|`[^`\n]*`|\$\$.+?\$\$|\$(?=\S)[^$\n]*?(?<=\S)\$(?!\d))", re.DOTALL)


def render_markdown(text: str) -> str:
    formulas: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("`"):
            return token
        formulas.append(token)
        return f"@@MATH{len(formulas) - 1}@@"

    protected = MATH.sub(set_aside, text)
    rendered = markdown.markdown(
        protected,
        extensions=["fenced_code", "tables", "codehilite", "sane_lists"],
        extension_configs={"codehilite": {"guess_lang": False, "css_class": "highlight"}},
    )
    for index, formula in enumerate(formulas):
        rendered = rendered.replace(f"@@MATH{index}@@", html.escape(formula, quote=False))
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
