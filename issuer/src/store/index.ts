export { StoreError } from './errors.ts';
export type { StoreErrorCode } from './errors.ts';
export type {
  IssuerStore, IssuerStoreOps, IssuerProfile, KeyStatus, NewIssuerKey, IssuerKeyRecord, AchievementRecord,
  StatusAllocation, StatusListSummary, StatusListRecord, SignedStatusList, BulkKey, NewCredential, CredentialRecord,
  SetStatusResult, NewAuditEntry, AuditEntry, ApiKeyRecord, NewPickupCode, ConsumePickupResult, BulkRunCounts,
  BulkRunRecord, Page, NewCredentialOffer, RedeemOfferResult, OfferItem, DeliveredCredential, ConsumeNonceResult,
  NewPresentationRequest, PresentationRequestRecord, ClaimPresentationRequestResult,
} from './issuer-store.ts';
export { openSqliteStore, SqliteIssuerStore } from './open-sqlite-store.ts';
export type { OpenSqliteStoreOptions } from './open-sqlite-store.ts';
export { MIGRATIONS } from './migrations.ts';
export { openPostgresStore, PostgresIssuerStore, isPostgresUrl, postgresAddressOf } from './open-postgres-store.ts';
export type { OpenPostgresStoreOptions } from './open-postgres-store.ts';
export { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
export { copySqliteToPostgres } from './copy-sqlite-to-postgres.ts';
export type { CopyReport, CopiedTable } from './copy-sqlite-to-postgres.ts';
