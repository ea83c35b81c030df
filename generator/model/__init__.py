"""The data model: plain dataclasses of documents and validated knowledge types. No I/O."""
