// Generated from packages/recognition/data/default-policy.json by scripts/generate-data.mjs; do not edit.
export const DEFAULT_POLICY_DATA = {
 "name": "Learning Passport default placement policy",
 "source": "Project defaults, not any authority's rule: a ministry or school replaces them with its own policy file (lp recognise suggest --policy FILE). Each number is explained in data/SOURCE.md.",
 "schoolYearStartMonthWhenUnknown": 9,
 "placeForComingYearWithinMonths": 2,
 "maxYearsBelowAgeGrade": 2,
 "maxYearsAboveAgeGrade": 1,
 "overAge": "accelerated-programme",
 "catchUpAfterMonthsOutOfSchool": 6,
 "interruptionMonthsBetweenRecords": 15,
 "supportBelowShareOfScale": 0.5,
 "countSelfDeclared": true,
 "countries": {}
} as const;
