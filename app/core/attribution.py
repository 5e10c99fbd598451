"""The credit the UN's terms of use ask for: the official XML is the United Nations' own."""

from __future__ import annotations

SOURCE_NAME = "United Nations"
SOURCE_REPOSITORY = "https://github.com/UNxml/GAresolutions"
SOURCE_NOTICE = (
    "Source of the official texts: United Nations (Department for General Assembly and "
    "Conference Management), General Assembly resolutions in Akoma Ntoso XML (AKN4UN), "
    f"{SOURCE_REPOSITORY}. These are unofficial copies for informational purposes; the "
    "official records of the United Nations are its published documents, and the terms of use "
    "of UNxml/GAresolutions apply."
)
