"""Import stage: a regulation as received (.txt/.md/.docx) → `Document`s → clean source files.

Steps, each a small function:

1. `read_text` — bytes → str (UTF-8 with/without BOM, UTF-16 with BOM, cp1258
   fallback; .docx via python-docx, paragraphs and table cells in order). Empty,
   binary or undecodable files raise `InputError` (exit code 2).
2. `clean_lines` — NFC, CRLF, tabs/odd spaces, ``[bookmark: …]`` junk, ``**bold**``,
   markdown ``#`` headings, separators; then `join_wrapped` re-joins hard-wrapped
   paragraphs (a line starting a unit — ``Điều``, ``1.``, ``a)``, ``-`` … — never joins).
3. `split_segments` — one file may hold a decision (QUYẾT ĐỊNH) and its attached
   regulation; each segment has header / body / footer lines.
4. `parse_header` / `parse_footer` read the metadata (issuer, number, place/date,
   draft, title, legal bases, preamble, recipients, signature); `link_attachments`
   pairs a decision with its regulation and fills the decision's number/date from
   "(Kèm theo Quyết định số …, ngày …)"; `parser.parse_structure` does the body.
5. `render_content` writes the clean, human-editable format: YAML front matter with
   every `Document` field, then one unit per paragraph::

       Chương I. QUY ĐỊNH CHUNG
       Mục 1. TITLE
       Điều 1. Title
       1. text / 2.1. text / a) text / - text / + text / plain paragraph

   A paragraph that would look like a unit is escaped with a leading backslash.
   `read_documents` re-parses it with the same parser (round trip).

Ids: a decision with a number gets ``qd-<n>-<issuer slug>`` (``qd-261-ban-bi-thu``);
others ``<qc|quy-dinh|vb>-<n>-<issuer slug>`` or ``<prefix>-<first title words>``.
``ids`` (the CLI's ``--id``) names the *main* document of a file: for a
decision + regulation file it names the regulation, and the decision keeps its
automatic id (``<id>-quyet-dinh`` when it has no number). The front matter ``id`` is
the source of truth afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.cache import cached, shared
from generator.errors import InputError
from generator.files import disk_error, write_atomic
from generator.read.yaml_source import FileProblem, read_yaml_text
from generator.slugs import MAX_ID_LENGTH, ascii_words
from generator.model.document import Article, Block, Clause, Document, Point, Signature
from generator.read.parser import (
    CHAPTER_RE,
    CLAUSE_RE,
    POINT_RE,
    SECTION_RE,
    SUBCLAUSE_RE,
    BARE_CLAUSE_RE,
    Line,
    article_heading,
    is_sentence,
    is_structural,
    parse_structure,
)

log = logging.getLogger(__name__)

BOOKMARK_RE = re.compile(r"\[bookmark:[^\]\n]{0,300}\]")
MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
MD_ESCAPE_RE = re.compile(r"\\([-+*.#()\[\]_>])")
SEPARATOR_RE = re.compile(r"^[-–—_=*.~]{1,}$")
SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
BULLET_RE = re.compile(r"^[-–—•+*]\s")
KIND_RE = re.compile(r"^(QUYẾT ĐỊNH|QUY CHẾ|QUY ĐỊNH)(?![A-ZÀ-Ỹa-zà-ỹĐđ])\s*(.*)$")
ENACTING_RE = re.compile(r"^(.{0,120}?)\s*QUYẾT ĐỊNH\s*:?$")
MISSING_DATE_PART_RE = re.compile(r"\b(ngày|tháng)\s+(?=(?:tháng|năm)\b)")
PLACE_DATE_RE = re.compile(r"^[A-ZÀ-ỸĐ….][^,\d]{0,40},\s*ngày\b")
NUMBER_RE = re.compile(r"^Số\s*:?\s*(.{1,60})$")
DATE_RE = re.compile(r"ngày\s{0,40}(\d{1,2})?\D{0,40}?tháng\s{0,40}(\d{1,2})?\D{0,40}?năm\s{0,40}(\d{4})?")
DRAFT_RE = re.compile(r"\(?\s*d[ựư]\s+thảo\s*\)?", re.IGNORECASE)
LEGAL_BASIS_RE = re.compile(r"^(?:[-–+•]\s*)?(Căn cứ\b.*)$")
CONSIDER_RE = re.compile(r"^(?:[-–+•]\s*)?((?:Xét|Theo đề nghị)\b.*)$")
ATTACHED_RE = re.compile(
    r"\(\s*(?:ban hành\s+)?kèm theo\s+(Quyết định|Nghị quyết)\s+số\s*:?\s*([^,;()]{1,40}?)\s*[,;]?\s*"
    r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*(?:của\s+([^()]{1,120}?))?\s*\)",
    re.IGNORECASE,
)
FOOTER_RE = re.compile(
    r"^(?:Nơi nhận|NƠI NHẬN|T/M\b|TM\.|TM\s|K/T\b|KT\.|KT\s|T/L\b|TL\.|Q\.\s"
    r"|(?:PHÓ )?(?:BÍ THƯ|CHỦ TỊCH|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)(?: THƯỜNG TRỰC)?$)"
)
SIGN_ON_BEHALF_RE = re.compile(r"^(?:T/M|TM\.|TM|K/T|KT\.|KT|T/L|TL\.|Q\.)\s")
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters but \t \n \v \f \r
MAX_TEXT_BYTES = 2_000_000  # 25× the longest seed regulation: bounds import time on a wrong file
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BLANK_RE = re.compile(r"…|\.{3,}")
TERMINAL = tuple(".;:!?)”\"'…")
NATIONAL_LINES = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")

REPLACES_RE = re.compile(
    r"(?:[Tt]hay thế|thay cho)\s+((?:các\s+|khung\s+)?(?:[Qq]uy chế|[Qq]uy định|[Qq]uyết định|[Hh]ướng dẫn)[^.;]{0,300})"
)
REPLACES_END_RE = re.compile(r"\s(?:và\s)?(?:có hiệu lực|kể từ ngày)")
UNTITLED = "Văn bản chưa có tiêu đề"
KIND_NAMES = {"QUYẾT ĐỊNH": "quyet-dinh", "QUY CHẾ": "quy-che", "QUY ĐỊNH": "quy-dinh"}
KIND_PREFIX = {"quyet-dinh": "qd", "quy-che": "qc", "quy-dinh": "quy-dinh", "other": "vb"}
ORG_NAMES = {
    "ban chấp hành trung ương đảng": "Ban Chấp hành Trung ương Đảng",
    "ban chấp hành trung ương": "Ban Chấp hành Trung ương",
    "ban bí thư trung ương đảng": "Ban Bí thư Trung ương Đảng",
    "ban bí thư": "Ban Bí thư",
    "bộ chính trị": "Bộ Chính trị",
    "ban thường vụ tỉnh ủy": "Ban Thường vụ Tỉnh ủy",
    "ban thường vụ thành ủy": "Ban Thường vụ Thành ủy",
    "ban thường vụ đảng ủy": "Ban Thường vụ Đảng ủy",
    "ban chấp hành đảng bộ": "Ban Chấp hành Đảng bộ",
    "ban thường vụ": "Ban Thường vụ",
    "tỉnh ủy": "Tỉnh ủy",
    "thành ủy": "Thành ủy",
    "huyện ủy": "Huyện ủy",
    "đảng ủy": "Đảng ủy",
    "đảng bộ": "Đảng bộ",
}
PLACE_WORDS = ("thành phố", "đặc khu", "tỉnh", "xã", "phường", "huyện", "thị xã", "khối")
FRONT_MATTER_KEYS = (
    "id", "kind", "title", "number", "date", "date_text", "place", "issuer", "parent_issuer",
    "level", "draft", "replaces", "legal_bases", "preamble", "recipients", "signature",
    "attached_to", "attachment", "source",
)


@dataclass
class Segment:
    """One document's lines inside a file."""

    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)


# ---------------------------------------------------------------- reading

def read_text(path: Path) -> str:
    """The text of a file as received; `InputError` for empty/binary/undecodable files."""
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputError(f"{path}: the file is {path.stat().st_size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit "
                         "(a regulation is rarely over 200 KB) — check that this is the right file, or split it")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty; give a regulation text (.txt, .md or .docx)")
    text = decode_bytes(data, path)
    controls = len(CONTROL_RE.findall(text))
    if controls > max(2, len(text) // 200):
        raise InputError(f"{path}: looks like a binary file, not text; save the regulation as .txt, .md or .docx")
    return text


def decode_bytes(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: looks like a binary file, not text; save the regulation as .txt, .md or .docx")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode the text (not UTF-8 or Windows-1258); save it as UTF-8") from exc


def read_docx(path: Path) -> str:
    """Paragraphs (and table cells, in document order) of a .docx, one per line."""
    import docx  # python-docx; imported lazily, only .docx input needs it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_docx_sizes(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types
        raise InputError(f"{path}: not a readable .docx file ({exc.__class__.__name__})") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    text = "\n".join(lines)
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(f"{path}: the document holds {len(text):,} characters, over the {MAX_TEXT_BYTES:,} limit — check that this is the right file, or split it")
    if not text.strip():
        raise InputError(f"{path}: the document is empty")
    return text


MAX_DOCX_PART_BYTES = 40_000_000  # uncompressed word/document.xml of a 2 MB text is ~20 MB at most
MAX_DOCX_TOTAL_BYTES = 100_000_000
MAX_DOCX_PARTS = 5_000


def check_docx_sizes(path: Path) -> None:
    """Refuse a zip bomb from the zip's directory, before anything is decompressed or parsed."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .docx file ({exc.__class__.__name__}) — open it in Word and save it again") from None
    too_big = next((p for p in parts if p.file_size > MAX_DOCX_PART_BYTES), None)
    total = sum(p.file_size for p in parts)
    if len(parts) > MAX_DOCX_PARTS or too_big or total > MAX_DOCX_TOTAL_BYTES:
        what = (f"its part {too_big.filename} unpacks to {too_big.file_size:,} bytes" if too_big
                else f"it unpacks to {total:,} bytes in {len(parts):,} parts")
        raise InputError(f"{path}: {what}, over the limit for a regulation ({MAX_DOCX_PART_BYTES:,} bytes a part, "
                         f"{MAX_DOCX_TOTAL_BYTES:,} in all) — check that this is the right file, or save the text as .txt")


# --------------------------------------------------------------- cleaning

def clean_line(raw: str) -> str:
    """One physical line without junk, markdown emphasis/headings and odd spaces."""
    text = INVISIBLE_RE.sub("", raw)
    text = BOOKMARK_RE.sub("", text)
    text = SPACES_RE.sub(" ", text).strip()
    text = MD_HEADING_RE.sub("", text)
    text = text.replace("**", "").replace("__", "")
    text = MD_ESCAPE_RE.sub(r"\1", text)
    text = SPACES_RE.sub(" ", text).strip()
    if text and SEPARATOR_RE.match(text) and text not in ("-", "+"):
        return "-----"
    return text


def clean_lines(text: str) -> list[Line]:
    """NFC-normalised, cleaned physical lines (blank ones kept as "")."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [Line(number, clean_line(raw)) for number, raw in enumerate(text.split("\n"), start=1)]


def is_unit_start(text: str) -> bool:
    """Whether a line begins a unit and so must not be joined to the previous line."""
    if article_heading(text) or CHAPTER_RE.match(text) or SECTION_RE.match(text):
        return True
    if SUBCLAUSE_RE.match(text) or CLAUSE_RE.match(text) or POINT_RE.match(text):
        return True
    bare = BARE_CLAUSE_RE.match(text)
    if bare and len(bare.group(1)) <= 2:
        return True
    return bool(
        BULLET_RE.match(text) or FOOTER_RE.match(text) or LEGAL_BASIS_RE.match(text)
        or CONSIDER_RE.match(text) or text.startswith("(") or text == "-----" or text.isupper()
        or NUMBER_RE.match(text) or PLACE_DATE_RE.match(text) or kind_line(text)
    )


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Whether the text was wrapped at a fixed width (most long lines are similar and short)."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 40)
    if len(lengths) < 5:
        return False
    return lengths[int(len(lengths) * 0.9)] <= 110


def starts_lowercase(text: str) -> bool:
    return text[:1].islower()


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Re-join paragraphs broken over several lines; blank lines are dropped.

    Parts are collected in lists and joined once, so the cost stays linear."""
    wrapped = is_hard_wrapped(lines)
    paragraphs: list[tuple[int, list[str]]] = []
    previous_blank = True
    for line in lines:
        if not line.text:
            previous_blank = True
            continue
        if paragraphs and should_join(paragraphs[-1][1], line.text, wrapped, previous_blank):
            paragraphs[-1][1].append(line.text)
        else:
            paragraphs.append((line.number, [line.text]))
        previous_blank = False
    return [Line(number, " ".join(parts)) for number, parts in paragraphs]


def should_join(parts: list[str], text: str, wrapped: bool, after_blank: bool = False) -> bool:
    """Whether `text` continues the paragraph made of `parts`; across a blank line only a
    lower-case continuation of an unfinished sentence joins (a page break in a paragraph)."""
    first, previous = parts[0], parts[-1]
    if is_unit_start(text) or previous == "-----" or previous.endswith(":"):
        return False
    if after_blank:
        return starts_lowercase(text) and not previous.endswith(TERMINAL) and not is_structural(first)
    if (CHAPTER_RE.match(first) or SECTION_RE.match(first)) and not starts_lowercase(text):
        return False
    if starts_lowercase(text):
        return True
    return wrapped and not previous.endswith(TERMINAL) and not previous.isupper()


# -------------------------------------------------------------- splitting

def kind_line(text: str) -> tuple[str, str] | None:
    """(kind, rest) for a title line such as "QUY CHẾ" / "QUYẾT ĐỊNH ban hành …"."""
    match = KIND_RE.match(text)
    if not match or text.rstrip().endswith(":"):
        return None
    return KIND_NAMES[match.group(1)], match.group(2).strip()


def is_header_like(text: str) -> bool:
    """Lines that may precede a document's title: issuer, number, date, separators."""
    if text == "-----" or NUMBER_RE.match(text) or DATE_RE.search(text) or DRAFT_RE.fullmatch(text):
        return not SIGN_ON_BEHALF_RE.match(text)
    return text.isupper() and not SIGN_ON_BEHALF_RE.match(text) and not FOOTER_RE.match(text)


def split_segments(lines: list[Line]) -> list[list[Line]]:
    """Split at each title line (QUYẾT ĐỊNH / QUY CHẾ / QUY ĐỊNH) that follows articles."""
    segments: list[list[Line]] = [[]]
    seen_article = False
    for index, line in enumerate(lines):
        previous = lines[index - 1].text if index else ""
        bare_heading = (CHAPTER_RE.match(previous) or SECTION_RE.match(previous)) and not previous.split(maxsplit=2)[2:]
        if seen_article and kind_line(line.text) and not bare_heading:
            current = segments[-1]
            cut = len(current)
            while cut > 0 and is_header_like(current[cut - 1].text) and not article_heading(current[cut - 1].text):
                cut -= 1
            segments[-1], carried = current[:cut], current[cut:]
            segments.append(carried)
            seen_article = False
        segments[-1].append(line)
        if article_heading(line.text):
            seen_article = True
    return [segment for segment in segments if segment]


def split_zones(lines: list[Line]) -> Segment:
    """Header (before the first Chương/Mục/Điều), body, footer (from Nơi nhận / T/M)."""
    segment = Segment()
    zone = segment.header
    for line in lines:
        if zone is segment.header and is_structural(line.text) and (
            article_heading(line.text) or not kind_line(line.text)
        ):
            zone = segment.body
        elif zone is segment.body and FOOTER_RE.match(line.text):
            zone = segment.footer
        zone.append(line)
    return segment


# ----------------------------------------------------------------- header

def org_case(text: str) -> str:
    """"TỈNH ỦY HÀ TĨNH" → "Tỉnh ủy Hà Tĩnh"; mixed-case names are kept as written."""
    text = text.strip(" ,.")
    if not text.isupper():
        return text
    lower = text.lower()
    for prefix, canonical in ORG_NAMES.items():
        if lower.startswith(prefix) and (len(lower) == len(prefix) or lower[len(prefix)] == " "):
            rest = lower[len(prefix):].strip()
            place = next((w for w in PLACE_WORDS if rest.startswith(w + " ") or rest == w), "")
            name = rest[len(place):].strip()
            parts = [canonical, place, " ".join(word[:1].upper() + word[1:] for word in name.split())]
            return " ".join(part for part in parts if part)
    return " ".join(word[:1].upper() + word[1:] for word in lower.split())


def has_blank(text: str) -> bool:
    return bool(BLANK_RE.search(text))


def parse_number(text: str) -> str | None:
    """"02- QC/TU" → "02-QC/TU"; template blanks or no digit → None."""
    value = re.sub(r"\s*([-/])\s*", r"\1", text.strip().rstrip("."))
    if has_blank(value) or not re.match(r"\d", value):
        return None
    return value.split()[0]


def parse_date_line(text: str) -> tuple[str | None, dt.date | None]:
    """(place, date) of "Hà Tĩnh, ngày 12 tháng 12 năm 2025"; parts may be blank."""
    match = DATE_RE.search(text)
    place = text[: match.start()].strip(" ,") if match else None
    if place and (has_blank(place) or not re.search(r"\w", place)):
        place = None
    if not match or not all(match.groups()):
        return place, None
    day, month, year = (int(g) for g in match.groups())
    try:
        return place, dt.date(year, month, day)
    except ValueError:
        return place, None


def parse_title(lines: list[Line], start: int) -> tuple[str, str, int]:
    """(kind, title, index after the title) from the title line at `start`."""
    kind, rest = kind_line(lines[start].text)
    words = [rest] if rest else []
    index = start + 1
    while index < len(lines) and index - start <= 6:
        text = lines[index].text
        if is_title_stop(text):
            break
        words.append(text)
        index += 1
    name = {"quyet-dinh": "Quyết định", "quy-che": "Quy chế", "quy-dinh": "Quy định"}[kind]
    rest = " ".join(lower_caps_run(w) for w in words).strip()
    if rest[1:2].islower():  # "QUYẾT ĐỊNH / Về việc ban hành …" → "Quyết định về việc …"
        rest = rest[:1].lower() + rest[1:]
    return kind, f"{name} {rest}".strip(), index


def lower_caps_run(text: str) -> str:
    """Lower-case the leading ALL-CAPS words ("LÀM VIỆC của Ban …" → "làm việc của Ban …")."""
    words = text.split()
    index = 0
    while index < len(words) and words[index].isupper():
        index += 1
    if index == len(words) or index >= 2 or (index == 1 and len(words[0]) > 1):
        words[:index] = [w.lower() for w in words[:index]]
    return " ".join(words)


def is_title_stop(text: str) -> bool:
    return bool(
        text == "-----" or LEGAL_BASIS_RE.match(text) or CONSIDER_RE.match(text) or BULLET_RE.match(text)
        or text.startswith("(") or NUMBER_RE.match(text) or DATE_RE.search(text) or kind_line(text)
        or ENACTING_RE.match(text) or (" ban hành " in text and text.rstrip(":").endswith("như sau"))
        or text in NATIONAL_LINES
    )


def parse_header(lines: list[Line]) -> dict:
    """Metadata from the lines before the first Chương/Mục/Điều."""
    meta: dict = {"kind": "other", "title": None, "legal_bases": [], "preamble": [], "issuers": []}
    seen_title = False
    index = 0
    while index < len(lines):
        text = lines[index].text
        if kind_line(text) and not seen_title:
            meta["kind"], meta["title"], index = parse_title(lines, index)
            seen_title = True
            continue
        take_header_line(meta, text, seen_title)
        index += 1
    return meta


def take_header_line(meta: dict, text: str, seen_title: bool) -> None:
    number = NUMBER_RE.match(text)
    attached = ATTACHED_RE.search(text)
    if attached:
        meta["attached"] = attached.groups()
    elif number:
        meta.setdefault("number", parse_number(number.group(1)))
    elif DRAFT_RE.fullmatch(text.strip()):
        meta["draft"] = True
    elif DATE_RE.search(text) and "date_text" not in meta and not LEGAL_BASIS_RE.match(text) and len(text) < 80:
        meta["date_text"] = MISSING_DATE_PART_RE.sub(r"\1 … ", text)
        meta["place"], meta["date"] = parse_date_line(text)
    elif LEGAL_BASIS_RE.match(text):
        meta["legal_bases"].append(LEGAL_BASIS_RE.match(text).group(1))
    elif ENACTING_RE.match(text) and text.isupper():
        meta["preamble"].append(text)
        meta["enacting_issuer"] = ENACTING_RE.match(text).group(1).strip()
    elif text in NATIONAL_LINES or text == "-----" or kind_line(text):
        return
    elif text.isupper() and not seen_title:
        meta["issuers"].append(text)
    elif text.isupper() and not meta["legal_bases"] and not meta["preamble"]:
        meta["issuers"].append(text)
    elif seen_title:
        meta["preamble"].append(BULLET_RE.sub("", text))


def enacting_subject(preamble: list[str]) -> str | None:
    """"…, Ban Thường vụ Tỉnh ủy ban hành Quy chế … như sau:" → "Ban Thường vụ Tỉnh ủy"."""
    for text in preamble:
        head, found, _ = text.partition(" ban hành ")
        if found:
            subject = head.rsplit(",", 1)[-1].strip()
            if re.match(r"(Ban|Đảng|Tỉnh|Thành|Huyện|Bộ)\b", subject):
                return subject
    return None


def level_of(*names: str | None) -> str:
    text = " ".join(n for n in names if n).lower()
    if any(w in text for w in ("trung ương", "ban bí thư", "bộ chính trị")):
        return "trung-uong"
    if re.search(r"\b(xã|phường|đặc khu|thị trấn)\b", text):
        return "xa"
    if any(w in text for w in ("tỉnh", "thành ủy", "thành phố", "khối")):
        return "tinh"
    return "khac"


# ----------------------------------------------------------------- footer

def parse_footer(lines: list[Line]) -> tuple[list[str], Signature]:
    recipients: list[str] = []
    signature = Signature()
    in_recipients = False
    for line in lines:
        text = line.text
        if text.startswith(("Nơi nhận", "NƠI NHẬN")):
            in_recipients = True
            continue
        if SIGN_ON_BEHALF_RE.match(text):
            signature.on_behalf, in_recipients = text, False
        elif in_recipients and BULLET_RE.match(text + " "):
            item = BULLET_RE.sub("", text + " ").strip().rstrip(",;.")
            if re.search(r"\w", item) and not has_blank(item):
                recipients.append(item)
        elif text.isupper() and re.search(r"\w", text):
            signature.position = f"{signature.position} {text}" if signature.position else text
            in_recipients = False
        elif is_person_name(text):
            signature.name = text
            in_recipients = False
    return recipients, signature


def is_person_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words)


# --------------------------------------------------------------- documents

@dataclass
class RawFile:
    """The documents of one raw file and the (decision, regulation) pairs among them."""

    documents: list[Document]
    links: list[tuple[Document, Document]]


def parse_raw(text: str, source: str) -> RawFile:
    """Every document in a raw text (a decision and its attached regulation become two)."""
    lines = join_wrapped(clean_lines(text))
    parsed = [document_from_segment(split_zones(seg), source) for seg in split_segments(lines)]
    parsed = [(d, attached) for d, attached in parsed if d.articles or d.title]
    if not any(d.articles for d, _ in parsed):
        raise InputError(f"{source}: no articles found (expected lines such as 'Điều 1. Phạm vi điều chỉnh')")
    return RawFile([d for d, _ in parsed], link_attachments(parsed))


def documents_from_text(text: str, source: str, main_id: str | None = None) -> list[Document]:
    """Documents of a raw text with automatic (or `main_id`) ids and their links set."""
    raw = parse_raw(text, source)
    assign_ids(raw, IdRegistry(), main_id)
    return raw.documents


def document_from_segment(segment: Segment, source: str) -> tuple[Document, tuple | None]:
    """The document of one segment, and its "(Kèm theo …)" reference if it has one."""
    meta = parse_header(segment.header)
    structure = parse_structure(segment.body, source, decision=meta["kind"] == "quyet-dinh")
    recipients, signature = parse_footer(segment.footer)
    issuers = [i for i in meta["issuers"] if not has_blank(i)]
    attached = meta.get("attached")
    issuer = org_case(issuers[-1]) if issuers else None
    if issuer is None and meta.get("enacting_issuer"):
        issuer = org_case(meta["enacting_issuer"])
    if issuer is None and attached and attached[5]:
        issuer = attached[5].strip()
    issuer = issuer or enacting_subject(meta["preamble"])
    parent = org_case(issuers[-2]) if len(issuers) >= 2 else None
    document = Document(
        id="", kind=meta["kind"], title=meta["title"] or UNTITLED, source=source,
        number=meta.get("number"), date=meta.get("date"), date_text=meta.get("date_text"),
        place=meta.get("place"), issuer=issuer, parent_issuer=parent, level=level_of(issuer, parent),
        draft=bool(meta.get("draft")), legal_bases=meta["legal_bases"], preamble=meta["preamble"],
        recipients=recipients, signature=signature, chapters=structure.chapters,
        articles=structure.articles, closing=structure.closing, warnings=structure.warnings,
    )
    document.replaces = find_replaces(document.articles)
    return document, attached


def find_replaces(articles: list[Article]) -> str | None:
    """The "thay thế …/thay cho …" sentence of the closing articles, if any."""
    for article in reversed(articles[-3:]):
        for text in article_texts(article):
            match = REPLACES_RE.search(text)
            if match:
                return REPLACES_END_RE.split(match.group(1), maxsplit=1)[0].strip(" ,")
    return None


def article_texts(article: Article):
    yield from (b.text for b in article.intro)
    for clause in article.clauses:
        yield clause.text
        yield from (b.text for b in clause.blocks)


def link_attachments(parsed: list[tuple[Document, tuple | None]]) -> list[tuple[Document, Document]]:
    """Pair each decision with the regulation that follows it; fill number/date from "(Kèm theo …)"."""
    links = []
    for (decision, _), (regulation, attached) in zip(parsed, parsed[1:]):
        if decision.kind != "quyet-dinh" or regulation.kind == "quyet-dinh":
            continue
        if attached:
            _, number, day, month, year, issuer = attached
            decision.number = decision.number or parse_number(number)
            if decision.date is None:
                try:
                    decision.date = dt.date(int(year), int(month), int(day))
                except ValueError:
                    pass
            decision.issuer = decision.issuer or (issuer.strip() if issuer else None)
            decision.level = level_of(decision.issuer, decision.parent_issuer)
        links.append((decision, regulation))
    return links


def slugify(text: str, max_words: int = 8) -> str:
    return "-".join(ascii_words(text)[:max_words])


def automatic_id(document: Document) -> str:
    prefix = KIND_PREFIX[document.kind]
    lead = re.match(r"\d+", document.number or "")
    if lead:
        return "-".join(p for p in (prefix, lead.group(0), slugify(document.issuer or "", 6)) if p)
    title = re.sub(r"^(Quyết định|Quy chế|Quy định)\s*", "", document.title)
    return f"{prefix}-{slugify(title, 6) or 'van-ban'}"


@dataclass
class IdRegistry:
    """Ids in use: `existing` (id → source, from files already imported) and `used` (this run)."""

    existing: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    suffix: dict[str, int] = field(default_factory=dict)

    def claim(self, wanted: str, source: str) -> str:
        """`wanted`, or `wanted-2`, `-3` … when this run or another source already uses it
        (re-importing the same source keeps its id)."""
        candidate = wanted
        while candidate in self.used or self.existing.get(candidate, source) != source:
            self.suffix[wanted] = self.suffix.get(wanted, 1) + 1
            candidate = f"{wanted}-{self.suffix[wanted]}"
        self.used.add(candidate)
        return candidate


def assign_ids(raw: RawFile, registry: IdRegistry, main_id: str | None = None) -> None:
    """Give every document a unique id and set the decision ↔ regulation links;
    `main_id` names the regulation (or the only document)."""
    documents = raw.documents
    main = next((d for d in documents if d.kind != "quyet-dinh"), documents[0]) if documents else None
    for document in documents:
        if main_id and document is main:
            wanted = main_id
        elif main_id and document.kind == "quyet-dinh" and not document.number:
            wanted = f"{main_id}-quyet-dinh"
        else:
            wanted = automatic_id(document)
        document.id = registry.claim(wanted, document.source)
    for decision, regulation in raw.links:
        decision.attachment, regulation.attached_to = regulation.id, decision.id


# ----------------------------------------------------------- clean format

def render_content(document: Document) -> str:
    """Front matter + body in the clean, human-editable format."""
    meta = {key: getattr(document, key) for key in FRONT_MATTER_KEYS}
    meta["signature"] = {k: getattr(document.signature, k) for k in ("on_behalf", "position", "name")}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = "\n\n".join(render_body(document))
    return f"---\n{front}---\n\n{body}\n"


def render_body(document: Document):
    sections = {(ch.number, s.number): s for ch in document.chapters for s in ch.sections}
    chapters = {ch.number: ch for ch in document.chapters}
    done: set = set()
    for article in document.articles:
        if article.chapter and article.chapter not in done and article.chapter in chapters:
            done.add(article.chapter)
            yield heading("Chương", chapters[article.chapter])
        key = (article.chapter, article.section)
        if article.section and key not in done and key in sections:
            done.add(key)
            yield heading("Mục", sections[key])
        intro = article.intro
        if document.kind == "quyet-dinh" and not article.title and intro[:1] and sentence_block(intro[0]):
            yield f"Điều {article.number}. {intro[0].text}"  # as the source has it; read back as text
            intro = intro[1:]
        else:
            yield f"Điều {article.number}. {article.title}".rstrip()
        yield from (render_block(b) for b in intro)
        for point in article.points:
            yield from render_point(point)
        for clause in article.clauses:
            yield from render_clause(clause)
    for chapter in document.chapters:  # chapters without articles
        if chapter.number not in done:
            yield heading("Chương", chapter)
    yield from (render_block(b) for b in document.closing)


def sentence_block(block: Block) -> bool:
    """A paragraph that the parser reads back as a decision article's text when written
    on its "Điều N." line."""
    return block.kind == "paragraph" and is_sentence(block.text)


def heading(word: str, unit) -> str:
    return f"{word} {unit.number}. {unit.title}".rstrip() if unit.title else f"{word} {unit.number}"


def render_clause(clause: Clause):
    yield f"{clause.number}. {clause.text}".rstrip()
    yield from (render_block(b) for b in clause.blocks)
    for point in clause.points:
        yield from render_point(point)
    for sub in clause.clauses:
        yield from render_clause(sub)


def render_point(point: Point):
    yield f"{point.label}) {point.text}".rstrip()
    yield from (render_block(b) for b in point.blocks)


def render_block(block: Block) -> str:
    if block.kind == "dash":
        return f"- {block.text}"
    if block.kind == "plus":
        return f"+ {block.text}"
    text = block.text
    return "\\" + text if looks_like_unit(text) else text


def looks_like_unit(text: str) -> bool:
    """Whether the parser would read this paragraph as a unit (so it must be escaped)."""
    return bool(
        is_structural(text) or SUBCLAUSE_RE.match(text) or CLAUSE_RE.match(text) or BARE_CLAUSE_RE.match(text)
        or POINT_RE.match(text) or text.startswith(("\\", "-", "+", "–", "—", "•"))
    )


def split_front_matter(text: str, path: Path) -> tuple[dict, list[str], list[Line]]:
    """(front matter mapping, its raw lines, body lines) of a content file."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise InputError(f"{path}:1: front matter not closed; add a line '---' after the YAML header") from None
    header = "\n".join(lines[1:end])
    try:  # the one YAML loader (read/yaml_source.py): alias bombs, nesting and duplicate keys are refused
        meta, problems = read_yaml_text(header, str(path), first_line=2)
    except FileProblem as problem:
        message = str(problem)
        if "!!timestamp" in message:  # `date: 2025-13-45`
            message += "; dates are written YYYY-MM-DD"
        raise InputError(message) from None
    if problems:
        raise InputError("\n".join(problems))
    meta = meta or {}
    if not isinstance(meta, dict):
        raise InputError(f"{path}:2: the front matter must be a YAML mapping (key: value)")
    body = [Line(n, unicodedata.normalize("NFC", t.strip())) for n, t in enumerate(lines[end + 1:], start=end + 2)]
    return meta, lines[:end], body


FIELD_TYPES = {
    "id": str, "kind": str, "title": str, "number": str, "date_text": str, "place": str, "issuer": str,
    "parent_issuer": str, "level": str, "draft": bool, "replaces": str, "legal_bases": list,
    "preamble": list, "recipients": list, "signature": dict, "attached_to": str, "attachment": str,
    "source": str,
}
CHOICES = {"kind": tuple(KIND_PREFIX), "level": ("trung-uong", "tinh", "xa", "khac")}


def front_matter_problems(meta: dict) -> list[tuple[str, str]]:
    """(key, message) for every problem in a content file's front matter."""
    problems = [(key, f"'{key}' is missing") for key in ("id", "kind", "title") if meta.get(key) in (None, "")]
    for key, value in meta.items():
        if key == "date":
            if value is not None and not isinstance(value, dt.date):
                problems.append((key, f"date {value!r} must be YYYY-MM-DD or empty"))
        elif key not in FIELD_TYPES:
            continue  # reported as a warning by `document_from_content`
        elif value is not None and not isinstance(value, FIELD_TYPES[key]):
            problems.append((key, f"'{key}' must be a {FIELD_TYPES[key].__name__}, not {type(value).__name__}"))
        elif key in CHOICES and value is not None and value not in CHOICES[key]:
            problems.append((key, f"{key} '{value}' must be one of {', '.join(CHOICES[key])}"))
    if isinstance(meta.get("id"), str) and meta["id"] and not SLUG_RE.fullmatch(meta["id"]):
        problems.append(("id", f"id '{meta['id']}' must be an ASCII slug (a-z, 0-9, '-')"))
    elif isinstance(meta.get("id"), str) and len(meta["id"]) > MAX_ID_LENGTH:
        problems.append(("id", f"id is {len(meta['id'])} characters long, over the limit of {MAX_ID_LENGTH} "
                               "(it becomes a file name) — shorten it"))
    return problems


def key_line(raw_lines: list[str], key: str) -> int:
    """Line number of `key:` in the front matter (1 when absent)."""
    return next((n for n, text in enumerate(raw_lines, start=1) if text.startswith(f"{key}:")), 1)


def document_from_content(path: Path) -> Document:
    """A `Document` from an imported content file; every front matter problem in one error.

    Under `sotay serve` an unchanged file gives back the same `Document` object as on the
    previous reload (cache.shared); callers must not change it."""
    text = read_text(path)
    document, unknown_keys = shared("document", (str(path), text), lambda: _document_from_text(text, path),
                                    modules=("read/importer.py", "read/parser.py", "model/document.py"))
    for line, key in unknown_keys:
        log.warning("%s:%d: unknown front matter key '%s' ignored (allowed: %s)",
                    path, line, key, ", ".join(FRONT_MATTER_KEYS))
    return document


def _document_from_text(text: str, path: Path) -> tuple[Document, list[tuple[int, str]]]:
    """The document of a content file's text, and the (line, key) of unknown front matter keys."""
    meta, raw_lines, body = split_front_matter(text, path)
    problems = front_matter_problems(meta)
    if problems:
        raise InputError("\n".join(f"{path}:{key_line(raw_lines, key)}: {message}" for key, message in problems))
    unknown_keys = sorted((key_line(raw_lines, key), key) for key in meta.keys() - set(FRONT_MATTER_KEYS))
    decision = meta.get("kind") == "quyet-dinh"
    body_key = (str(path), str(body[0].number if body else 0), str(decision), "\n".join(line.text for line in body))
    structure = cached("structure", body_key, lambda: parse_structure(body, str(path), decision),
                       modules=("read/parser.py", "model/document.py"))
    signature = meta.get("signature") or {}
    fields = {k: v for k, v in meta.items() if k in FIELD_TYPES and k != "signature" and v is not None}
    fields["date"] = meta.get("date")
    for key in ("legal_bases", "preamble", "recipients"):
        fields[key] = [str(x) for x in fields.get(key) or []]
    fields.setdefault("source", str(path))
    return Document(
        **fields, signature=Signature(**{k: signature.get(k) for k in ("on_behalf", "position", "name")}),
        chapters=structure.chapters, articles=structure.articles, closing=structure.closing,
        warnings=structure.warnings,
    ), unknown_keys


# -------------------------------------------------------------- public API

def has_front_matter(path: Path) -> bool:
    if path.suffix.lower() not in (".md", ".markdown"):
        return False
    with path.open("rb") as handle:
        first = handle.readline(64)
    return first.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n") == b"---"


def read_documents(path: Path) -> list[Document]:
    """Documents of a raw regulation file (automatic ids), or of an imported content file."""
    path = Path(path)
    if path.is_file() and has_front_matter(path):
        return [document_from_content(path)]
    return documents_from_text(read_text(path), str(path))


def import_files(paths: list[Path], into: Path, ids: dict | None = None) -> list[Path]:
    """Import raw files into `into/<id>.md`; `ids` maps a path (or file name) to the main id."""
    ids = {str(k): v for k, v in (ids or {}).items()}
    into = Path(into)
    registry = IdRegistry(existing=existing_ids(into))
    batch: list[Document] = []
    for path in map(Path, paths):
        main_id = ids.get(str(path)) or ids.get(path.name)
        if main_id is not None and (not SLUG_RE.fullmatch(main_id) or len(main_id) > MAX_ID_LENGTH):
            raise InputError(f"--id {main_id!r}: use an ASCII slug (a-z, 0-9, '-') of at most {MAX_ID_LENGTH} characters")
        if main_id is not None and registry.existing.get(main_id, str(path)) != str(path):
            raise InputError(f"--id {main_id}: already used by {into / (main_id + '.md')} "
                             f"(imported from {registry.existing[main_id]}); choose another id")
        raw = parse_raw(read_text(path), str(path))
        assign_ids(raw, registry, main_id)
        batch.extend(raw.documents)
    into.mkdir(parents=True, exist_ok=True)
    written = []
    for document in batch:
        target = into / f"{document.id}.md"
        try:  # a full disk leaves the previous file whole, not truncated mid-heading
            write_atomic(target, render_content(document))
        except OSError as error:
            raise disk_error(error, str(target)) or error from None
        for warning in document.warnings:
            log.warning("%s", warning)
        written.append(target)
    return written


def existing_ids(into: Path) -> dict[str, str]:
    """ids already used in `into`, mapped to their source (re-importing a source overwrites)."""
    taken: dict[str, str] = {}
    if into.is_dir():
        for path in sorted(into.glob("*.md")):
            try:
                meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
            except (InputError, UnicodeDecodeError):
                continue
            if meta.get("id"):
                taken[str(meta["id"])] = str(meta.get("source") or path)
    return taken


def load_content_dir(path: Path) -> list[Document]:
    """All content/documents/*.md, sorted by file name; ids must be unique."""
    path = Path(path)
    if not path.is_dir():
        raise InputError(f"{path}: content directory not found; run 'sotay import' first")
    documents: list[Document] = []
    seen: dict[str, Path] = {}
    for file in sorted(path.glob("*.md")):
        document = document_from_content(file)
        if document.id in seen:
            raise InputError(f"{file}: id '{document.id}' is already used by {seen[document.id]}; give one of them another id")
        seen[document.id] = file
        documents.append(document)
    return documents
