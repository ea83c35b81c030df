"""MkDocs hooks: generate the handbook's pages before MkDocs reads docs_dir.

Registered in mkdocs.yml (`hooks:`), so `mkdocs build`, `mkdocs serve`,
`sotay build` and `sotay serve` all run the same pipeline. Only documented
MkDocs events and config keys are used.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.link import author_html
from generator.run import pipeline as generate
from generator.run import serve as live
from generator.errors import SotayError
from generator.project import Project

log = logging.getLogger("mkdocs.sotay")

_state: dict = {}


def on_startup(command, dirty):
    live.SERVE.start(command, dirty)


def on_serve(server, config, builder):
    server.unwatch(config.docs_dir)  # our own output: content/, data/, generator/ are watched instead
    return server


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        prepared = generate.prepare(project, Path(config.docs_dir))
    except SotayError as error:
        last = live.SERVE.last_prepared if live.SERVE.serving else None
        if last is None:
            raise PluginError(str(error)) from None
        # `sotay serve`: the browser keeps the last good pages (MkDocs would hang every request
        # until the mistake is fixed); the terminal says what to fix.
        log.error("%s", error.message)
        log.error("Sổ tay: vẫn hiển thị các trang trước lỗi; sửa lỗi ở trên rồi lưu tệp để cập nhật")
        prepared, _state["prepared"] = last, None
    else:
        _state["prepared"] = prepared
        if live.SERVE.serving:
            live.SERVE.last_prepared = prepared
    config.nav = prepared.nav
    config.extra["sotay_build_date"] = prepared.build_date
    config.extra["sotay_content_version"] = prepared.content_version
    config.extra["sotay_scopes"] = prepared.scopes
    return config


def on_page_content(html, page, config, files):
    return author_html.clean_page(html)  # lessons and content/pages: the author's HTML through an allow-list


def on_post_build(config):
    prepared = _state.get("prepared")
    if prepared is None:
        return
    try:
        generate.finish_site(prepared, Path(config.site_dir))
    except SotayError as error:
        raise PluginError(str(error)) from None
