"""`sotay` command line: a thin layer over the pipeline stages.

User errors (SotayError) are caught here once and printed without a
traceback; the exit code says what kind of error it was.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from generator.errors import SotayError
from generator.project import find_project

log = logging.getLogger("sotay")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time of the message.

    A handler bound to the stderr of its creation time keeps writing to a
    closed stream once that stream is swapped (pytest's capture, embedding)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def setup_logging(verbose: bool) -> None:
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("watchdog", "PIL", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class WarningCounter(logging.Handler):
    """Counts warnings so that --strict can turn them into a failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Show debug messages.")
def cli(verbose: bool) -> None:
    """Sổ tay Quy chế: build a searchable handbook from regulations and data/."""
    setup_logging(verbose)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", type=click.Path(path_type=Path), default=None,
              help="Folder for the clean source files (default: content/documents).")
@click.option("--id", "doc_id", default=None, help="Document id (slug) to use; single input only.")
def import_cmd(paths: tuple[Path, ...], into: Path | None, doc_id: str | None) -> None:
    """Turn regulations as received (.txt, .md, .docx) into clean, editable files."""
    from generator.errors import InputError
    from generator.read.importer import import_files

    if doc_id and len(paths) != 1:
        raise InputError("--id can only be used with a single input file")
    into = into or find_project().documents_dir
    ids = {paths[0]: doc_id} if doc_id else None
    for written in import_files(list(paths), into, ids=ids):
        click.echo(str(written))


@cli.command("inspect")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed structure as JSON.")
def inspect_cmd(path: Path, as_json: bool) -> None:
    """Show the structure of a regulation file (raw or imported)."""
    from generator.publish.inspect_json import inspect_json

    data = inspect_json(path)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for doc in data["documents"]:
        click.echo(f"{doc['kind']}: {doc['title']} ({len(doc['chapters'])} chương, {len(doc['articles'])} điều)")
        for warning in doc.get("warnings", []):
            click.echo(f"  warning: {warning}")


@cli.command("check")
def check_cmd() -> None:
    """Validate content/ and data/: every mistake as file:line: what — how to fix."""
    from generator.link.handbook import coverage_lines, load_handbook

    handbook = load_handbook(find_project())
    for line in handbook.report() + coverage_lines(handbook):
        click.echo(line)
    click.echo("OK: không có lỗi.")


@cli.command("build")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def build_cmd(strict: bool) -> None:
    """Build site/ and dist/sotay-offline.zip (the previous build stays if this fails)."""
    from generator.run.build import build

    counter = WarningCounter()
    logging.getLogger().addHandler(counter)
    result = build(find_project(), strict=strict)
    if strict and counter.count:
        raise click.ClickException(f"{counter.count} warning(s) with --strict")
    click.echo(f"Built {result.site_dir} and {result.bundle} in {result.seconds:.1f}s")


@cli.command("links")
@click.argument("site", required=False, type=click.Path(path_type=Path))
def links_cmd(site: Path | None) -> None:
    """Check every internal link and #anchor of a built site (default: site/)."""
    from generator.errors import BuildError
    from generator.publish.linkcheck import check_site

    site = site or find_project().site_dir
    if not (site / "index.html").is_file():
        raise BuildError(f"{site}: no built site here — run `sotay build` first")
    report = check_site(site)
    for line in report.broken + [f"external link: {e}" for e in report.external]:
        click.echo(line)
    click.echo(f"{report.pages} pages, {report.links} links, {len(report.broken)} broken, {len(report.external)} external")
    if not report.ok:
        raise BuildError("broken or external links found")


@cli.command("handouts")
@click.option("--rebuild", is_flag=True, help="Build the site first even if site/ is up to date.")
@click.option("--only", "kinds", multiple=True, type=click.Choice(["vai-tro", "van-ban", "bai-hoc"]),
              help="Print only roles, documents or lessons (repeatable).")
def handouts_cmd(rebuild: bool, kinds: tuple[str, ...]) -> None:
    """Print A4 PDF handouts per role, document and lesson into dist/handouts/."""
    from generator.run.handouts import make_handouts

    result = make_handouts(find_project(), rebuild=rebuild, kinds=kinds, progress=click.echo)
    pages = sum(n for _, n in result.files)
    click.echo(f"{len(result.files)} tài liệu PDF, {pages} trang{' (đã dựng lại site)' if result.built else ''}")


@cli.command("serve")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--full", is_flag=True,
              help="Re-render every page and re-index search before each reload (slower; by default only "
                   "changed pages are re-rendered and search is re-indexed in the background).")
@click.option("--dirty", is_flag=True, hidden=True, help="The default now; kept for old scripts.")
def serve_cmd(dev_addr: str, full: bool, dirty: bool) -> None:
    """Serve the handbook with live reload when content/, data/ or generator/ change."""
    from generator.errors import BuildError
    from generator.run import engine

    project = find_project()
    project.serve_docs_dir.mkdir(parents=True, exist_ok=True)
    try:
        engine.serve(project, dev_addr=dev_addr, dirty=not full)
    except OSError as error:
        raise BuildError(f"cannot serve on {dev_addr}: {error.strerror} — is another server using it? "
                         "Choose another with --dev-addr 127.0.0.1:8001") from None


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, standalone_mode=False)
    except SotayError as error:
        click.echo(f"Lỗi: {error.message}" if error.message else "Lỗi.", err=True)
        return error.exit_code
    except click.exceptions.Abort:
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
