"""The two-level taxonomy (industries, capabilities) and the fixed list of districts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.models.base import Base, TimestampMixin

# Qingdao's districts and county-level cities: code -> (Chinese, English).
DISTRICTS: dict[str, tuple[str, str]] = {
    "shinan": ("市南区", "Shinan District"),
    "shibei": ("市北区", "Shibei District"),
    "licang": ("李沧区", "Licang District"),
    "laoshan": ("崂山区", "Laoshan District"),
    "xihaian": ("西海岸新区（黄岛区）", "West Coast New Area (Huangdao)"),
    "chengyang": ("城阳区", "Chengyang District"),
    "jimo": ("即墨区", "Jimo District"),
    "jiaozhou": ("胶州市", "Jiaozhou"),
    "pingdu": ("平度市", "Pingdu"),
    "laixi": ("莱西市", "Laixi"),
}


class _TaxonomyNode(TimestampMixin):
    """Columns shared by industries and capabilities."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    name_zh: so.Mapped[str] = so.mapped_column(sa.String(100))
    name_en: so.Mapped[str] = so.mapped_column(sa.String(100))
    synonyms_zh: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    synonyms_en: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    # Words that hint at the node but do not name it alone (the matcher weighs them lower).
    weak_zh: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    weak_en: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    position: so.Mapped[int] = so.mapped_column(default=0)
    if TYPE_CHECKING:
        # Each model declares its own self-referencing parent (the foreign key names its own table).
        parent_id: so.Mapped[int | None]
        parent: so.Mapped[_TaxonomyNode | None]

        def __init__(self, **kwargs: Any) -> None: ...  # the mapped subclasses' declarative constructor

    def name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") else self.name_zh

    @property
    def is_group(self) -> bool:
        return self.parent_id is None


class Industry(_TaxonomyNode, Base):
    __tablename__ = "industry"
    __table_args__ = (sa.CheckConstraint("length(code) > 0", name="code_not_empty"),)

    parent_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("industry.id", ondelete="RESTRICT"), index=True)
    parent: so.Mapped[Industry | None] = so.relationship(remote_side="Industry.id", back_populates="children")
    children: so.Mapped[list[Industry]] = so.relationship(back_populates="parent", order_by="Industry.position")


class Capability(_TaxonomyNode, Base):
    __tablename__ = "capability"
    __table_args__ = (sa.CheckConstraint("length(code) > 0", name="code_not_empty"),)

    parent_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("capability.id", ondelete="RESTRICT"), index=True)
    parent: so.Mapped[Capability | None] = so.relationship(remote_side="Capability.id", back_populates="children")
    children: so.Mapped[list[Capability]] = so.relationship(back_populates="parent", order_by="Capability.position")


# Industries and capabilities alike, for code that treats both the same way.
TaxonomyNode = _TaxonomyNode
TaxonomyModel = type[_TaxonomyNode]
