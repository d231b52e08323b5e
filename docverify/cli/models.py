"""`docverify models build`: the OCR model folders, made at install time."""

from __future__ import annotations

import typer

from service.config import get_settings

models_app = typer.Typer(no_args_is_help=True, help="OCR model folders.")


@models_app.command("build")
def models_build() -> None:
    """Build the PaddleOCR model folders from the installed rapidocr wheel's weights (install time)."""
    from workers.pipeline.models import build_model_dirs

    settings = get_settings()
    for name, folder in build_model_dirs(settings.models_dir).items():
        print(f"{name}: {folder}")


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")
