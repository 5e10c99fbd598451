"""The UN's AKN4UN XML (Akoma Ntoso for the United Nations) read into the project's model."""

# `read_akn(data)` gives one ParsedResolution per resolution in a file (several for a
# multi-part document), with the official record (votes, sponsors, subjects) beside the text;
# `iter_akn(path)` finds the XML in files, folders and zip archives. Source: the United Nations
# (DGACM), github.com/UNxml/GAresolutions.

from app.sources.akn.errors import AknError, BadArchive, MissingBody, NotAkn, NotXml
from app.sources.akn.files import AknSource, Refused, Skipped, iter_akn, looks_like_akn
from app.sources.akn.reader import read_akn

__all__ = [
    "AknError",
    "AknSource",
    "BadArchive",
    "MissingBody",
    "NotAkn",
    "NotXml",
    "Refused",
    "Skipped",
    "iter_akn",
    "looks_like_akn",
    "read_akn",
]
