"""Signed webhook delivery (Standard Webhooks) of verification events, with retries and dead letters."""
