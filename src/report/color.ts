/**
 * Whether a stream gets colour. NO_COLOR (any non-empty value, https://no-color.org) wins; then
 * FORCE_COLOR (`0`/`false` turn colour off, anything else on, as in Node and chalk); otherwise colour
 * only when the stream is a terminal, so pipes and CI logs stay plain text.
 */
export function shouldColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true;
}
