"""View stage: pure functions from the linked model to view models, one module per page family."""
