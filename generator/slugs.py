"""ASCII slugs from Vietnamese text: tone marks dropped, đ → d.

Used for heading ids (mkdocs.yml `toc.slugify`) so that "Phó Bí thư Đảng ủy"
becomes `pho-bi-thu-dang-uy` rather than losing the "đ".
"""

from __future__ import annotations

import re
import unicodedata

# Ids become file names (van-ban/<id>.html, vai-tro/<holder>/<document>.html …): 80 characters keep
# every page path far below the 255-byte name limit of common file systems, zip tools included.
MAX_ID_LENGTH = 80


def ascii_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.findall(r"[a-z0-9]+", text)


def heading_slug(value: str, separator: str = "-") -> str:
    """The `slugify` callable of Python-Markdown's toc extension."""
    return separator.join(ascii_words(value))
