import { RecognitionError } from './errors.ts';
import { loadEducationSystems, type EducationSystems } from './load-education-systems.ts';
import type { EducationSystem } from './z-education-system.ts';

/**
 * A country's system by ISO 3166-1 alpha-2 or alpha-3 code (any case); COUNTRY_UNKNOWN when the
 * dataset has no such country, COUNTRY_INCOMPLETE when it lacks the secondary levels.
 */
export function findEducationSystem(code: string, systems: EducationSystems = loadEducationSystems()): EducationSystem {
  const s = systems.get(code.trim().toUpperCase());
  if (!s) throw new RecognitionError('COUNTRY_UNKNOWN', `no school system for country "${code}" (use an ISO 3166-1 code of the dataset)`);
  if (!s.complete) throw new RecognitionError('COUNTRY_INCOMPLETE', `the dataset has no secondary levels for ${s.name} (${s.iso2})`);
  return s;
}
