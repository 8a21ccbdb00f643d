"""The Qt face of Rehab Coach: adapts core events to widgets and owns no rules of its own."""
