export { CHECK_IDS, verdictOf, exitCodeOf } from './verification-result.ts';
export type { Check, CheckId, CheckStatus, Verdict } from './verification-result.ts';
export { ModelError } from './errors.ts';
export type { ModelErrorCode } from './errors.ts';

// Parsing untrusted input
export { parseWithErrorHandling } from './parse-with-error-handling.ts';
export { parseJsonText, DEFAULT_MAX_JSON_BYTES } from './parse-json-text.ts';
export { parseJsonBytes } from './parse-json-bytes.ts';
export { jsonPathOf } from './lib/json-path.ts';
export type { SchemaIssue } from './lib/flatten-zod-issues.ts';

// Multilingual text
export { isLanguageTag } from './is-language-tag.ts';
export { directionOf } from './text-direction.ts';
export type { TextDirection } from './text-direction.ts';
export {
  LanguageTagSchema,
  LanguageValueSchema,
  LanguageValuesSchema,
  LanguageMapSchema,
  toLanguageValues,
} from './z-language-map.ts';
export type { LanguageValue, LanguageMap } from './z-language-map.ts';
export { pickText } from './pick-text.ts';
export { inspectPersonName } from './inspect-person-name.ts';
export type { PersonNameInspection } from './inspect-person-name.ts';
export type { PickedText } from './pick-text.ts';

// VC Data Model 2.0
export { UriSchema, DateTimeStampSchema, TypeSchema, typesOf, typeIncluding, oneOrMore, asArray } from './z-primitives.ts';
export { BitstringStatusListEntrySchema, CredentialStatusSchema } from './z-credential-status.ts';
export type { BitstringStatusListEntry, CredentialStatus } from './z-credential-status.ts';
export { ProofSchema } from './z-proof.ts';
export type { Proof } from './z-proof.ts';
export {
  VC_V2_CONTEXT,
  CredentialContextSchema,
  IssuerSchema,
  CredentialSubjectSchema,
  CredentialSchemaRefSchema,
  VerifiableCredentialSchema,
  verifiableCredentialShape,
} from './z-verifiable-credential.ts';
export type { VerifiableCredential } from './z-verifiable-credential.ts';
export { VerifiablePresentationSchema, EnvelopedVerifiableCredentialSchema } from './z-verifiable-presentation.ts';
export type { VerifiablePresentation } from './z-verifiable-presentation.ts';

// Open Badges 3.0 and CLR 2.0
export {
  ACHIEVEMENT_TYPES,
  RESULT_TYPES,
  RESULT_STATUS_TYPES,
  ALIGNMENT_TARGET_TYPES,
  IDENTIFIER_TYPES,
  ASSOCIATION_TYPES,
  AchievementTypeSchema,
  ResultTypeSchema,
  ResultStatusTypeSchema,
  AlignmentTargetTypeSchema,
  IdentifierTypeSchema,
  AssociationTypeSchema,
} from './z-ob3-enums.ts';
export { ObProfileSchema } from './z-ob-profile.ts';
export type { ObProfile } from './z-ob-profile.ts';
export { IdentityObjectSchema } from './z-identity-object.ts';
export type { IdentityObject } from './z-identity-object.ts';
export { AlignmentSchema } from './z-alignment.ts';
export type { Alignment } from './z-alignment.ts';
export { ResultDescriptionSchema, RubricCriterionLevelSchema } from './z-result-description.ts';
export type { ResultDescription } from './z-result-description.ts';
export { ResultSchema } from './z-result.ts';
export type { Result } from './z-result.ts';
export { AchievementSchema, CriteriaSchema } from './z-achievement.ts';
export type { Achievement } from './z-achievement.ts';
export { AchievementSubjectSchema } from './z-achievement-subject.ts';
export type { AchievementSubject } from './z-achievement-subject.ts';
export { AchievementCredentialSchema, OB_CONTEXT_PATTERN, OB_CREDENTIAL_TYPES } from './z-achievement-credential.ts';
export type { AchievementCredential } from './z-achievement-credential.ts';
export { ClrCredentialSchema, ClrSubjectSchema, AssociationSchema, CLR_CONTEXT_PATTERN } from './z-clr-credential.ts';
export type { ClrCredential, ClrSubject, Association } from './z-clr-credential.ts';
export { detectCredentialKind } from './detect-credential-kind.ts';
export type { CredentialKind } from './detect-credential-kind.ts';

// Learning Passport profile
export {
  ISCED_LEVEL_FRAMEWORK,
  ISCED_FIELD_FRAMEWORK,
  NATIONAL_GRADES_FRAMEWORK,
  DEFAULT_ISCED_LEVEL_URL_BASE,
  isIscedLevelCode,
  isIscedFieldCode,
  iscedLevelLabel,
  iscedFieldLabel,
  iscedFieldUri,
} from './isced-codes.ts';
export type { LpProfileIssue, LpProfileIssueCode } from './lp-profile-issue.ts';
export { CatalogueAchievementSchema, CatalogueResultDescriptionSchema, NationalGradesSchema, MONTHS_COMPLETED_RESULT_ID, TERMS_COMPLETED_RESULT_ID, resultRoleOf } from './z-catalogue-achievement.ts';
export type {
  CatalogueAchievement,
  CatalogueAchievementInput,
  CatalogueResultDescription,
  NationalGrades,
} from './z-catalogue-achievement.ts';
export { achievementFromCatalogue, achievementIdOf, resultDescriptionIdOf } from './achievement-from-catalogue.ts';
export type { AchievementFromCatalogueOptions, AchievementJson } from './achievement-from-catalogue.ts';
export { validateResultAgainstScale } from './validate-result-against-scale.ts';
export type { ResultScale } from './validate-result-against-scale.ts';
export { checkLpProfile } from './check-lp-profile.ts';
export { checkProfile } from './check-profile.ts';
