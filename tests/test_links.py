"""Link integrity of the default handbook: pages, handbook.json and Pagefind's sub-result anchors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.publish.linkcheck import check_site, scan_site


def pagefind_fragments(site: Path) -> list[dict]:
    """Every page record Pagefind wrote (url, anchors …), decoded from its gzip'd fragments."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def test_no_broken_or_external_links(default_site):
    report = check_site(default_site)
    assert report.pages > 50
    assert report.links > 1000
    assert report.broken == []
    assert report.external == []


def test_handbook_json_hrefs_are_checked(default_site):
    data = json.loads((default_site / "api" / "handbook.json").read_text(encoding="utf-8"))
    text = json.dumps(data)
    assert '"href"' in text  # the checker above walked real hrefs, not an empty export


def test_every_search_sub_result_anchor_exists(default_site):
    """Pagefind links sub-results to `url#id` for each heading id it recorded: all must exist."""
    ids, _ = scan_site(default_site)
    fragments = pagefind_fragments(default_site)
    assert len(fragments) > 50
    missing, checked = [], 0
    for record in fragments:
        page = record["meta"].get("page") or record["url"].lstrip("/")  # a document's Điều names its page
        assert (default_site / page).is_file(), f"Pagefind indexed {record['url']}, which is not in the site"
        for anchor in record.get("anchors", []):
            checked += 1
            if anchor["id"] not in ids.get(page, set()):
                missing.append(f"{page}#{anchor['id']}")
    assert checked > 500
    assert missing == []


def test_search_urls_work_from_file_and_server(default_site):
    """--keep-index-url: Pagefind urls end in .html, so file:// opens the page itself."""
    urls = [record["url"] for record in pagefind_fragments(default_site)]
    assert all(url.endswith(".html") for url in urls)
