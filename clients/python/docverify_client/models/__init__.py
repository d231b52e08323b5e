"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .api_key_info import ApiKeyInfo
from .api_key_info_scopes_item import ApiKeyInfoScopesItem
from .api_key_info_state import ApiKeyInfoState
from .breach_report import BreachReport
from .breach_report_by_kind import BreachReportByKind
from .breach_report_counts import BreachReportCounts
from .breach_report_records import BreachReportRecords
from .create_verification_body import CreateVerificationBody
from .delivery import Delivery
from .delivery_list import DeliveryList
from .delivery_status import DeliveryStatus
from .document import Document
from .erasure import Erasure
from .error_body import ErrorBody
from .error_info import ErrorInfo
from .error_info_detail import ErrorInfoDetail
from .field_verdict import FieldVerdict
from .get_registry_response_getregistry import GetRegistryResponseGetregistry
from .health_response_health import HealthResponseHealth
from .import_registry_body import ImportRegistryBody
from .import_result import ImportResult
from .import_result_errors_item import ImportResultErrorsItem
from .key_request import KeyRequest
from .key_request_scopes_item import KeyRequestScopesItem
from .list_registries_response_200_item import ListRegistriesResponse200Item
from .list_verifications_decision_type_0 import ListVerificationsDecisionType0
from .list_verifications_status_type_0 import ListVerificationsStatusType0
from .list_webhook_deliveries_status_type_0 import ListWebhookDeliveriesStatusType0
from .new_api_key import NewApiKey
from .new_api_key_scopes_item import NewApiKeyScopesItem
from .new_api_key_state import NewApiKeyState
from .objection_in import ObjectionIn
from .objection_out import ObjectionOut
from .processing_record_out import ProcessingRecordOut
from .processing_record_out_detail import ProcessingRecordOutDetail
from .program_in import ProgramIn
from .program_in_rules_item import ProgramInRulesItem
from .program_out import ProgramOut
from .program_out_rules_item import ProgramOutRulesItem
from .reason import Reason
from .reassess_accepted import ReassessAccepted
from .rotate_request import RotateRequest
from .subject_export import SubjectExport
from .subject_export_registries_item import SubjectExportRegistriesItem
from .subject_export_verification_objects_item import (
    SubjectExportVerificationObjectsItem,
)
from .subject_listing import SubjectListing
from .subject_listing_registries_item import SubjectListingRegistriesItem
from .subject_request import SubjectRequest
from .subject_verification import SubjectVerification
from .subject_verification_personal_data import SubjectVerificationPersonalData
from .submitted_by import SubmittedBy
from .verdict_answer import VerdictAnswer
from .verdict_answer_fields import VerdictAnswerFields
from .verdict_request import VerdictRequest
from .verdict_request_fields import VerdictRequestFields
from .verification import Verification
from .verification_checks_item import VerificationChecksItem
from .verification_decision_type_0 import VerificationDecisionType0
from .verification_fields import VerificationFields
from .verification_fields_additional_property import (
    VerificationFieldsAdditionalProperty,
)
from .verification_list import VerificationList
from .verification_personal_data_type_0 import VerificationPersonalDataType0
from .verification_provenance import VerificationProvenance
from .verification_registry import VerificationRegistry
from .verification_review_type_0 import VerificationReviewType0
from .verification_status import VerificationStatus
from .verification_timings_ms import VerificationTimingsMs
from .webhook_secret import WebhookSecret

__all__ = (
    "Accepted",
    "ApiKeyInfo",
    "ApiKeyInfoScopesItem",
    "ApiKeyInfoState",
    "BreachReport",
    "BreachReportByKind",
    "BreachReportCounts",
    "BreachReportRecords",
    "CreateVerificationBody",
    "Delivery",
    "DeliveryList",
    "DeliveryStatus",
    "Document",
    "Erasure",
    "ErrorBody",
    "ErrorInfo",
    "ErrorInfoDetail",
    "FieldVerdict",
    "GetRegistryResponseGetregistry",
    "HealthResponseHealth",
    "ImportRegistryBody",
    "ImportResult",
    "ImportResultErrorsItem",
    "KeyRequest",
    "KeyRequestScopesItem",
    "ListRegistriesResponse200Item",
    "ListVerificationsDecisionType0",
    "ListVerificationsStatusType0",
    "ListWebhookDeliveriesStatusType0",
    "NewApiKey",
    "NewApiKeyScopesItem",
    "NewApiKeyState",
    "ObjectionIn",
    "ObjectionOut",
    "ProcessingRecordOut",
    "ProcessingRecordOutDetail",
    "ProgramIn",
    "ProgramInRulesItem",
    "ProgramOut",
    "ProgramOutRulesItem",
    "Reason",
    "ReassessAccepted",
    "RotateRequest",
    "SubjectExport",
    "SubjectExportRegistriesItem",
    "SubjectExportVerificationObjectsItem",
    "SubjectListing",
    "SubjectListingRegistriesItem",
    "SubjectRequest",
    "SubjectVerification",
    "SubjectVerificationPersonalData",
    "SubmittedBy",
    "VerdictAnswer",
    "VerdictAnswerFields",
    "VerdictRequest",
    "VerdictRequestFields",
    "Verification",
    "VerificationChecksItem",
    "VerificationDecisionType0",
    "VerificationFields",
    "VerificationFieldsAdditionalProperty",
    "VerificationList",
    "VerificationPersonalDataType0",
    "VerificationProvenance",
    "VerificationRegistry",
    "VerificationReviewType0",
    "VerificationStatus",
    "VerificationTimingsMs",
    "WebhookSecret",
)
