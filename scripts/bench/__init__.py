"""The benchmark's parts: closed-loop load, the systems it drives, and the profile."""
