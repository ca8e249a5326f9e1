"""Training code: what scripts/ use to learn the shipped data files. Never imported at run time."""
