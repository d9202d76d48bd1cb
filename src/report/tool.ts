import { readFileSync } from 'node:fs';

/** Who produced a report, for SARIF's `tool.driver` and the JSON header. */
export interface ToolIdentity {
  name: string;
  version: string;
  informationUri: string;
}

let cached: ToolIdentity | undefined;

/**
 * Read once from the package's own manifest, so a release never reports a stale version. The path is
 * the same from `src/report/` (tsx) and `dist/report/` (built).
 */
export function toolIdentity(): ToolIdentity {
  if (cached) return cached;
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { name: string; version: string; homepage?: string };
  cached = {
    name: manifest.name,
    version: manifest.version,
    informationUri: manifest.homepage ?? `https://www.npmjs.com/package/${manifest.name}`,
  };
  return cached;
}
