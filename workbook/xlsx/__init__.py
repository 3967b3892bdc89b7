"""The package-level writer: patch a user's .xlsx in place, keeping every part the tool does not own."""
