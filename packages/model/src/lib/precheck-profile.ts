import type { CredentialKind } from '../detect-credential-kind.ts';
import { OB_CONTEXT_PATTERN } from '../z-achievement-credential.ts';
import { CLR_CONTEXT_PATTERN } from '../z-clr-credential.ts';
import { STATUS_LIST_INDEX_PATTERN } from '../z-credential-status.ts';
import {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  ASSOCIATION_TYPES,
  EXTENSION_TERM_PATTERN,
  IDENTIFIER_TYPES,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
} from '../z-ob3-enums.ts';
import { ABSOLUTE_URI_PATTERN, DATE_TIME_STAMP_PATTERN } from '../z-primitives.ts';
import { VC_V2_CONTEXT } from '../z-verifiable-credential.ts';
import { isLanguageTag } from '../is-language-tag.ts';

/*
 * A hand-written mirror of the profile schemas (z-verifiable-credential.ts,
 * z-achievement-credential.ts, z-clr-credential.ts and the schemas they use) for the shapes
 * credentials commonly take. It answers only "certainly valid" (true) or "ask zod" (false): zod
 * stays the one source of verdicts, codes and messages, and this only spares the common valid
 * credential zod's output copy of every object (most of a verification's profile time). Each
 * rule here accepts a subset of what its schema accepts; a value of a form it does not model
 * (an inline @context object, a language value object, relatedResource, statusSize, an object
 * that is not a plain JSON object) answers false. The same patterns and enumerations are
 * imported from the schemas' files, so the two cannot drift apart on them.
 * packages/model/test/precheck-profile.test.ts holds it to zod on generated and fixture inputs.
 */

type Json = Record<string, unknown>;

const EXTENSIBLE = {
  achievementType: new Set(ACHIEVEMENT_TYPES),
  resultType: new Set(RESULT_TYPES),
  targetType: new Set(ALIGNMENT_TARGET_TYPES),
  identityType: new Set(IDENTIFIER_TYPES),
};
const RESULT_STATUS = new Set(RESULT_STATUS_TYPES);
const ASSOCIATION = new Set(ASSOCIATION_TYPES);

/** Whether `credential` certainly passes the zod profile schema of `kind` (false: not known). */
export function precheckProfile(credential: unknown, kind: CredentialKind): boolean {
  if (!isPlain(credential)) return false;
  if (kind === 'VerifiableCredential') return vcCredential(credential);
  if (kind === 'ClrCredential') return clrCredential(credential);
  return achievementCredential(credential);
}

/**
 * Whether `value` certainly passes LanguageValuesSchema (z-language-map.ts): a non-empty list of
 * `{"@value", "@language"[, "@direction"]}` with nothing else. False: ask zod.
 */
export function precheckLanguageValues(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (!isPlain(v) || !nonEmpty(v['@value']) || !isLanguageTag(v['@language'])) return false;
    const d = v['@direction'];
    let known = 2;
    if (d !== undefined) {
      if (d !== 'ltr' && d !== 'rtl') return false;
      known = 3;
    }
    // strictObject: no other property (counted, so that nothing is allocated).
    let n = 0;
    for (const k in v) if (Object.hasOwn(v, k)) n++;
    if (n !== known) return false;
  }
  return true;
}

// A JSON object as JSON.parse makes it. Other objects (class instances, other realms) go to zod.
function isPlain(v: unknown): v is Json {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const str = (v: unknown): v is string => typeof v === 'string';
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const uri = (v: unknown): boolean => typeof v === 'string' && ABSOLUTE_URI_PATTERN.test(v);
const dateTime = (v: unknown): boolean => typeof v === 'string' && DATE_TIME_STAMP_PATTERN.test(v);
// zod 4's z.number() refuses NaN and ±Infinity.
const num = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optNonEmpty = (v: unknown): boolean => v === undefined || nonEmpty(v);
const optUri = (v: unknown): boolean => v === undefined || uri(v);
const optDateTime = (v: unknown): boolean => v === undefined || dateTime(v);

function extensible(set: Set<string>, v: unknown): boolean {
  return typeof v === 'string' && (set.has(v) || EXTENSION_TERM_PATTERN.test(v));
}

/** TypeSchema: one non-empty term or a non-empty list of them. */
function typeValue(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (!Array.isArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!nonEmpty(v[i])) return false;
  return true;
}

function hasType(v: unknown, term: string): boolean {
  return typeof v === 'string' ? v === term : Array.isArray(v) && v.includes(term);
}

/** typeIncluding(term). */
function typeIncluding(v: unknown, term: string): boolean {
  return typeValue(v) && hasType(v, term);
}

/** z.array(item), optional. */
function optArrayOf(v: unknown, item: (x: unknown) => boolean): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
  return true;
}

/** oneOrMore(item): the item, or a non-empty array of items. */
function oneOrMore(v: unknown, item: (x: unknown) => boolean): boolean {
  if (Array.isArray(v)) {
    if (v.length === 0) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  }
  return item(v);
}

function optOneOrMore(v: unknown, item: (x: unknown) => boolean): boolean {
  return v === undefined || oneOrMore(v, item);
}

/** CredentialContextSchema with only URL entries, plus the profile's own context. */
function contexts(v: unknown, profile: RegExp | undefined): boolean {
  if (!Array.isArray(v) || v.length === 0 || v[0] !== VC_V2_CONTEXT) return false;
  let found = profile === undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (!nonEmpty(c)) return false;
    if (!found && profile!.test(c)) found = true;
  }
  return found;
}

function credentialStatus(v: unknown): boolean {
  if (!isPlain(v) || !optUri(v.id) || !nonEmpty(v.type)) return false;
  if (v.type !== 'BitstringStatusListEntry') return true;
  return (
    nonEmpty(v.statusPurpose) &&
    typeof v.statusListIndex === 'string' &&
    STATUS_LIST_INDEX_PATTERN.test(v.statusListIndex) &&
    uri(v.statusListCredential) &&
    v.statusSize === undefined
  );
}

function credentialSchemaRef(v: unknown): boolean {
  return isPlain(v) && uri(v.id) && nonEmpty(v.type);
}

function typedObject(v: unknown): boolean {
  return isPlain(v) && typeValue(v.type);
}

function proof(v: unknown): boolean {
  if (!isPlain(v)) return false;
  const vm = v.verificationMethod;
  const d = v.domain;
  return (
    optUri(v.id) &&
    nonEmpty(v.type) &&
    optNonEmpty(v.cryptosuite) &&
    optNonEmpty(v.proofPurpose) &&
    (vm === undefined || uri(vm) || (isPlain(vm) && uri(vm.id))) &&
    optDateTime(v.created) &&
    optDateTime(v.expires) &&
    optNonEmpty(v.proofValue) &&
    optStr(v.challenge) &&
    (d === undefined || typeof d === 'string' || optArrayOf(d, str))
  );
}

/** The VC 2.0 properties every profile shares (verifiableCredentialShape) that it does not override. */
function vcCommon(c: Json): boolean {
  return (
    optDateTime(c.validUntil) &&
    optOneOrMore(c.credentialStatus, credentialStatus) &&
    optOneOrMore(c.credentialSchema, credentialSchemaRef) &&
    c.relatedResource === undefined &&
    optOneOrMore(c.refreshService, typedObject) &&
    optOneOrMore(c.termsOfUse, typedObject) &&
    optOneOrMore(c.evidence, typedObject) &&
    optOneOrMore(c.proof, proof)
  );
}

// VC 2.0 §4.6 name/description: a string or a list; a language value object goes to zod.
const vcText = (v: unknown): boolean => v === undefined || typeof v === 'string' || Array.isArray(v);
const vcSubject = (v: unknown): boolean => isPlain(v) && optUri(v.id);
const vcIssuer = (v: unknown): boolean => uri(v) || (isPlain(v) && uri(v.id));

function vcCredential(c: Json): boolean {
  return (
    contexts(c['@context'], undefined) &&
    optUri(c.id) &&
    typeIncluding(c.type, 'VerifiableCredential') &&
    vcText(c.name) &&
    vcText(c.description) &&
    vcIssuer(c.issuer) &&
    oneOrMore(c.credentialSubject, vcSubject) &&
    optDateTime(c.validFrom) &&
    vcCommon(c)
  );
}

function obProfile(v: unknown): boolean {
  return isPlain(v) && uri(v.id) && typeIncluding(v.type, 'Profile') && optStr(v.name) && optUri(v.url) && optStr(v.email);
}

function identityObject(v: unknown): boolean {
  return (
    isPlain(v) &&
    v.type === 'IdentityObject' &&
    typeof v.hashed === 'boolean' &&
    nonEmpty(v.identityHash) &&
    extensible(EXTENSIBLE.identityType, v.identityType) &&
    optStr(v.salt)
  );
}

function alignment(v: unknown): boolean {
  return (
    isPlain(v) &&
    typeIncluding(v.type, 'Alignment') &&
    nonEmpty(v.targetName) &&
    uri(v.targetUrl) &&
    optStr(v.targetCode) &&
    optStr(v.targetDescription) &&
    optStr(v.targetFramework) &&
    (v.targetType === undefined || extensible(EXTENSIBLE.targetType, v.targetType))
  );
}

function rubricCriterionLevel(v: unknown): boolean {
  return (
    isPlain(v) &&
    uri(v.id) &&
    typeIncluding(v.type, 'RubricCriterionLevel') &&
    nonEmpty(v.name) &&
    optStr(v.description) &&
    optStr(v.level) &&
    optStr(v.points)
  );
}

function resultDescription(v: unknown): boolean {
  return (
    isPlain(v) &&
    uri(v.id) &&
    typeIncluding(v.type, 'ResultDescription') &&
    nonEmpty(v.name) &&
    extensible(EXTENSIBLE.resultType, v.resultType) &&
    optArrayOf(v.alignment, alignment) &&
    optArrayOf(v.allowedValue, str) &&
    optUri(v.requiredLevel) &&
    optStr(v.requiredValue) &&
    optArrayOf(v.rubricCriterionLevel, rubricCriterionLevel) &&
    optStr(v.valueMin) &&
    optStr(v.valueMax)
  );
}

function criteria(v: unknown): boolean {
  return isPlain(v) && optUri(v.id) && optNonEmpty(v.narrative) && (v.id !== undefined || v.narrative !== undefined);
}

function achievement(v: unknown): boolean {
  return (
    isPlain(v) &&
    uri(v.id) &&
    typeIncluding(v.type, 'Achievement') &&
    nonEmpty(v.name) &&
    nonEmpty(v.description) &&
    criteria(v.criteria) &&
    (v.achievementType === undefined || extensible(EXTENSIBLE.achievementType, v.achievementType)) &&
    optArrayOf(v.alignment, alignment) &&
    (v.creator === undefined || obProfile(v.creator)) &&
    (v.creditsAvailable === undefined || num(v.creditsAvailable)) &&
    optStr(v.fieldOfStudy) &&
    optStr(v.humanCode) &&
    optStr(v.inLanguage) &&
    optArrayOf(v.resultDescription, resultDescription) &&
    optStr(v.specialization) &&
    optArrayOf(v.tag, str) &&
    optStr(v.version)
  );
}

function result(v: unknown): boolean {
  return (
    isPlain(v) &&
    typeIncluding(v.type, 'Result') &&
    optUri(v.resultDescription) &&
    optStr(v.value) &&
    (v.status === undefined || (typeof v.status === 'string' && RESULT_STATUS.has(v.status))) &&
    optUri(v.achievedLevel) &&
    optArrayOf(v.alignment, alignment)
  );
}

/** "Either id or at least one identifier MUST be supplied" (AchievementSubject, ClrSubject). */
function identified(s: Json): boolean {
  return s.id !== undefined || (Array.isArray(s.identifier) && s.identifier.length > 0);
}

function achievementSubject(v: unknown): boolean {
  return (
    isPlain(v) &&
    optUri(v.id) &&
    typeIncluding(v.type, 'AchievementSubject') &&
    achievement(v.achievement) &&
    optArrayOf(v.identifier, identityObject) &&
    optArrayOf(v.result, result) &&
    (v.source === undefined || obProfile(v.source)) &&
    (v.creditsEarned === undefined || num(v.creditsEarned)) &&
    optDateTime(v.activityStartDate) &&
    optDateTime(v.activityEndDate) &&
    optStr(v.licenseNumber) &&
    optStr(v.role) &&
    optStr(v.term) &&
    identified(v)
  );
}

/** The properties OB 3.0 and CLR 2.0 credentials both override in the VC 2.0 shape. */
function profileCommon(c: Json, context: RegExp): boolean {
  return (
    contexts(c['@context'], context) &&
    uri(c.id) &&
    nonEmpty(c.name) &&
    optStr(c.description) &&
    obProfile(c.issuer) &&
    dateTime(c.validFrom) &&
    optDateTime(c.awardedDate) &&
    vcCommon(c)
  );
}

function achievementCredential(c: unknown): boolean {
  return (
    isPlain(c) &&
    profileCommon(c, OB_CONTEXT_PATTERN) &&
    typeValue(c.type) &&
    hasType(c.type, 'VerifiableCredential') &&
    (hasType(c.type, 'AchievementCredential') || hasType(c.type, 'OpenBadgeCredential')) &&
    achievementSubject(c.credentialSubject)
  );
}

function association(v: unknown): boolean {
  return (
    isPlain(v) &&
    typeIncluding(v.type, 'Association') &&
    typeof v.associationType === 'string' &&
    ASSOCIATION.has(v.associationType) &&
    uri(v.sourceId) &&
    uri(v.targetId)
  );
}

function clrSubject(v: unknown): boolean {
  return (
    isPlain(v) &&
    optUri(v.id) &&
    typeIncluding(v.type, 'ClrSubject') &&
    optArrayOf(v.identifier, identityObject) &&
    optArrayOf(v.achievement, achievement) &&
    Array.isArray(v.verifiableCredential) &&
    v.verifiableCredential.length > 0 &&
    optArrayOf(v.verifiableCredential, achievementCredential) &&
    optArrayOf(v.association, association) &&
    identified(v)
  );
}

function clrCredential(c: Json): boolean {
  return (
    profileCommon(c, CLR_CONTEXT_PATTERN) &&
    typeIncluding(c.type, 'VerifiableCredential') &&
    hasType(c.type, 'ClrCredential') &&
    (c.partial === undefined || typeof c.partial === 'boolean') &&
    clrSubject(c.credentialSubject)
  );
}
