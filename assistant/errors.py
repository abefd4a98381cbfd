"""Errors a user sees as one clear line (the CLI prints them and exits non-zero)."""


class BriefingError(Exception):
    """Base class: message is meant for the user."""


class LoadError(BriefingError):
    """A file could not be read as a document (empty, binary, corrupt, wrong encoding, too big)."""


class IndexNotReady(BriefingError):
    """The index does not exist yet or was built by another embedder/chunker."""


class UnknownActor(BriefingError):
    """An actor name matched nobody in the registry."""


class BackendError(BriefingError):
    """The answer backend failed (unreachable, timeout, garbage)."""


class IndexBusy(BriefingError):
    """Another process is writing to this index (one writer at a time)."""
