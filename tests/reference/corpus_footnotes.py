"""Footnotes of the mine-action texts in data/corpus, verbatim with their lines joined by spaces."""

# As the parser hands them over: footnote number and page furniture gone, extraction damage kept
# ("Add itional" and "an d" in A/RES/76/74, "InterAgency" in A/RES/68/72).

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mine-action"

TREATIES_68_72 = (
    "These include the Convention on the Prohibition of the Use, Stockpiling, Production and "
    "Transfer of Anti-personnel Mines and on Their Destruction, 1997; the Protocol on "
    "Prohibitions or Restrictions on the Use of Mines, Booby Traps and Other Devices, as amended "
    "in 1996 (Protocol II to the 1980 Convention on Prohibitions or Restrictions on the Use of "
    "Certain Conventional Weapons Which May Be Deemed to Be Excessively Injurious or to Have "
    "Indiscriminate Effects); the Protocol on Explosive Remnants of War, 2003 (Protocol V to the "
    "1980 Convention); the Convention on Cluster Munitions, 2008; the Protocol Additional to the "
    "Geneva Conventions of 12 August 1949, and relating to the Protection of Victims of "
    "International Armed Conflicts, 1977 (Protocol I); and the Convention on the Rights of "
    "Persons with Disabilities, 2006."
)
ERW_68_72 = "As defined by Protocol V to the 1980 Convention."
IACG_68_72 = (
    "Consisting of the United Nations Mine Action Service of the Department of Peacekeeping "
    "Operations of the Secretariat, the Office for Disarmament Affairs of the Secretariat, the "
    "United Nations Development Programme, the United Nations Children’s Fund, the United "
    "Nations Office for Project Services, the Food and Agriculture Organization of the United "
    "Nations, the Office for the Coordination of Humanitarian Affairs of the Secretariat, the "
    "United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women), the "
    "Office of the United Nations High Commissioner for Human Rights, the Office of the United "
    "Nations High Commissioner for Refugees, the World Food Programme, the World Health "
    "Organization, the United Nations Institute for Disarmament Research and the World Bank."
)
COMMITTEE_68_72 = (
    "The Committee on Mine Action is an informal information-sharing forum. The members are the "
    "InterAgency Coordination Group on Mine Action, non-governmental organizations involved in "
    "mine action, the International Committee of the Red Cross, the Geneva International Centre "
    "for Humanitarian Demining and academic institutions."
)

TREATIES_72_75 = TREATIES_68_72.replace("Anti-personnel", "Anti-Personnel")
APMBC_72_75 = "United Nations, Treaty Series, vol. 2056, No. 35597."
CRPD_72_75 = "United Nations, Treaty Series, vol. 2515, No. 44910."
AMENDED_PROTOCOL_II_72_75 = "Ibid., vol. 2048, No. 22495."
PROTOCOL_V_72_75 = "Ibid., vol. 2399, No. 22495."
CCW_72_75 = "Ibid., vol. 1342, No. 22495."
IACG_72_75 = (
    "Consisting of the United Nations Mine Action Service of the Department of Peacekeeping "
    "Operations of the Secretariat, the Office for Disarmament Affairs of the Secretariat, the "
    "United Nations Development Programme, the United Nations Children’s Fund, the United "
    "Nations Office for Project Services, the Food and Agriculture Organization of the United "
    "Nations, the Office for the Coordination of Humanitarian Affairs of the Secretariat, the "
    "United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women), the "
    "Office of the United Nations High Commissioner for Human Rights, the Office of the United "
    "Nations High Commissioner for Refugees, the World Food Programme and the World Health "
    "Organization. The United Nations Institute for Disarmament Research and the World Bank are "
    "observers."
)

TREATIES_76_74 = TREATIES_72_75.replace("Protocol Additional", "Protocol Add itional").replace(
    "Conflicts, 1977", "Conflicts 1977"
)
IACG_76_74 = (
    "Consisting of the Mine Action Service of the Department of Peace Operations of the "
    "Secretariat, the Office for Disarmament Affairs of the Secretariat, the United Nations "
    "Development Programme, the United Nations Children’s Fund, the United Nations Office for "
    "Project Services, the Food and Agriculture Organization of the United Nations, the Office "
    "for the Coordination of Humanitarian Affairs of the Secretariat, the United Nations Entity "
    "for Gender Equality and the Empowerment of Women (UN-Women), the Office of the United "
    "Nations High Commissioner for Human Rights, the Office of the United Nations High "
    "Commissioner for Refugees, the World Food Programme and the World Health Organization. The "
    "United Nations Institute for Disarmament Research an d the World Bank are observers."
)

# Which file each footnote comes from, so a test can prove it is really there.
SOURCES = {
    "A_RES_68_72.txt": (TREATIES_68_72, ERW_68_72, IACG_68_72, COMMITTEE_68_72),
    "A_RES_72_75.txt": (
        TREATIES_72_75,
        APMBC_72_75,
        CRPD_72_75,
        AMENDED_PROTOCOL_II_72_75,
        PROTOCOL_V_72_75,
        CCW_72_75,
        IACG_72_75,
    ),
    "A_RES_76_74.txt": (TREATIES_76_74, IACG_76_74),
}

IACG_FOOTNOTES = {"A/RES/68/72": IACG_68_72, "A/RES/72/75": IACG_72_75, "A/RES/76/74": IACG_76_74}

IACG_MEMBERS = (
    "unmas",
    "unoda",
    "undp",
    "unicef",
    "unops",
    "fao",
    "ocha",
    "un-women",
    "ohchr",
    "unhcr",
    "wfp",
    "who",
)
IACG_OBSERVERS = ("unidir", "world-bank")


def squash(text: str) -> str:
    return " ".join(text.split())
