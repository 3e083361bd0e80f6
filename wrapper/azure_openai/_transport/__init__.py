"""The transport policy: credentials, retries, redaction-safe logging, the httpx clients it is installed on, SSE."""
