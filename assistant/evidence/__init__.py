"""Evidence sets: what a question asks, which sentences cover it, by what match, and what is missing."""
