"""Vietnamese text folded for comparison, and ASCII slugs made from it.

`fold` is the one place that drops tone and vowel marks: "Phó Bí thư Đảng ủy"
→ "pho bi thu dang uy" (đ → d, lower case). Slugs are its ASCII words joined
by "-": document ids (`slugify`), commune filter values, heading ids
(mkdocs.yml `toc.slugify`: `heading_slug`), and what to suggest for a
mistyped id. Sorting folds the same way (`views.nav.sort_key`).
"""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WORD_RE = re.compile(r"[a-z0-9]+")
# Ids become file names (van-ban/<id>.html, vai-tro/<holder>/<document>.html …): 80 characters keep
# every page path far below the 255-byte name limit of common file systems, zip tools included.
MAX_ID_LENGTH = 80


def strip_marks(text: str) -> str:
    """`text` without tone and vowel marks ("Đảng ủy" → "Đang uy"); đ stays đ, case is kept."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """`text` as compared and sorted: marks dropped, đ → d, case folded ("Đảng ủy" → "dang uy")."""
    return strip_marks(text.replace("đ", "d").replace("Đ", "D")).casefold()


def ascii_words(text: str) -> list[str]:
    """The ASCII words of folded `text`: "Phó Bí thư, Đảng ủy" → ["pho", "bi", "thu", "dang", "uy"]."""
    return _WORD_RE.findall(fold(text))


def slugify(text: str, max_words: int | None = None) -> str:
    """"Xã Lùng Phình" → "xa-lung-phinh" (only the first `max_words` words when given)."""
    return "-".join(ascii_words(text)[:max_words])


def heading_slug(value: str, separator: str = "-") -> str:
    """The `slugify` callable of Python-Markdown's toc extension."""
    return separator.join(ascii_words(value))
