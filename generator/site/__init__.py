"""Site stage: pages from view models through one renderer; search scopes per page."""
