"""Reporters: turn findings into one output format each. They never see rules or spaCy."""
