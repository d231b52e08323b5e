"""Personal data protection (UU No. 27/2022, issue 9): encrypted columns, processing records, retention and
purge, data-subject requests and the breach report. See docs/privacy.md."""
