"""Fraud signals across submissions (issue 10): reused documents and photos, NIK reuse, clusters, bursts."""
