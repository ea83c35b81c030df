"""Run stage: the command line, `sotay build`, `sotay serve` and the engine (MkDocs) adapter."""
