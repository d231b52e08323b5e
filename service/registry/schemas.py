"""What /v1/registries and /v1/programs serve: typed models, so that the OpenAPI schema and the client are too."""

from __future__ import annotations

from pydantic import BaseModel, Field, JsonValue

from service.registry.importer import RowError
from service.registry.programs import Rule


class ImportResult(BaseModel):
    id: str
    registry: str
    status: str
    rows: int = Field(description="Data rows in the file.")
    inserted: int
    updated: int = Field(description="Records replaced by NIK.")
    skipped: int = Field(description="Invalid rows skipped (only with skip_invalid).")
    duplicates: int = Field(description="Rows whose NIK appeared again later in the file (the later row wins).")
    records: int = Field(description="Records in the registry after the import.")
    seconds: float
    errors: list[RowError] = Field(description="Invalid rows by line and column (never their values).")

    def to_json(self) -> dict[str, JsonValue]:
        """As `docverify registry import` prints it (and bench/bench_registry.py records it)."""
        return self.model_dump(mode="json")


class RegistrySummary(BaseModel):
    name: str
    records: int
    imported_at: str | None = Field(description="When the last import finished (ISO 8601), null before any.")


class ImportSummary(BaseModel):
    id: str
    status: str
    rows: int
    inserted: int
    updated: int
    skipped: int
    started_at: str


class RegistryDetail(BaseModel):
    name: str
    records: int
    created_at: str
    imported_at: str | None
    imports: list[ImportSummary] = Field(description="The recent imports, newest first.")


class ProgramOut(BaseModel):
    registry: str = Field(description="The registry whose records the rules read (e.g. dtks).")
    description: str | None = None
    rules: list[Rule] = Field(
        description='Each {"field", "op": == != < <= > >= in not_in, "value", "description"?}; all must hold.'
    )
    name: str
