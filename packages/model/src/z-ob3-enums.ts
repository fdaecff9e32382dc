import { z } from 'zod';
import { OB3_CLR_ENUMS_DATA } from './data/ob3-clr-enums.ts';

/**
 * Open Badges 3.0 §B.3 enumerations and CLR 2.0 AssociationType, from data/ob3-clr-enums.json.
 * The "extensible" ones (AchievementType, ResultType, AlignmentTargetType, IdentifierTypeEnum)
 * also accept a custom term prefixed `ext:` (OB 3.0 §B.3.1, e.g. `ext:SchoolReport`).
 */
export const EXTENSION_TERM_PATTERN = /^ext:[A-Za-z0-9._-]+$/;

function extensible(values: readonly string[], name: string) {
  const set = new Set(values);
  return z.string().refine((v) => set.has(v) || EXTENSION_TERM_PATTERN.test(v), {
    message: `${name} must be one of the Open Badges values or an 'ext:' extension`,
  });
}

export const ACHIEVEMENT_TYPES: readonly string[] = OB3_CLR_ENUMS_DATA.AchievementType;
export const RESULT_TYPES: readonly string[] = OB3_CLR_ENUMS_DATA.ResultType;
export const RESULT_STATUS_TYPES: readonly string[] = OB3_CLR_ENUMS_DATA.ResultStatusType;
export const ALIGNMENT_TARGET_TYPES: readonly string[] = OB3_CLR_ENUMS_DATA.AlignmentTargetType;
export const IDENTIFIER_TYPES: readonly string[] = OB3_CLR_ENUMS_DATA.IdentifierTypeEnum;
export const ASSOCIATION_TYPES: readonly string[] = OB3_CLR_ENUMS_DATA.CLR_AssociationType;

export const AchievementTypeSchema = extensible(ACHIEVEMENT_TYPES, 'achievementType');
export const ResultTypeSchema = extensible(RESULT_TYPES, 'resultType');
export const AlignmentTargetTypeSchema = extensible(ALIGNMENT_TARGET_TYPES, 'targetType');
export const IdentifierTypeSchema = extensible(IDENTIFIER_TYPES, 'identityType');
/** Not extensible in OB 3.0 §B.3.13. */
export const ResultStatusTypeSchema = z.enum(OB3_CLR_ENUMS_DATA.ResultStatusType);
/** Not extensible in CLR 2.0 AssociationType. */
export const AssociationTypeSchema = z.enum(OB3_CLR_ENUMS_DATA.CLR_AssociationType);
