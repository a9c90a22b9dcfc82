from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class DataVersion(Base):
    """One row whose number rises with every write to data that a page can show.

    Kept pages are valid for one version (see app/page_cache.py); because the number is
    raised in the writing transaction, every app host sees it change with the data.
    """

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
