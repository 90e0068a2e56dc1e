"""What every surface (CLI, API, report, dashboard) shares: plain values, formats and wording."""
