"""The MkDocs hooks (mkdocs.yml `hooks:`): a thin shim over generator/run/pipeline.py.

`sotay build` prepares the pages itself and hands them to the engine
(generator/run/engine.py); the hooks then only let MkDocs run. Under
`sotay serve`, `mkdocs serve` and plain `mkdocs build`, MkDocs drives the
build and the hooks call the same two stages: `prepare` before MkDocs reads
docs_dir, `finish_site` after it wrote site_dir. Only documented MkDocs
events and config keys are used.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.link import author_html
from generator.errors import SotayError
from generator.project import Project
from generator.run import engine
from generator.run import pipeline
from generator.run import serve as live

log = logging.getLogger("mkdocs.sotay")

_state: dict = {}


def on_startup(command, dirty):
    live.SERVE.start(command, dirty)


def on_serve(server, config, builder):
    server.unwatch(config.docs_dir)  # our own output: content/, data/, generator/ are watched instead
    return server


def on_config(config):
    _state["prepared"] = None
    if engine.handed_over() is not None:  # `sotay build` prepared the pages and configured the engine
        return config
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        prepared = pipeline.prepare(project, Path(config.docs_dir))
    except SotayError as error:
        last = live.SERVE.last_prepared if live.SERVE.serving else None
        if last is None:
            raise engine.EngineError(str(error)) from None
        # `sotay serve`: the browser keeps the last good pages (MkDocs would hang every request
        # until the mistake is fixed); the terminal says what to fix.
        log.error("%s", error.message)
        log.error("Sổ tay: vẫn hiển thị các trang trước lỗi; sửa lỗi ở trên rồi lưu tệp để cập nhật")
        prepared = last
    else:
        _state["prepared"] = prepared
        if live.SERVE.serving:
            live.SERVE.last_prepared = prepared
    engine.configure(config, prepared.engine)
    return config


def on_page_content(html, page, config, files):
    return author_html.clean_page(html)  # lessons and content/pages: the author's HTML through an allow-list


def on_post_build(config):
    prepared = _state.get("prepared")
    if prepared is None:
        return
    try:
        pipeline.finish_site(prepared, Path(config.site_dir))
    except SotayError as error:
        raise engine.EngineError(str(error)) from None
