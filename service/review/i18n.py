"""Words of the review UI in Indonesian (the default) and English: interface text, field labels, reason
codes and image checks explained in plain language. The pipeline's own message (English, technical) is
shown beneath as the detail."""

from __future__ import annotations

from collections.abc import Mapping

import doctypes

LANGS = ("id", "en")
DEFAULT_LANG = "id"

UI: dict[str, dict[str, str]] = {
    "title": {"id": "Pemeriksaan dokumen", "en": "Document review"},
    "login": {"id": "Masuk", "en": "Log in"},
    "logout": {"id": "Keluar", "en": "Log out"},
    "username": {"id": "Nama pengguna", "en": "Username"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "login_failed": {
        "id": "Nama pengguna atau kata sandi salah, atau akun sedang terkunci.",
        "en": "Wrong username or password, or the account is locked.",
    },
    "queue": {"id": "Antrean", "en": "Queue"},
    "audit": {"id": "Jejak audit", "en": "Audit trail"},
    "waiting": {"id": "kasus menunggu", "en": "cases waiting"},
    "all": {"id": "Semua", "en": "All"},
    "document_type": {"id": "Jenis dokumen", "en": "Document type"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "region": {"id": "Provinsi", "en": "Province"},
    "filter": {"id": "Saring", "en": "Filter"},
    "received": {"id": "Diterima", "en": "Received"},
    "name": {"id": "Nama", "en": "Name"},
    "reasons": {"id": "Alasan pemeriksaan", "en": "Why a person must look"},
    "checks": {"id": "Pemeriksaan gambar", "en": "Image checks"},
    "empty_queue": {"id": "Tidak ada kasus yang menunggu.", "en": "No cases waiting."},
    "shortcuts": {
        "id": "Pintasan: j/k pindah · Enter buka · a setujui · r tolak",
        "en": "Shortcuts: j/k move · Enter open · a approve · r reject",
    },
    "case_shortcuts": {
        "id": "Pintasan: a setujui · r tolak · j/k kasus berikut/sebelumnya · u antrean",
        "en": "Shortcuts: a approve · r reject · j/k next/previous case · u queue",
    },
    "document": {"id": "Dokumen", "en": "Document"},
    "field": {"id": "Data", "en": "Field"},
    "on_card": {"id": "Pada kartu", "en": "On the card"},
    "registry": {"id": "Registri", "en": "Registry"},
    "score": {"id": "Skor", "en": "Score"},
    "confidence": {"id": "Keyakinan baca", "en": "Read confidence"},
    "save_corrections": {"id": "Simpan koreksi dan cocokkan ulang", "en": "Save corrections and re-match"},
    "corrected": {"id": "dikoreksi", "en": "corrected"},
    "reveal_nik": {"id": "Tampilkan NIK (dicatat)", "en": "Show NIK (logged)"},
    "nik_blurred": {
        "id": "NIK pada gambar disamarkan sampai NIK ditampilkan (dicatat).",
        "en": "The NIK on the image is blurred until the NIK is shown (logged).",
    },
    "nik_on_image": {"id": "NIK ditampilkan pada gambar.", "en": "The NIK is shown on the image."},
    "approve": {"id": "Setujui", "en": "Approve"},
    "reject": {"id": "Tolak", "en": "Reject"},
    "reject_reason": {"id": "Alasan penolakan (wajib)", "en": "Reason for rejecting (required)"},
    "resubmit": {"id": "Minta kirim ulang", "en": "Request resubmission"},
    "resubmit_note": {"id": "Yang harus diperbaiki pemohon", "en": "What the applicant must fix"},
    "confirm_approve": {"id": "Setujui kasus ini?", "en": "Approve this case?"},
    "no_image": {
        "id": "Gambar kartu yang diratakan tidak tersimpan; kotak OCR tidak dapat digambar.",
        "en": "The flattened card image was not stored; OCR boxes cannot be drawn.",
    },
    "original_image": {
        "id": "Menampilkan unggahan asli tanpa kotak.",
        "en": "Showing the original upload without boxes.",
    },
    "status": {"id": "Status registri", "en": "Registry status"},
    "overall": {"id": "Skor keseluruhan", "en": "Overall score"},
    "candidates": {"id": "Kandidat (nama dan tanggal lahir)", "en": "Candidates (name and birth date)"},
    "claim": {"id": "Klaim pemohon", "en": "Applicant's claim"},
    "history": {"id": "Riwayat kasus", "en": "Case history"},
    "suggestion": {"id": "Saran kebijakan otomatis saat ini", "en": "The automatic policy would now say"},
    "decided": {"id": "Kasus ini sudah diputuskan", "en": "This case has been decided"},
    "by": {"id": "oleh", "en": "by"},
    "back_to_queue": {"id": "Kembali ke antrean", "en": "Back to the queue"},
    "forbidden": {"id": "Halaman ini hanya untuk supervisor.", "en": "This page is for supervisors only."},
    "not_found": {"id": "Kasus tidak ditemukan.", "en": "Case not found."},
    "bad_request": {"id": "Permintaan tidak valid.", "en": "The request is not valid."},
    "error": {"id": "Terjadi kesalahan; coba lagi.", "en": "Something went wrong; try again."},
    "when": {"id": "Waktu", "en": "When"},
    "who": {"id": "Siapa", "en": "Who"},
    "action": {"id": "Tindakan", "en": "Action"},
    "case": {"id": "Kasus", "en": "Case"},
    "before": {"id": "Sebelum", "en": "Before"},
    "after": {"id": "Sesudah", "en": "After"},
    "older": {"id": "Lebih lama", "en": "Older"},
    "passed": {"id": "lolos", "en": "passed"},
    "failed": {"id": "gagal", "en": "failed"},
    "language": {"id": "English", "en": "Bahasa Indonesia"},
    "saved": {
        "id": "Koreksi disimpan; pencocokan registri dijalankan ulang.",
        "en": "Corrections saved; the registry match was run again.",
    },
    "nothing_changed": {"id": "Tidak ada yang berubah.", "en": "Nothing changed."},
}

FIELDS: dict[str, dict[str, str]] = {
    "nik": {"id": "NIK", "en": "NIK"},
    "name": {"id": "Nama", "en": "Name"},
    "birth_place": {"id": "Tempat lahir", "en": "Place of birth"},
    "birth_date": {"id": "Tanggal lahir", "en": "Date of birth"},
    "sex": {"id": "Jenis kelamin", "en": "Sex"},
    "blood_type": {"id": "Golongan darah", "en": "Blood type"},
    "address": {"id": "Alamat", "en": "Address"},
    "rt_rw": {"id": "RT/RW", "en": "RT/RW"},
    "village": {"id": "Kel/Desa", "en": "Village"},
    "district": {"id": "Kecamatan", "en": "District"},
    "regency": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "province": {"id": "Provinsi", "en": "Province"},
    "religion": {"id": "Agama", "en": "Religion"},
    "marital_status": {"id": "Status perkawinan", "en": "Marital status"},
    "occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "nationality": {"id": "Kewarganegaraan", "en": "Nationality"},
    "valid_until": {"id": "Berlaku hingga", "en": "Valid until"},
}

# `{field}` is the field's label in the same language
REASONS: dict[str, dict[str, str]] = {
    "NIK_INVALID": {
        "id": "NIK tidak sah: bentuk atau kodenya tidak mungkin.",
        "en": "The NIK is not valid: its form or codes are impossible.",
    },
    "NIK_REGION_UNKNOWN": {"id": "Kode wilayah di NIK tidak dikenal.", "en": "The region code in the NIK is unknown."},
    "NIK_DOB_MISMATCH": {
        "id": "Tanggal lahir di NIK berbeda dengan yang tercetak.",
        "en": "The birth date in the NIK differs from the printed one.",
    },
    "NIK_SEX_MISMATCH": {
        "id": "Jenis kelamin di NIK berbeda dengan yang tercetak.",
        "en": "The sex in the NIK differs from the printed one.",
    },
    "PROVINCE_MISMATCH": {
        "id": "Provinsi di kepala kartu tidak sesuai kode NIK.",
        "en": "The province in the card header does not fit the NIK's code.",
    },
    "REGENCY_MISMATCH": {
        "id": "Kabupaten/kota di kepala kartu tidak sesuai kode NIK.",
        "en": "The regency in the card header does not fit the NIK's code.",
    },
    "FIELD_MISSING": {"id": "Ada data yang tidak terbaca: {field}.", "en": "A field could not be read: {field}."},
    "LOW_CONFIDENCE": {
        "id": "{field} terbaca kurang yakin; periksa dengan gambar.",
        "en": "{field} was read with low confidence; check it against the image.",
    },
    "REGISTRY_UNAVAILABLE": {
        "id": "Registri tidak menjawab; nilai ulang setelah registri kembali.",
        "en": "The registry did not answer; re-assess once it is back.",
    },
    "REGISTRY_NOT_CHECKED": {
        "id": "Tidak ada registri untuk mencocokkan dokumen.",
        "en": "No registry was available to check the document against.",
    },
    "REGISTRY_NOT_FOUND": {"id": "NIK tidak ada di registri.", "en": "The NIK is not in the registry."},
    "REGISTRY_FIELD_MISMATCH": {"id": "{field} berbeda dengan registri.", "en": "{field} differs from the registry."},
    "REGISTRY_SCORE_LOW": {
        "id": "Kecocokan dengan registri terlalu rendah.",
        "en": "The match with the registry is too weak.",
    },
    "REGISTRY_MATCH": {"id": "Cocok dengan registri.", "en": "Matches the registry."},
    "CLAIM_MISMATCH": {"id": "Isian pemohon untuk {field} berbeda.", "en": "The applicant's {field} differs."},
    "NIK_BELONGS_TO_OTHER_PERSON": {
        "id": "NIK terdaftar atas nama orang lain.",
        "en": "The NIK is registered to another person.",
    },
    "DOCUMENT_TYPE_NOT_MATCHED": {
        "id": "Belum ada keputusan otomatis untuk jenis dokumen ini.",
        "en": "No automatic decision for this document type yet.",
    },
    "DOCUMENT_UNRECOGNISED": {
        "id": "Dokumen tidak terbaca sebagai KTP-el.",
        "en": "The document does not read as a KTP-el.",
    },
    "MRZ_NAME_MISMATCH": {
        "id": "Nama di MRZ berbeda dengan nama tercetak; periksa dengan gambar.",
        "en": "The MRZ's name differs from the printed name; check it against the image.",
    },
    "CHECK_FAILED": {"id": "Sebuah pemeriksaan gambar gagal.", "en": "An image check failed."},
    "PHOTOCOPY_SUSPECTED": {
        "id": "Kemungkinan fotokopi, bukan kartu asli.",
        "en": "Possibly a photocopy, not the card itself.",
    },
    "SCREEN_RECAPTURE_SUSPECTED": {"id": "Kemungkinan foto dari layar.", "en": "Possibly photographed off a screen."},
    "FACE_PHOTO_MISSING": {"id": "Foto wajah tidak terlihat.", "en": "The face photo is missing."},
    "TEXT_EDIT_SUSPECTED": {"id": "Kemungkinan teks kartu diubah.", "en": "The card's text may have been edited."},
    "SPECIMEN_NIK": {"id": "NIK contoh (spesimen), bukan milik seseorang.", "en": "A specimen NIK, not a person's."},
    # a capture check's code is a retake reason only when it cost the reading; otherwise an info note
    "RETAKE_BLURRY": {"id": "Gambar buram.", "en": "The picture is blurred."},
    "RETAKE_GLARE": {"id": "Pantulan cahaya menutupi teks.", "en": "Glare hides text."},
    "RETAKE_LOW_RESOLUTION": {"id": "Resolusi terlalu rendah.", "en": "The resolution is too low."},
    "RETAKE_TOO_DARK": {"id": "Gambar terlalu gelap.", "en": "The picture is too dark."},
    "RETAKE_TOO_BRIGHT": {"id": "Gambar terlalu terang.", "en": "The picture is too bright."},
    "RETAKE_CARD_CUT_OFF": {"id": "Kartu terpotong di tepi gambar.", "en": "The card is cut off at the edge."},
    "CLERK_APPROVED": {"id": "Disetujui petugas.", "en": "Approved by a clerk."},
    "CLERK_REJECTED": {"id": "Ditolak petugas.", "en": "Rejected by a clerk."},
    "RESUBMISSION_REQUESTED": {
        "id": "Petugas meminta dokumen dikirim ulang.",
        "en": "A clerk asked for the document to be sent again.",
    },
}

# the same reasons where no field is named (the queue lists codes only)
GENERIC: dict[str, dict[str, str]] = {
    "FIELD_MISSING": {"id": "Ada data yang tidak terbaca.", "en": "A field could not be read."},
    "LOW_CONFIDENCE": {"id": "Ada data yang terbaca kurang yakin.", "en": "A field was read with low confidence."},
    "REGISTRY_FIELD_MISMATCH": {
        "id": "Ada data yang berbeda dengan registri.",
        "en": "A field differs from the registry.",
    },
    "CLAIM_MISMATCH": {"id": "Isian pemohon berbeda.", "en": "The applicant's claim differs."},
}

CHECKS: dict[str, dict[str, str]] = {
    "resolution": {"id": "Resolusi", "en": "Resolution"},
    "blur": {"id": "Ketajaman", "en": "Sharpness"},
    "glare": {"id": "Pantulan cahaya", "en": "Glare"},
    "exposure": {"id": "Pencahayaan", "en": "Exposure"},
    "crop": {"id": "Kartu utuh", "en": "Whole card"},
    "photocopy": {"id": "Bukan fotokopi", "en": "Not a photocopy"},
    "screen": {"id": "Bukan foto layar", "en": "Not a screen photo"},
    "face_photo": {"id": "Foto wajah", "en": "Face photo"},
    "text_edit": {"id": "Teks tidak diubah", "en": "Text not edited"},
    "specimen_nik": {"id": "Bukan NIK spesimen", "en": "Not a specimen NIK"},
}

ACTIONS: dict[str, dict[str, str]] = {
    "login": {"id": "masuk", "en": "logged in"},
    "login_failed": {"id": "gagal masuk", "en": "login failed"},
    "account_locked": {"id": "akun terkunci", "en": "account locked"},
    "logout": {"id": "keluar", "en": "logged out"},
    "view_queue": {"id": "melihat antrean", "en": "viewed the queue"},
    "view_case": {"id": "membuka kasus", "en": "opened the case"},
    "view_image": {"id": "melihat gambar dokumen", "en": "viewed a document image"},
    "reveal_nik": {"id": "menampilkan NIK", "en": "revealed the NIK"},
    "correct": {"id": "mengoreksi data", "en": "corrected fields"},
    "approve": {"id": "menyetujui", "en": "approved"},
    "reject": {"id": "menolak", "en": "rejected"},
    "request_resubmission": {"id": "meminta kirim ulang", "en": "requested resubmission"},
    "view_audit": {"id": "melihat jejak audit", "en": "viewed the audit trail"},
    "forbidden": {"id": "akses ditolak", "en": "access denied"},
}


# Fraud signals and the supervisor dashboard
UI.update(
    {
        "linked_cases": {"id": "Kasus terkait", "en": "Linked cases"},
        "dashboard": {"id": "Dasbor", "en": "Dashboard"},
        "dashboard_title": {"id": "Dasbor supervisor", "en": "Supervisor dashboard"},
        "from": {"id": "Dari", "en": "From"},
        "to": {"id": "Sampai", "en": "To"},
        "bucket": {"id": "Per", "en": "Per"},
        "day": {"id": "hari", "en": "day"},
        "week": {"id": "minggu", "en": "week"},
        "by_decision": {"id": "Menurut keputusan", "en": "By decision"},
        "by_reason": {"id": "Menurut alasan", "en": "By reason"},
        "by_document_type": {"id": "Menurut jenis dokumen", "en": "By document type"},
        "by_region": {"id": "Menurut wilayah (dari NIK)", "en": "By region (from the NIK)"},
        "by_program": {"id": "Menurut program", "en": "By program"},
        "over_time": {"id": "Dari waktu ke waktu", "en": "Over time"},
        "open_signals": {"id": "Sinyal kecurangan terbuka", "en": "Open fraud signals"},
        "signals_by_code": {"id": "Sinyal menurut jenis", "en": "Signals by kind"},
        "no_signals": {"id": "Tidak ada sinyal terbuka.", "en": "No open signals."},
        "export_csv": {"id": "Unduh CSV", "en": "Download CSV"},
        "count": {"id": "Jumlah", "en": "Count"},
        "signal": {"id": "Sinyal", "en": "Signal"},
        "total": {"id": "Total", "en": "Total"},
    }
)
REASONS.update(
    {
        "DOCUMENT_REUSED": {
            "id": "Kartu yang sama sudah dipakai di pengajuan lain.",
            "en": "The same card was used in another application.",
        },
        "PHOTO_REUSED": {
            "id": "Foto yang sama ada di kartu dengan NIK lain.",
            "en": "The same photo is on a card with another NIK.",
        },
        "NIK_IN_OTHER_APPLICATION": {
            "id": "NIK ini ada di pengajuan lain yang masih aktif.",
            "en": "This NIK is in another active application.",
        },
        "ADDRESS_CLUSTER": {
            "id": "Banyak pemohon di satu alamat atau RT/RW.",
            "en": "Many applicants at one address or RT/RW.",
        },
        "SUBMISSION_BURST": {
            "id": "Banyak pengajuan untuk satu NIK atau oleh satu petugas dalam waktu singkat.",
            "en": "Many submissions for one NIK or by one operator in a short time.",
        },
    }
)
CHECKS.update(
    {
        "document_reused": {"id": "Kartu dipakai ulang", "en": "Card reused"},
        "photo_reused": {"id": "Foto dipakai ulang", "en": "Photo reused"},
        "nik_in_other_application": {"id": "NIK di pengajuan lain", "en": "NIK in another application"},
        "address_cluster": {"id": "Kelompok alamat", "en": "Address cluster"},
        "submission_burst": {"id": "Lonjakan pengajuan", "en": "Submission burst"},
    }
)
# the automatic decisions (contract: Verification.decision); a clerk sees and may overturn each of them
DECISIONS: dict[str, dict[str, str]] = {
    "verified": {"id": "Terverifikasi", "en": "Verified"},
    "needs_review": {"id": "Perlu diperiksa", "en": "Needs review"},
    "retake": {"id": "Foto ulang", "en": "Retake"},
    "rejected": {"id": "Ditolak", "en": "Rejected"},
}
UI.update(
    {
        "decision": {"id": "Keputusan", "en": "Decision"},
        "automatic_decision": {"id": "Keputusan otomatis", "en": "Automatic decision"},
        "overturn_hint": {
            "id": "Keputusan ini sudah dikirim ke pemohon; petugas dapat mengubahnya di bawah, dengan alasan.",
            "en": "This decision was sent to the applicant; a clerk may change it below, with a reason.",
        },
        "queue_needs_review": {"id": "Menunggu petugas", "en": "Waiting for a clerk"},
        "queue_retake": {"id": "Diminta foto ulang", "en": "Asked for a retake"},
        "queue_rejected": {"id": "Ditolak otomatis", "en": "Rejected automatically"},
    }
)
# Every automatic outcome before a clerk, citizens' objections
UI.update(
    {
        "queue_retake": {"id": "Perlu foto ulang", "en": "Retake needed"},
        "objection": {"id": "Keberatan warga", "en": "Citizen's objection"},
        "objection_hint": {
            "id": "Warga keberatan atas keputusan otomatis ini. Periksa kasus, lalu tetapkan atau ubah "
            "keputusan dengan alasan; pemohon diberi tahu.",
            "en": "The citizen objects to this automatic decision. Check the case, then confirm or "
            "change the decision with a reason; the applicant is told.",
        },
        "overturn_reason": {
            "id": "Alasan (wajib: keputusan otomatis sudah dikirim)",
            "en": "Reason (required: the automatic decision was already sent)",
        },
    }
)
REASONS.update(
    {
        "CITIZEN_OBJECTION": {
            "id": "Warga mengajukan keberatan atas keputusan otomatis.",
            "en": "The citizen objected to the automatic decision.",
        },
    }
)
ACTIONS.update({"objection": {"id": "keberatan warga dicatat", "en": "citizen's objection recorded"}})
# A confirmation after each decision, with an undo
OUTCOMES: dict[str, dict[str, str]] = {
    "approved": {"id": "disetujui", "en": "approved"},
    "rejected": {"id": "ditolak", "en": "rejected"},
    "resubmission_requested": {"id": "diminta kirim ulang", "en": "asked to resubmit"},
}
UI.update(
    {
        "decided_flash": {"id": "Kasus {case} {outcome}.", "en": "Case {case} {outcome}."},
        "undo": {"id": "Urungkan", "en": "Undo"},
        "undo_left": {"id": "detik lagi", "en": "seconds left"},
        "undone": {
            "id": "Keputusan diurungkan; kasus kembali menunggu.",
            "en": "The decision was undone; the case is waiting again.",
        },
        "confirm_approve_case": {"id": "Setujui kasus {case}?", "en": "Approve case {case}?"},
        "confirm_reject_case": {"id": "Tolak kasus {case}?", "en": "Reject case {case}?"},
        "confirm_resubmit_case": {
            "id": "Minta kirim ulang untuk kasus {case}?",
            "en": "Ask for a new document for case {case}?",
        },
        "next_case": {"id": "Kasus berikutnya", "en": "Next case"},
    }
)
ACTIONS.update({"undo": {"id": "mengurungkan keputusan", "en": "undid a decision"}})


def outcome_label(outcome: str | None, lang: str) -> str:
    entry = OUTCOMES.get(str(outcome))
    return entry[lang] if entry else str(outcome or "—")


ACTIONS.update(
    {
        "view_dashboard": {"id": "melihat dasbor", "en": "viewed the dashboard"},
        "export_dashboard": {"id": "mengunduh CSV dasbor", "en": "downloaded the dashboard CSV"},
    }
)


def lang_of(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def t(key: str, lang: str) -> str:
    entry = UI.get(key)
    return entry[lang] if entry else key


def field_label(key: str, lang: str) -> str:
    entry = FIELDS.get(key)
    return entry[lang] if entry else key.replace("_", " ")


def reason_text(reason: Mapping[str, object], lang: str) -> str:
    """A reason in plain words; a code without a translation falls back to the pipeline's message."""
    code = str(reason.get("code") or "")
    entry = REASONS.get(code)
    if entry is None:
        return str(reason.get("message") or code)
    field = reason.get("field")
    if not field and code in GENERIC:
        return GENERIC[code][lang]
    return entry[lang].replace("{field}", field_label(str(field), lang) if field else "—")


def decision_label(decision: str | None, lang: str) -> str:
    entry = DECISIONS.get(str(decision))
    return entry[lang] if entry else str(decision or "—")


def check_label(name: str, lang: str) -> str:
    entry = CHECKS.get(name)
    return entry[lang] if entry else name


def action_label(action: str, lang: str) -> str:
    entry = ACTIONS.get(action)
    return entry[lang] if entry else action


# Every code the UI can meet has words in both languages; codes only in tooltips
REASONS.update(
    {
        "DATE_INCONSISTENT": {
            "id": "Tanggal pada surat tidak masuk akal (berlaku sebelum tanggal terbit).",
            "en": "The letter's dates do not fit (valid until a date before it was issued).",
        },
        "DOCUMENT_EXPIRED": {"id": "Masa berlaku dokumen sudah habis.", "en": "The document has expired."},
        "DOCUMENT_UNSUPPORTED": {
            "id": "Jenis dokumen ini belum dapat dibaca di sini.",
            "en": "This kind of document cannot be read here yet.",
        },
        "KK_HEAD_COUNT": {
            "id": "Jumlah kepala keluarga pada KK tidak tepat satu.",
            "en": "The family card does not list exactly one head of family.",
        },
        "KK_HEAD_NAME_MISMATCH": {
            "id": "Nama kepala keluarga berbeda dengan nama di tabel anggota.",
            "en": "The head of family's name differs from the member table.",
        },
        "KK_ISSUE_DATE_FUTURE": {
            "id": "Tanggal terbit KK ada di masa depan.",
            "en": "The family card's issue date is in the future.",
        },
        "KK_MEMBERS_MISSING": {
            "id": "Tabel anggota keluarga tidak terbaca.",
            "en": "The member table could not be read.",
        },
        "KK_MEMBER_NIK_DOB_MISMATCH": {
            "id": "Tanggal lahir di NIK seorang anggota berbeda dengan yang tercetak.",
            "en": "A member's NIK encodes another birth date than the printed one.",
        },
        "KK_MEMBER_NIK_INVALID": {
            "id": "NIK seorang anggota keluarga tidak sah.",
            "en": "A member's NIK is not valid.",
        },
        "KK_MEMBER_NIK_SEX_MISMATCH": {
            "id": "Jenis kelamin di NIK seorang anggota berbeda dengan yang tercetak.",
            "en": "A member's NIK encodes another sex than the printed one.",
        },
        "KK_NUMBER_INVALID": {"id": "Nomor KK tidak sah.", "en": "The family card number is not valid."},
        "MRZ_CHECK_DIGIT_FAILED": {
            "id": "Angka pemeriksa pada MRZ paspor tidak cocok; periksa dengan gambar.",
            "en": "A check digit of the passport's MRZ does not fit; check it against the image.",
        },
        "MRZ_NOT_FOUND": {"id": "Baris MRZ paspor tidak ditemukan.", "en": "The passport's MRZ lines were not found."},
        "WORKER_CRASHED_REPEATEDLY": {"id": "Pemrosesan gagal berulang kali.", "en": "Processing failed repeatedly."},
        "PROCESSING_ERROR": {
            "id": "Terjadi kesalahan saat memproses dokumen.",
            "en": "Something went wrong while processing the document.",
        },
        "FILE_CORRUPT": {"id": "Berkas rusak atau terpotong.", "en": "The file is damaged or truncated."},
        "UNSUPPORTED_FORMAT": {"id": "Format berkas tidak didukung.", "en": "The file format is not supported."},
        "TOO_MANY_PAGES": {"id": "Dokumen terlalu banyak halaman.", "en": "The document has too many pages."},
        "IMAGE_CORRUPT": {
            "id": "Gambar rusak dan tidak dapat dibuka.",
            "en": "The image is damaged and cannot be opened.",
        },
        "EMPTY_FILE": {"id": "Berkas kosong.", "en": "The file is empty."},
        "IMAGE_TOO_LARGE": {"id": "Gambar terlalu besar.", "en": "The image is too large."},
        "IMAGE_TOO_SMALL": {"id": "Gambar terlalu kecil untuk dibaca.", "en": "The image is too small to read."},
        "FILE_TOO_LARGE": {"id": "Berkas terlalu besar.", "en": "The file is too large."},
    }
)
FIELDS.update(
    {
        "kk_number": {"id": "Nomor KK", "en": "Family card number"},
        "head_name": {"id": "Nama kepala keluarga", "en": "Head of family"},
        "issue_date": {"id": "Tanggal terbit", "en": "Date of issue"},
        "members": {"id": "Anggota keluarga", "en": "Family members"},
        "education": {"id": "Pendidikan", "en": "Education"},
        "relationship": {"id": "Hubungan keluarga", "en": "Relationship"},
        "father_name": {"id": "Nama ayah", "en": "Father's name"},
        "mother_name": {"id": "Nama ibu", "en": "Mother's name"},
        "subject_nik": {"id": "NIK yang bersangkutan", "en": "Subject's NIK"},
        "subject_name": {"id": "Nama yang bersangkutan", "en": "Subject's name"},
        "subject_address": {"id": "Alamat yang bersangkutan", "en": "Subject's address"},
        "letter_number": {"id": "Nomor surat", "en": "Letter number"},
        "issuer": {"id": "Penerbit", "en": "Issuer"},
        "purpose": {"id": "Keperluan", "en": "Purpose"},
        "expiry_date": {"id": "Berlaku hingga", "en": "Date of expiry"},
        "document_code": {"id": "Kode dokumen", "en": "Document code"},
        "document_number": {"id": "Nomor dokumen", "en": "Document number"},
        "personal_number": {"id": "Nomor pribadi", "en": "Personal number"},
        "issuing_country": {"id": "Negara penerbit", "en": "Issuing country"},
        "surname": {"id": "Nama keluarga", "en": "Surname"},
        "given_names": {"id": "Nama depan", "en": "Given names"},
        "mrz_lines": {"id": "Baris MRZ", "en": "MRZ lines"},
        "mrz_valid": {"id": "MRZ sah", "en": "MRZ valid"},
        "mrz_format": {"id": "Format MRZ", "en": "MRZ format"},
    }
)
ACTIONS.update(
    {
        "account_created": {"id": "akun dibuat", "en": "account created"},
        "account_unlocked": {"id": "akun dibuka kuncinya", "en": "account unlocked"},
        "password_set": {"id": "kata sandi diganti", "en": "password set"},
    }
)
# the registry block's status (contract: registry.status)
REGISTRY_STATUSES: dict[str, dict[str, str]] = {
    "match": {"id": "cocok", "en": "matches"},
    "mismatch": {"id": "berbeda", "en": "differs"},
    "not_found": {"id": "tidak ditemukan", "en": "not found"},
    "not_checked": {"id": "tidak diperiksa", "en": "not checked"},
    "unavailable": {"id": "tidak menjawab", "en": "did not answer"},  # issue 24: a remote registry
}
DOCUMENT_TYPES: dict[str, dict[str, str]] = {
    **{t.name: t.title for t in doctypes.TYPES},  # each type names itself (doctypes)
    "unknown": {"id": "Tidak dikenal", "en": "Unknown"},
    "auto": {"id": "Dikenali otomatis", "en": "Detected automatically"},
}
ROLE_NAMES: dict[str, dict[str, str]] = {
    "clerk": {"id": "petugas", "en": "clerk"},
    "supervisor": {"id": "supervisor", "en": "supervisor"},
}
UI.update(
    {
        "record": {"id": "data registri no.", "en": "registry record no."},
        "score_of": {"id": "skor", "en": "score"},
        "zone_note": {"id": "Waktu setempat", "en": "Local time"},
        "decided_at": {"id": "pada", "en": "at"},
    }
)


def registry_status_label(status: str | None, lang: str) -> str:
    entry = REGISTRY_STATUSES.get(str(status))
    return entry[lang] if entry else "—"


def document_type_label(doc_type: str | None, lang: str) -> str:
    entry = DOCUMENT_TYPES.get(str(doc_type))
    return entry[lang] if entry else (str(doc_type).upper() if doc_type else "—")


def role_label(role: str | None, lang: str) -> str:
    entry = ROLE_NAMES.get(str(role))
    return entry[lang] if entry else "—"


def code_label(code: str, lang: str) -> str:
    """A reason or signal code in words (the dashboard's rows), never the code itself."""
    entry = GENERIC.get(code) or REASONS.get(code)
    return entry[lang].replace("{field}", "—") if entry else code.replace("_", " ").capitalize()


UI.update(
    {
        "similarity": {"id": "kemiripan", "en": "similarity"},
        "score_same": {
            "id": "hampir sama: kemungkinan orang yang sama",
            "en": "nearly the same: probably the same person",
        },
        "score_close": {"id": "mirip: periksa huruf yang berbeda", "en": "similar: check the letters that differ"},
        "score_far": {"id": "jauh berbeda: kemungkinan orang lain", "en": "far apart: probably someone else"},
    }
)


def score_words(score: float | None, lang: str) -> str:
    """A 0–100 match score in words: what it means for the clerk ("38/100: probably someone else")."""
    if score is None:
        return "—"
    key = "score_same" if score >= 90 else "score_close" if score >= 70 else "score_far"
    return f"{score:.0f}/100: {t(key, lang)}"


# "why me, and what now": per reason, what a clerk checks and which button fits
GUIDANCE: dict[str, dict[str, str]] = {
    "CLAIM_MISMATCH": {
        "id": "Bandingkan isian pemohon dengan kartu dan registri di tabel perbandingan (huruf yang berbeda "
        "ditandai). Salah ketik kecil pada isian: Setujui. Kartu atau registri menyebut orang lain: Tolak.",
        "en": "Compare the applicant's entry with the card and the registry in the comparison (differing letters "
        "are marked). A small typo in the entry: Approve. The card or registry names someone else: Reject.",
    },
    "LOW_CONFIDENCE": {
        "id": "Baca data ini pada gambar kartu. Jika salah baca, koreksi lalu simpan (registri dicocokkan ulang); "
        "jika benar, Setujui.",
        "en": "Read this field on the card image. If it was misread, correct it and save (the registry is matched "
        "again); if it is right, Approve.",
    },
    "FIELD_MISSING": {
        "id": "Cari data ini pada gambar. Terbaca: isi lalu simpan. Tidak terlihat sama sekali: Minta kirim ulang.",
        "en": "Look for this field on the image. Legible: fill it in and save. Not visible at all: Request "
        "resubmission.",
    },
    "REGISTRY_NOT_FOUND": {
        "id": "Periksa NIK pada gambar: salah baca satu angka sering terjadi. Koreksi bila perlu. Kandidat di bawah "
        "dicari dari nama dan tanggal lahir; skor rendah berarti kemungkinan orang lain. Tidak ada di "
        "registri: Tolak dengan alasan atau minta dokumen lain.",
        "en": "Check the NIK on the image: one misread digit is common. Correct it if needed. The candidates below "
        "are found by name and birth date; a low score means probably someone else. Not in the registry: "
        "Reject with a reason or ask for another document.",
    },
    "REGISTRY_FIELD_MISMATCH": {
        "id": "Lihat huruf yang ditandai di perbandingan. Salah baca OCR: koreksi. Data kartu memang berbeda dengan "
        "registri (mis. pindah alamat): putuskan sesuai aturan program.",
        "en": "Look at the marked letters in the comparison. An OCR misreading: correct it. The card really differs "
        "from the registry (e.g. a new address): decide by the programme's rules.",
    },
    "REGISTRY_SCORE_LOW": {
        "id": "Kecocokan keseluruhan lemah: periksa nama dan tanggal lahir di perbandingan. Orang yang sama dengan "
        "ejaan lain: Setujui. Orang lain: Tolak.",
        "en": "The overall match is weak: check name and birth date in the comparison. The same person spelled "
        "differently: Approve. Someone else: Reject.",
    },
    "REGISTRY_UNAVAILABLE": {
        "id": "Registri pemilik data tidak menjawab tepat waktu; ini bukan tanda penipuan. Tunggu registri kembali "
        "lalu nilai ulang (docverify reassess ID), atau periksa kartu dengan mata sendiri sebelum Setujui.",
        "en": "The owner's registry did not answer in time; this is no sign of fraud. Wait for the registry and "
        "re-assess (docverify reassess ID), or check the card yourself before you Approve.",
    },
    "REGISTRY_NOT_CHECKED": {
        "id": "Tidak ada registri: periksa kartu dengan mata sendiri (foto, NIK, tanggal lahir) sebelum Setujui.",
        "en": "No registry: check the card yourself (photo, NIK, birth date) before you Approve.",
    },
    "NIK_BELONGS_TO_OTHER_PERSON": {
        "id": "NIK terdaftar atas nama orang lain. Cocokkan nama di kartu dengan registri. Salah baca nama: koreksi "
        "lalu Setujui dengan alasan. Memang orang lain: tetapkan penolakan (Tolak) dengan alasan.",
        "en": "The NIK is registered to someone else. Compare the name on the card with the registry. A misread "
        "name: correct it, then Approve with a reason. Truly someone else: confirm with Reject and a reason.",
    },
    "NIK_INVALID": {
        "id": "Baca NIK pada gambar angka demi angka. Salah baca: koreksi. NIK di kartu memang tidak sah: Tolak.",
        "en": "Read the NIK on the image digit by digit. Misread: correct it. The card's NIK really is invalid: "
        "Reject.",
    },
    "NIK_DOB_MISMATCH": {
        "id": "Bandingkan tanggal lahir tercetak dengan angka ke-7 s.d. 12 NIK (perempuan: tanggal + 40). Koreksi "
        "yang salah baca; kartu tidak konsisten: Tolak.",
        "en": "Compare the printed birth date with digits 7 to 12 of the NIK (women: day + 40). Correct a "
        "misreading; an inconsistent card: Reject.",
    },
    "NIK_SEX_MISMATCH": {
        "id": "Jenis kelamin tercetak berbeda dengan NIK (perempuan: tanggal + 40). Koreksi yang salah baca.",
        "en": "The printed sex differs from the NIK (women: day + 40). Correct whichever was misread.",
    },
    "RETAKE_BLURRY": {
        "id": "Gambar buram. Jika data masih terbaca oleh Anda, koreksi lalu Setujui dengan alasan; jika tidak, "
        "tetapkan permintaan foto ulang (Minta kirim ulang).",
        "en": "The picture is blurred. If you can still read the fields, correct them and Approve with a reason; "
        "if not, confirm the retake (Request resubmission).",
    },
    "CITIZEN_OBJECTION": {
        "id": "Baca alasan keberatan warga, periksa kembali seluruh kasus, lalu tetapkan atau ubah keputusan "
        "otomatis. Alasan Anda dikirim ke pemohon.",
        "en": "Read the citizen's objection, check the whole case again, then confirm or change the automatic "
        "decision. Your reason is sent to the applicant.",
    },
    "DOCUMENT_REUSED": {
        "id": "Kartu yang sama dipakai di pengajuan lain: buka kasus terkait. Pengajuan ulang orang yang sama: "
        "boleh Setujui. Orang berbeda memakai kartu yang sama: Tolak.",
        "en": "The same card was used in another application: open the linked cases. The same person applying "
        "again: you may Approve. Different people with one card: Reject.",
    },
    "PHOTO_REUSED": {
        "id": "Foto wajah yang sama ada di kartu dengan NIK lain: bandingkan dengan kasus terkait; bila benar, Tolak.",
        "en": "The same face photo is on a card with another NIK: compare with the linked cases; if so, Reject.",
    },
    "NIK_IN_OTHER_APPLICATION": {
        "id": "NIK ini masih ada di pengajuan aktif lain: pastikan bukan pengajuan ganda sebelum Setujui.",
        "en": "This NIK is in another active application: make sure it is no double application before you Approve.",
    },
    "PHOTOCOPY_SUSPECTED": {
        "id": "Lihat gambar: kartu asli berwarna biru dengan hologram. Fotokopi: Minta kirim ulang foto kartu asli.",
        "en": "Look at the image: a real card is blue with a hologram. A photocopy: ask for a photo of the real "
        "card (Request resubmission).",
    },
    "SCREEN_RECAPTURE_SUSPECTED": {
        "id": "Ada pola layar (garis, piksel)? Foto dari layar: Minta kirim ulang foto kartu asli.",
        "en": "Screen patterns (lines, pixels)? A photo of a screen: ask for a photo of the real card.",
    },
    "TEXT_EDIT_SUSPECTED": {
        "id": "Perhatikan huruf yang tampak berbeda bentuk atau tebalnya. Jelas diubah: Tolak; ragu: Minta kirim "
        "ulang.",
        "en": "Look for letters of another shape or weight. Clearly edited: Reject; in doubt: Request resubmission.",
    },
    "SPECIMEN_NIK": {
        "id": "NIK contoh dari spesimen, bukan milik seseorang: Tolak.",
        "en": "A specimen NIK, no one's: Reject.",
    },
}
GUIDANCE_DEFAULT = {
    "id": "Periksa bagian yang disebut pada gambar kartu. Data benar: Setujui. Data salah baca: koreksi lalu simpan. "
    "Gambar tidak dapat dipakai: Minta kirim ulang. Bukan orang yang mengajukan: Tolak dengan alasan.",
    "en": "Check what is named against the card image. Right: Approve. Misread: correct and save. The picture "
    "cannot be used: Request resubmission. Not the applicant: Reject with a reason.",
}
for _code in ("RETAKE_GLARE", "RETAKE_LOW_RESOLUTION", "RETAKE_TOO_DARK", "RETAKE_TOO_BRIGHT", "RETAKE_CARD_CUT_OFF"):
    GUIDANCE[_code] = GUIDANCE["RETAKE_BLURRY"]
UI.update(
    {
        "why_title": {
            "id": "Mengapa kasus ini ke petugas, dan apa yang dilakukan",
            "en": "Why this case, and what now",
        },
        "compare_title": {
            "id": "Perbandingan: isian pemohon · kartu · registri",
            "en": "Comparison: applicant's entry · card · registry",
        },
        "side_claim": {"id": "Isian pemohon", "en": "Applicant's entry"},
        "side_document": {"id": "Pada kartu", "en": "On the card"},
        "side_registry": {"id": "Registri", "en": "Registry"},
        "compare_hint": {
            "id": "Huruf yang berbeda ditandai; ‸ menandai huruf yang tidak ada.",
            "en": "Differing letters are marked; ‸ marks a missing letter.",
        },
        "odd_claim": {"id": "isian pemohon berbeda", "en": "the applicant's entry differs"},
        "odd_document": {"id": "kartu berbeda", "en": "the card differs"},
        "odd_registry": {"id": "registri berbeda", "en": "the registry differs"},
        "odd_all": {"id": "ketiganya berbeda", "en": "all three differ"},
        "odd_none": {"id": "sama", "en": "the same"},
        "odd_unknown": {"id": "tidak dapat dibandingkan", "en": "cannot be compared"},
        "missing_letter": {"id": "huruf tidak ada", "en": "missing letter"},
        "card_vs_registry": {"id": "kartu dan registri", "en": "card and registry"},
    }
)


def guidance(code: str, lang: str) -> str:
    """What a clerk checks for this reason and which button fits."""
    return (GUIDANCE.get(code) or GUIDANCE_DEFAULT)[lang]


for _doc in doctypes.TYPES:  # a type's own field labels and reasons (doctypes), where the common ones lack them
    for _key, _label in _doc.labels.items():
        FIELDS.setdefault(_key, _label)
    for _key, _label in _doc.reasons.items():
        REASONS.setdefault(_key, _label)
