"""The clerk review UI (issue 6): a server-rendered sub-app at /review (Jinja2 + HTMX), guarded by clerk
login. routes → service → repository, like the API's domains."""
