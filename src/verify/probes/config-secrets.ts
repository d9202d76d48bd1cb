/**
 * NS313: no secrets in the image's config or history. A build argument used by a RUN step is
 * written into the image history (`RUN |1 NPM_TOKEN=... /bin/sh -c npm ci`), and an ENV is in the
 * config: `docker history --no-trunc` or `docker inspect` shows both to anyone who can pull.
 */
import type { RuleMeta } from '../../findings.js';
import { fail, pass, type Probe } from '../probe.js';

export const CONFIG_SECRETS: RuleMeta = {
  id: 'NS313',
  name: 'secret-in-image-config',
  severity: 'error',
  summary: 'No tokens, passwords or keys in build arguments or environment variables of the image.',
  why:
    'Build arguments that a RUN step uses are recorded in the image history, and ENV values are in ' +
    'its config; both are readable by anyone who can pull the image.',
  fix:
    'Pass build-time credentials as BuildKit secrets (`--mount=type=secret`) and runtime ones when ' +
    'the container starts, never as ARG or ENV.',
};

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)/i;

/** `npm_abcd…` so a message proves the value is there without repeating it. */
function masked(value: string): string {
  return value.length <= 4 ? '…' : `${value.slice(0, 4)}…`;
}

export const configSecretsProbe: Probe = {
  rules: [CONFIG_SECRETS],
  judge(context) {
    const leaks: string[] = [];
    // Build arguments recorded in the history of RUN steps: `RUN |2 A=1 B=2 /bin/sh -c ...`.
    for (const entry of context.scan.history) {
      const args = /^RUN \|\d+ (.*?) (\/bin\/sh -c|\S*sh -c|\[)/.exec(entry.createdBy)?.[1];
      if (!args) continue;
      for (const pair of args.split(/\s+/)) {
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (at > 0 && value && SECRET_NAME.test(name)) leaks.push(`build argument ${name}=${masked(value)} in the history`);
      }
    }
    for (const [name, value] of Object.entries(context.info.env)) {
      if (value && SECRET_NAME.test(name)) leaks.push(`ENV ${name}=${masked(value)} in the config`);
    }
    const unique = [...new Set(leaks)];
    return unique.length
      ? fail(CONFIG_SECRETS, `the image records ${unique.join('; ')}`, context.at('ARG'), { secrets: unique.length })
      : pass(CONFIG_SECRETS, 'no secret-looking build argument or environment variable in the image');
  },
};
