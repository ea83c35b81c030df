"""Publish stage: open data, search index, offline app, zip bundle, handouts, link check."""
