"""One-page briefs: composing cited content, rendering Markdown/HTML/PDF, batches."""
