"""The clinic's report: what patients ask, where the assistant fails them, which answers need work."""
