"""Author-written Markdown (lessons, content/pages) is published through an allow-list.

Lessons and hand-written pages come from training-centre and office staff:
their Markdown may hold raw HTML, and that HTML must not run script, set event
handlers or point at `javascript:`, `file:` or `data:` URLs. Our own fragments
(a lesson's directive embeds: duties, rules, quotes, SVG diagrams) are made
from escaped data by our templates and are trusted.

How the two are told apart in one page: the author's Markdown is written into
docs_dir between two HTML comments carrying a per-process random nonce
(`author_markdown`), and each trusted fragment is replaced by a placeholder
word carrying the same nonce (`trusted_placeholder`). MkDocs renders the page;
the `on_page_content` hook (`clean_page`) then sanitises what lies between the
markers with nh3 and puts the trusted fragments back. An author cannot forge a
marker or a placeholder: the nonce is not in any file they can read.

nh3 (the Python binding of the Rust `ammonia` crate) is maintained, allow-list
based (anything not listed is dropped, the opposite of a block-list that misses
the next trick) and fast (well under a millisecond per lesson).
"""

from __future__ import annotations

import hashlib
import re
import secrets

import nh3

NONCE = secrets.token_hex(12)
OPEN = f"<!-- sotay-author-{NONCE} -->"
CLOSE = f"<!-- /sotay-author-{NONCE} -->"
_PLACEHOLDER_RE = re.compile(rf"(?:<p>)?(sotayembed{NONCE}[0-9a-f]{{24}})(?:</p>)?")

# What Python-Markdown with our extensions (mkdocs.yml: tables, admonition, details, attr_list,
# md_in_html, toc) produces from ordinary Markdown, and the plain HTML an author may type.
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},
    "ol": {"start", "type"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # and relative URLs; never javascript:, file:, data:, vbscript:
_SCHEME_RE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the site itself: a page loads nothing from other hosts."""
    if tag == "img" and attribute == "src" and _SCHEME_RE.match(value):
        return None
    return value


CLEANER = nh3.Cleaner(
    tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, attribute_filter=_attribute_filter,
    link_rel=None, strip_comments=True, clean_content_tags={"script", "style"},
    filter_style_properties={"text-align"},  # Markdown tables align columns with style="text-align: …"
)

_trusted: dict[str, str] = {}


def author_markdown(text: str) -> str:
    """The author's Markdown, marked for `clean_page` (blank lines keep the markers raw HTML blocks)."""
    return f"{OPEN}\n\n{text.strip(chr(10))}\n\n{CLOSE}\n"


def trusted_placeholder(html: str) -> str:
    """A word standing for our own fragment `html` inside author Markdown (put back by clean_page)."""
    token = f"sotayembed{NONCE}{hashlib.sha256(html.encode()).hexdigest()[:24]}"
    _trusted[token] = html
    return token


def sanitise(html: str) -> str:
    """Author HTML through the allow-list."""
    return CLEANER.clean(html)


def clean_page(html: str) -> str:
    """A rendered page with every marked author part sanitised and the trusted fragments back."""
    if OPEN not in html:
        return html
    out = []
    rest = html
    while OPEN in rest:
        before, _, rest = rest.partition(OPEN)
        author, found, rest = rest.partition(CLOSE)
        out.append(before)
        out.append(_PLACEHOLDER_RE.sub(_restore, sanitise(author.strip("\n"))))
        if not found:  # the author's Markdown swallowed the end marker (an unclosed code fence …)
            rest = ""
    out.append(rest)
    return "".join(out)


def _restore(match: re.Match) -> str:
    html = _trusted.get(match.group(1), "")
    # as a paragraph of its own, the fragment is where Python-Markdown would have put a raw HTML
    # block, which it follows with a blank line
    return html + "\n" if match.group(0).startswith("<p>") else html
