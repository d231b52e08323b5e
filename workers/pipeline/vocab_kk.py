"""Closed vocabularies of the Kartu Keluarga member tables, as Dukcapil prints them (upper case).

The KK extractor snaps OCR output to these lists; the synthetic KK generator (`samples/kk.py`) draws from
them. Sex, religion, marital status and occupation are the KTP-el's (`workers.pipeline.vocab`).
"""

from __future__ import annotations

EDUCATIONS: tuple[str, ...] = (
    "TIDAK/BELUM SEKOLAH",
    "BELUM TAMAT SD/SEDERAJAT",
    "TAMAT SD/SEDERAJAT",
    "SLTP/SEDERAJAT",
    "SLTA/SEDERAJAT",
    "DIPLOMA I/II",
    "AKADEMI/DIPLOMA III/S. MUDA",
    "DIPLOMA IV/STRATA I",
    "STRATA II",
    "STRATA III",
)

HEAD = "KEPALA KELUARGA"
RELATIONSHIPS: tuple[str, ...] = (
    HEAD,
    "SUAMI",
    "ISTRI",
    "ANAK",
    "MENANTU",
    "CUCU",
    "ORANG TUA",
    "MERTUA",
    "FAMILI LAIN",
    "PEMBANTU",
    "LAINNYA",
)
