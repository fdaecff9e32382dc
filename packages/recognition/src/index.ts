// @lp/recognition: recognition of prior learning as pure functions over data (DESIGN.md "Rules as
// data"): the learner summary and the advisory placement suggestion, the school-system dataset and
// the placement policy. Browser-safe: no file, environment or clock is read.
export { RecognitionError } from './errors.ts';
export type { RecognitionErrorCode } from './errors.ts';
export { loadEducationSystems } from './load-education-systems.ts';
export { listEducationSystems } from './list-education-systems.ts';
export { findEducationSystem } from './find-education-system.ts';
export type { EducationSystems } from './load-education-systems.ts';
export type { EducationSystem, SchoolLevel } from './z-education-system.ts';
export { parsePlacementPolicy, DEFAULT_PLACEMENT_POLICY } from './parse-placement-policy.ts';
export { parsePlacementPolicyCsv } from './parse-placement-policy-csv.ts';
export { zPlacementPolicy, zPlacementPolicyFile } from './z-placement-policy.ts';
export type { PlacementPolicy, PlacementPolicyFile } from './z-placement-policy.ts';
export { zSelfDeclaredItem } from './z-self-declared-item.ts';
export type { SelfDeclaredItem } from './z-self-declared-item.ts';
export { summariseLearning, STATEMENT_CODES } from './summarise-learning.ts';
export { catalogueLookupFromBundle } from './catalogue-lookup-from-bundle.ts';
export type { CatalogueLookup } from './catalogue-lookup-from-bundle.ts';
export type {
  LearnerSummary, TimelineItem, TimelineResult, HighestCompleted, EvidenceLabel, NotCountedCode, SummariseLearningInput, PlacementStatement,
} from './summarise-learning.ts';
export { suggestPlacement } from './suggest-placement.ts';
export type { PlacementSuggestion, Placement, SuggestPlacementInput } from './suggest-placement.ts';
export { formatMessage } from './format-message.ts';
export type { Message, MessageKey, MessageParams } from './format-message.ts';
export type { GradePosition } from './lib/locate-grade.ts';
export type { LearnerIdentity, LearnerWarning, NamedLearner } from './lib/compare-learners.ts';
export { splitEvidence, MAX_EVIDENCE_ITEMS } from './split-evidence.ts';
export type { EvidenceInput } from './split-evidence.ts';
export { describeEvidence } from './describe-evidence.ts';
export type { EvidenceDescription } from './describe-evidence.ts';
