"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .api_key_info import ApiKeyInfo
from .api_key_info_scopes_item import ApiKeyInfoScopesItem
from .api_key_info_state import ApiKeyInfoState
from .create_verification_body import CreateVerificationBody
from .delivery import Delivery
from .delivery_list import DeliveryList
from .delivery_status import DeliveryStatus
from .document import Document
from .error_body import ErrorBody
from .error_info import ErrorInfo
from .error_info_detail import ErrorInfoDetail
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
from .program_in import ProgramIn
from .program_in_rules_item import ProgramInRulesItem
from .program_out import ProgramOut
from .program_out_rules_item import ProgramOutRulesItem
from .reason import Reason
from .rotate_request import RotateRequest
from .verification import Verification
from .verification_checks_item import VerificationChecksItem
from .verification_decision_type_0 import VerificationDecisionType0
from .verification_fields import VerificationFields
from .verification_fields_additional_property import (
    VerificationFieldsAdditionalProperty,
)
from .verification_list import VerificationList
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
    "CreateVerificationBody",
    "Delivery",
    "DeliveryList",
    "DeliveryStatus",
    "Document",
    "ErrorBody",
    "ErrorInfo",
    "ErrorInfoDetail",
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
    "ProgramIn",
    "ProgramInRulesItem",
    "ProgramOut",
    "ProgramOutRulesItem",
    "Reason",
    "RotateRequest",
    "Verification",
    "VerificationChecksItem",
    "VerificationDecisionType0",
    "VerificationFields",
    "VerificationFieldsAdditionalProperty",
    "VerificationList",
    "VerificationProvenance",
    "VerificationRegistry",
    "VerificationReviewType0",
    "VerificationStatus",
    "VerificationTimingsMs",
    "WebhookSecret",
)
