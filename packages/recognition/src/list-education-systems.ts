import { loadEducationSystems, type EducationSystems } from './load-education-systems.ts';
import type { EducationSystem } from './z-education-system.ts';

/** Every country once (the map holds each under two codes). */
export function listEducationSystems(systems: EducationSystems = loadEducationSystems()): EducationSystem[] {
  return [...new Set(systems.values())];
}
