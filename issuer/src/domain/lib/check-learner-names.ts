import { inspectPersonName } from '@lp/model';
import { IssuerError } from '../../errors.ts';

/** Something the issuer did or noticed that the caller should know, though it issued. */
export interface IssueWarning {
  /**
   * `NAME_MIXED_SCRIPTS`: a word of the learner's name mixes scripts (a look-alike risk).
   * `SEAL_NO_LEARNER_NAME`: no seal, because the credential names no learner in clear.
   * `EVIDENCE_NOT_VALID`: a recognition statement lists a credential whose verdict was not VALID.
   */
  code: 'NAME_MIXED_SCRIPTS' | 'SEAL_NO_LEARNER_NAME' | 'EVIDENCE_NOT_VALID';
  message: string;
  path?: string;
}

/** A learner's name as it will be signed, with the JSON path it came from. */
export interface NameAt {
  text: string;
  path: string;
  /** The name a QR seal prints (identityType `name` / `ext:name`, or `credentialSubject.name`). */
  printed?: boolean;
}

/**
 * Refuses a name with invisible or bidi-control characters (NAME_INVISIBLE_CHARACTERS): a school
 * abroad must see exactly the name that was signed, and the bytes must match what a person typed
 * when they look the same. A word mixing scripts is allowed but returned as a warning.
 */
export function checkLearnerNames(names: readonly NameAt[]): IssueWarning[] {
  const warnings: IssueWarning[] = [];
  for (const { text, path } of names) {
    const found = inspectPersonName(text);
    if (found.invisible.length > 0) {
      const list = [...new Set(found.invisible.map((c) => c.codePoint))].join(', ');
      throw new IssuerError('NAME_INVISIBLE_CHARACTERS', `the name contains invisible or text-direction characters (${list}); remove them`, path, { characters: found.invisible });
    }
    for (const w of found.mixedScriptWords) {
      warnings.push({ code: 'NAME_MIXED_SCRIPTS', message: `"${w.word}" mixes ${w.scripts.join(' and ')} letters in one word; check the name is typed as on the learner's documents`, path });
    }
  }
  return warnings;
}

/**
 * The learner's names a given credential carries in clear: unhashed IdentityObjects of a name
 * type (OB 3.0 §B.1.11) and `credentialSubject.name`, with their paths.
 */
export function learnerNamesOf(credential: Record<string, unknown>): NameAt[] {
  const subject = credential.credentialSubject;
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) return [];
  const s = subject as Record<string, unknown>;
  const out: NameAt[] = [];
  if (typeof s.name === 'string') out.push({ text: s.name, path: '$.credential.credentialSubject.name', printed: true });
  if (Array.isArray(s.identifier)) {
    s.identifier.forEach((x: unknown, i) => {
      const o = x as Record<string, unknown> | null;
      if (o && typeof o === 'object' && o.hashed !== true && typeof o.identityHash === 'string' && /^(ext:)?(name|nameLatin|fullName)$/i.test(String(o.identityType))) {
        out.push({ text: o.identityHash, path: `$.credential.credentialSubject.identifier[${i}].identityHash`, printed: /^(ext:)?name$/.test(String(o.identityType)) });
      }
    });
  }
  return out;
}
