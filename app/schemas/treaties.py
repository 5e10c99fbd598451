"""Treaties of the curated gazetteer and where resolutions cite them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import API, Page, PageQuery, ResolutionRef

APMBC = (
    "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
    "Anti-Personnel Mines and on Their Destruction"
)


class TreatyRef(BaseModel):
    key: str = Field(description="Gazetteer key.", examples=["ccw"])
    name: str = Field(
        description="Official name.",
        examples=[
            "Convention on Prohibitions or Restrictions on the Use of Certain Conventional "
            "Weapons Which May Be Deemed to Be Excessively Injurious or to Have "
            "Indiscriminate Effects"
        ],
    )
    href: str = Field(description="The treaty in this API.", examples=[f"{API}/treaties/ccw"])


class TreatyLinks(BaseModel):
    self: str = Field(description="This treaty.", examples=[f"{API}/treaties/apmbc"])
    citations: str = Field(
        description="Where resolutions cite it.", examples=[f"{API}/treaties/apmbc/citations"]
    )


class TreatySummary(BaseModel):
    """A treaty in a list."""

    key: str = Field(description="Gazetteer key, used in URLs and filters.", examples=["apmbc"])
    name: str = Field(description="Official name.", examples=[APMBC])
    short_name: str | None = Field(
        description="Usual short name.", examples=["Anti-Personnel Mine Ban Convention"]
    )
    year: int | None = Field(description="Year of adoption.", examples=[1997])
    treaty_series: str | None = Field(
        description="United Nations Treaty Series reference.", examples=["vol. 2056, No. 35597"]
    )
    parent: str | None = Field(
        description="Key of the treaty it belongs to (a protocol's convention).", examples=[None]
    )
    cited_by: int = Field(description="How many resolutions in the database cite it.", examples=[3])
    links: TreatyLinks = Field(description="Related URLs.")


class TreatyPage(Page[TreatySummary]):
    """A page of treaties."""


class TreatyDetail(TreatySummary):
    """A treaty with its other names and its related treaties."""

    aliases: list[str] = Field(
        description="Other names it goes by.", examples=[["Ottawa Convention", "Mine Ban Treaty"]]
    )
    parent_treaty: TreatyRef | None = Field(description="The treaty it belongs to, if any.")
    children: list[TreatyRef] = Field(description="Protocols and instruments that belong to it.")


class TreatyCitationItem(BaseModel):
    """One place where a resolution cites the treaty."""

    resolution: ResolutionRef = Field(description="The citing resolution.")
    place: str = Field(description="A clause key, or `fn.N` for footnote N.", examples=["fn.1"])
    clause: str | None = Field(
        description="Key of the citing clause; for a footnote, null.", examples=[None]
    )
    footnote: int | None = Field(description="Number of the citing footnote.", examples=[1])
    cited_from: list[str] = Field(
        description="Clauses that cite this footnote (empty for a clause).", examples=[["pp.2"]]
    )
    mention: str = Field(
        description="The words that cite the treaty.",
        examples=[
            "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer "
            "of Anti-personnel Mines and on Their Destruction"
        ],
    )
    text: str = Field(
        description="The whole clause or footnote.",
        examples=[
            "These include the Convention on the Prohibition of the Use, Stockpiling, "
            "Production and Transfer of Anti-personnel Mines and on Their Destruction, "
            "1997; ..."
        ],
    )
    href: str = Field(
        description="The citing clause (for a footnote: the first clause citing it).",
        examples=[f"{API}/resolutions/A-RES-68-72/clauses/pp.2"],
    )


class TreatyCitationPage(Page[TreatyCitationItem]):
    """A page of citations of one treaty, newest resolutions first."""


class TreatyQuery(PageQuery):
    """Query parameters of `GET /v1/treaties`."""


class TreatyCitationQuery(PageQuery):
    """Query parameters of `GET /v1/treaties/{key}/citations`."""
