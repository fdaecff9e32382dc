import { z } from 'zod';

const zCountryOverride = z.strictObject({
  schoolYearStartMonth: z.number().int().min(1).max(12).optional(),
});

/**
 * A ministry's or school's placement policy (data/default-policy.json holds the defaults and
 * data/SOURCE.md why). A policy file may give only the keys it changes.
 */
export const zPlacementPolicy = z.strictObject({
  name: z.string().min(1).max(200),
  source: z.string().max(2000).optional(),
  schoolYearStartMonthWhenUnknown: z.number().int().min(1).max(12),
  placeForComingYearWithinMonths: z.number().int().min(0).max(11),
  maxYearsBelowAgeGrade: z.number().int().min(0).max(12),
  maxYearsAboveAgeGrade: z.number().int().min(0).max(12),
  overAge: z.enum(['accelerated-programme', 'nearer-age']),
  catchUpAfterMonthsOutOfSchool: z.number().int().min(0).max(240),
  interruptionMonthsBetweenRecords: z.number().int().min(1).max(240),
  supportBelowShareOfScale: z.number().min(0).max(1),
  countSelfDeclared: z.boolean(),
  countries: z.record(z.string().regex(/^[A-Z]{2,3}$/, 'expected an ISO 3166-1 alpha-2 or alpha-3 code'), zCountryOverride),
});
export type PlacementPolicy = z.output<typeof zPlacementPolicy>;

/** What a policy file may hold: any subset of the keys. */
export const zPlacementPolicyFile = zPlacementPolicy.partial();
export type PlacementPolicyFile = z.input<typeof zPlacementPolicyFile>;
