import type { Report } from '../../src/findings.js';

/**
 * A report as check or verify would hand it to a reporter: the formatters are pure functions of it,
 * so their tests need no project on disk. The ids and texts are written for these tests.
 */
export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    tool: 'check',
    root: '/work/app',
    rules: [
      {
        id: 'NS103',
        name: 'lockfile-strict-install',
        severity: 'error',
        summary: 'Dependencies install from the lockfile only.',
        why: 'npm install may rewrite the lockfile and resolve other versions than the ones tested.',
        fix: 'Use npm ci.',
      },
      {
        id: 'NS109',
        name: 'exec-form-cmd',
        severity: 'warning',
        summary: 'CMD is written in exec form.',
        why: 'Shell form makes /bin/sh PID 1, and the shell does not forward SIGTERM.',
        fix: 'Write CMD ["node", "dist/main.js"].',
      },
      {
        id: 'NS210',
        name: 'start-script-runs-node',
        severity: 'info',
        summary: 'The start script runs node.',
        why: 'A start script that compiles at boot slows the first response.',
        fix: 'Point start at the compiled entry.',
      },
    ],
    findings: [
      {
        id: 'NS109',
        severity: 'warning',
        message: 'CMD is in shell form: /bin/sh becomes PID 1, so SIGTERM never reaches node.',
        location: { file: 'Dockerfile', line: 12, column: 1, endLine: 12, endColumn: 24 },
        fix: [
          { line: 12, column: 5, endLine: 12, endColumn: 24, text: '["node", "dist/main.js"]' },
        ],
      },
      {
        id: 'NS103',
        severity: 'error',
        message: 'npm install may change the lockfile; use npm ci.',
        location: { file: 'Dockerfile', line: 5, column: 5, endLine: 5, endColumn: 16 },
      },
      {
        id: 'NS210',
        severity: 'info',
        message: 'The start script runs nest start, which compiles at boot.',
        location: { file: 'package.json', jsonPath: 'scripts.start' },
      },
    ],
    passes: [],
    ...overrides,
  };
}
