"""How the job's steps fail: one file (the batch goes on) or the whole job (it stops)."""

from __future__ import annotations


class FileFailed(Exception):
    """This file cannot be loaded; the message is the reason reported for it."""


class JobStopped(RuntimeError):
    """Nothing more can load (the gazetteer was refused); the message is safe to print."""


class DatabaseGone(JobStopped):
    """The database stopped answering in the middle of the job; the message is safe to print."""
