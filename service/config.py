"""All settings in one place, read from the environment (prefix DOCVERIFY_) and an optional .env file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCVERIFY_", env_file=".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = "dev"
    data_dir: Path = Path("data")

    # OCR
    ocr_backend: Literal["paddleocr", "rapidocr"] = "paddleocr"
    ocr_threads: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1))
    ocr_det_limit_side_len: int = 960

    # Input limits
    max_upload_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 50_000_000
    max_pages: int = 10

    # Services (used from the HTTP service on)
    database_url: str = Field(default="", validation_alias=AliasChoices("DATABASE_URL", "DOCVERIFY_DATABASE_URL"))
    redis_url: str = Field(default="", validation_alias=AliasChoices("REDIS_URL", "DOCVERIFY_REDIS_URL"))

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
