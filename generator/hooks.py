"""MkDocs hooks: generate the handbook's pages before MkDocs reads docs_dir.

Registered in mkdocs.yml (`hooks:`), so `mkdocs build`, `mkdocs serve`,
`sotay build` and `sotay serve` all run the same pipeline. Only documented
MkDocs events and config keys are used.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import generate
from generator.errors import SotayError
from generator.project import Project

log = logging.getLogger("mkdocs.sotay")

_state: dict = {}


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        prepared = generate.prepare(project, Path(config.docs_dir))
    except SotayError as error:
        raise PluginError(str(error)) from None
    _state["prepared"] = prepared
    config.nav = prepared.nav
    config.extra["sotay_build_date"] = prepared.build_date
    config.extra["sotay_content_version"] = prepared.content_version
    return config


def on_post_build(config):
    prepared = _state.get("prepared")
    if prepared is None:
        return
    try:
        generate.finish_site(prepared, Path(config.site_dir))
    except SotayError as error:
        raise PluginError(str(error)) from None
