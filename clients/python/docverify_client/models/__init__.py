"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .any_field import AnyField
from .api_key_info import ApiKeyInfo
from .api_key_info_scopes_item import ApiKeyInfoScopesItem
from .api_key_info_state import ApiKeyInfoState
from .breach_records import BreachRecords
from .breach_report import BreachReport
from .breach_report_by_kind import BreachReportByKind
from .breach_report_counts import BreachReportCounts
from .candidate import Candidate
from .candidate_fields import CandidateFields
from .check import Check
from .check_action_type_0 import CheckActionType0
from .claim_field import ClaimField
from .correction import Correction
from .create_verification_body import CreateVerificationBody
from .delivery import Delivery
from .delivery_list import DeliveryList
from .delivery_status import DeliveryStatus
from .document import Document
from .document_part import DocumentPart
from .document_part_type import DocumentPartType
from .document_type import DocumentType
from .eligibility import Eligibility
from .eligibility_status import EligibilityStatus
from .erasure import Erasure
from .error_body import ErrorBody
from .error_info import ErrorInfo
from .error_info_detail import ErrorInfoDetail
from .failed_rule import FailedRule
from .field_score import FieldScore
from .field_score_verdict_type_0 import FieldScoreVerdictType0
from .field_verdict import FieldVerdict
from .fields import Fields
from .flag_field import FlagField
from .health_response_health import HealthResponseHealth
from .import_registry_body import ImportRegistryBody
from .import_result import ImportResult
from .import_summary import ImportSummary
from .key_request import KeyRequest
from .key_request_scopes_item import KeyRequestScopesItem
from .kk_member import KkMember
from .lines_field import LinesField
from .list_verifications_decision_type_0 import ListVerificationsDecisionType0
from .list_verifications_status_type_0 import ListVerificationsStatusType0
from .list_webhook_deliveries_status_type_0 import ListWebhookDeliveriesStatusType0
from .members_field import MembersField
from .new_api_key import NewApiKey
from .new_api_key_scopes_item import NewApiKeyScopesItem
from .new_api_key_state import NewApiKeyState
from .objection_in import ObjectionIn
from .objection_out import ObjectionOut
from .personal_data import PersonalData
from .personal_data_state import PersonalDataState
from .processing_record_out import ProcessingRecordOut
from .processing_record_out_detail import ProcessingRecordOutDetail
from .program_in import ProgramIn
from .program_in_rules_item import ProgramInRulesItem
from .program_out import ProgramOut
from .provenance import Provenance
from .reason import Reason
from .reason_severity_type_0 import ReasonSeverityType0
from .reassess_accepted import ReassessAccepted
from .registry import Registry
from .registry_detail import RegistryDetail
from .registry_fields import RegistryFields
from .registry_record_copy import RegistryRecordCopy
from .registry_record_copy_record import RegistryRecordCopyRecord
from .registry_ref import RegistryRef
from .registry_status import RegistryStatus
from .registry_summary import RegistrySummary
from .review import Review
from .review_decision_type_0 import ReviewDecisionType0
from .rotate_request import RotateRequest
from .row_error import RowError
from .rule import Rule
from .rule_op import RuleOp
from .subject_export import SubjectExport
from .subject_listing import SubjectListing
from .subject_request import SubjectRequest
from .subject_verification import SubjectVerification
from .subject_verification_personal_data import SubjectVerificationPersonalData
from .submitted_by import SubmittedBy
from .text_field import TextField
from .verdict_answer import VerdictAnswer
from .verdict_answer_fields import VerdictAnswerFields
from .verdict_request import VerdictRequest
from .verdict_request_fields import VerdictRequestFields
from .verification import Verification
from .verification_claim_check_type_0 import VerificationClaimCheckType0
from .verification_decision_type_0 import VerificationDecisionType0
from .verification_export import VerificationExport
from .verification_export_claim_check_type_0 import VerificationExportClaimCheckType0
from .verification_export_claim_type_0 import VerificationExportClaimType0
from .verification_export_decision_type_0 import VerificationExportDecisionType0
from .verification_export_status import VerificationExportStatus
from .verification_export_timings_ms import VerificationExportTimingsMs
from .verification_list import VerificationList
from .verification_status import VerificationStatus
from .verification_timings_ms import VerificationTimingsMs
from .webhook_secret import WebhookSecret

__all__ = (
    "Accepted",
    "AnyField",
    "ApiKeyInfo",
    "ApiKeyInfoScopesItem",
    "ApiKeyInfoState",
    "BreachRecords",
    "BreachReport",
    "BreachReportByKind",
    "BreachReportCounts",
    "Candidate",
    "CandidateFields",
    "Check",
    "CheckActionType0",
    "ClaimField",
    "Correction",
    "CreateVerificationBody",
    "Delivery",
    "DeliveryList",
    "DeliveryStatus",
    "Document",
    "DocumentPart",
    "DocumentPartType",
    "DocumentType",
    "Eligibility",
    "EligibilityStatus",
    "Erasure",
    "ErrorBody",
    "ErrorInfo",
    "ErrorInfoDetail",
    "FailedRule",
    "Fields",
    "FieldScore",
    "FieldScoreVerdictType0",
    "FieldVerdict",
    "FlagField",
    "HealthResponseHealth",
    "ImportRegistryBody",
    "ImportResult",
    "ImportSummary",
    "KeyRequest",
    "KeyRequestScopesItem",
    "KkMember",
    "LinesField",
    "ListVerificationsDecisionType0",
    "ListVerificationsStatusType0",
    "ListWebhookDeliveriesStatusType0",
    "MembersField",
    "NewApiKey",
    "NewApiKeyScopesItem",
    "NewApiKeyState",
    "ObjectionIn",
    "ObjectionOut",
    "PersonalData",
    "PersonalDataState",
    "ProcessingRecordOut",
    "ProcessingRecordOutDetail",
    "ProgramIn",
    "ProgramInRulesItem",
    "ProgramOut",
    "Provenance",
    "Reason",
    "ReasonSeverityType0",
    "ReassessAccepted",
    "Registry",
    "RegistryDetail",
    "RegistryFields",
    "RegistryRecordCopy",
    "RegistryRecordCopyRecord",
    "RegistryRef",
    "RegistryStatus",
    "RegistrySummary",
    "Review",
    "ReviewDecisionType0",
    "RotateRequest",
    "RowError",
    "Rule",
    "RuleOp",
    "SubjectExport",
    "SubjectListing",
    "SubjectRequest",
    "SubjectVerification",
    "SubjectVerificationPersonalData",
    "SubmittedBy",
    "TextField",
    "VerdictAnswer",
    "VerdictAnswerFields",
    "VerdictRequest",
    "VerdictRequestFields",
    "Verification",
    "VerificationClaimCheckType0",
    "VerificationDecisionType0",
    "VerificationExport",
    "VerificationExportClaimCheckType0",
    "VerificationExportClaimType0",
    "VerificationExportDecisionType0",
    "VerificationExportStatus",
    "VerificationExportTimingsMs",
    "VerificationList",
    "VerificationStatus",
    "VerificationTimingsMs",
    "WebhookSecret",
)
