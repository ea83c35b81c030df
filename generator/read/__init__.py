"""Read stage: regulation text → Document; data/*.yml → validated knowledge; calendar data."""
