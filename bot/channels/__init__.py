"""Input channels: how patients' messages reach the assistant."""
