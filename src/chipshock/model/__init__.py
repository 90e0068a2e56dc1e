"""Frozen domain types and the schema tables that define them."""

from chipshock.model.chain import Release, SupplyChain
from chipshock.model.schema import CURATED_FILES, ETO_FILES, Column, TableSpec

__all__ = ["CURATED_FILES", "ETO_FILES", "Column", "Release", "SupplyChain", "TableSpec"]
