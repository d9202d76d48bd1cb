/**
 * A small YAML writer for the files nestship generates (compose, GitHub Actions, Kubernetes). The
 * input is a typed tree built by the templates; output is block style with two-space indent, keys in
 * the order given, strings quoted (as JSON, which YAML reads) whenever a plain scalar could be
 * misread, and an optional comment above any key.
 */

import { commentLines } from './comment.js';

const WIDTH = 100;

export type YamlValue = string | number | boolean | YamlValue[] | YamlMap | Commented;
export interface YamlMap {
  [key: string]: YamlValue | undefined;
}

/** A value with a comment printed above its key. */
export class Commented {
  constructor(
    readonly comment: string,
    readonly value: YamlValue,
  ) {}
}

export function commented(comment: string, value: YamlValue): Commented {
  return new Commented(comment, value);
}

/** Renders a document; a top-level comment goes first, one blank line between top-level keys. */
export function renderYaml(document: YamlMap, header?: string): string {
  const lines: string[] = header ? [...header.split('\n').map((line) => `# ${line}`.trimEnd())] : [];
  // Nested top-level values are set apart by a blank line; runs of plain scalars stay together.
  const blocks: string[][] = [];
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined) continue;
    const entry = mapEntry(key, value, '');
    const last = blocks.at(-1);
    if (entry.length === 1 && last?.length === 1) last.push(...entry);
    else if (entry.length === 1 && last && last.every((line) => !line.startsWith(' '))) last.push(...entry);
    else blocks.push(entry);
  }
  if (lines.length > 0 && blocks.length > 0) lines.push('');
  return `${[...lines, blocks.map((block) => block.join('\n')).join('\n\n')].join('\n')}\n`;
}

function mapEntry(key: string, value: YamlValue, indent: string): string[] {
  const lines: string[] = [];
  if (value instanceof Commented) {
    lines.push(...commentLines(value.comment, WIDTH - indent.length).map((line) => `${indent}${line}`));
    value = value.value;
  }
  const name = `${indent}${scalarKey(key)}:`;
  if (Array.isArray(value)) {
    if (value.length === 0) return [...lines, `${name} []`];
    return [...lines, name, ...listItems(value, `${indent}  `)];
  }
  if (isMap(value)) {
    const inner = mapBody(value, `${indent}  `);
    return inner.length === 0 ? [...lines, `${name} {}`] : [...lines, name, ...inner];
  }
  if (typeof value === 'string' && value.includes('\n')) {
    return [...lines, `${name} ${blockHeader(value)}`, ...blockLines(value, `${indent}  `)];
  }
  return [...lines, `${name} ${scalar(value)}`];
}

function mapBody(map: YamlMap, indent: string): string[] {
  return Object.entries(map)
    .filter((entry): entry is [string, YamlValue] => entry[1] !== undefined)
    .flatMap(([key, value]) => mapEntry(key, value, indent));
}

function listItems(items: YamlValue[], indent: string): string[] {
  return items.flatMap((item) => {
    const value = item instanceof Commented ? item.value : item;
    const comment =
      item instanceof Commented
        ? commentLines(item.comment, WIDTH - indent.length).map((line) => `${indent}${line}`)
        : [];
    if (isMap(value)) {
      const body = mapBody(value, `${indent}  `);
      const [first, ...rest] = body;
      return first === undefined ? [...comment, `${indent}- {}`] : [...comment, `${indent}- ${first.trimStart()}`, ...rest];
    }
    if (Array.isArray(value)) return [...comment, `${indent}-`, ...listItems(value, `${indent}  `)];
    return [...comment, `${indent}- ${scalar(value)}`];
  });
}

function isMap(value: YamlValue): value is YamlMap {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Commented);
}

/** Words YAML 1.1 readers (Compose, Kubernetes) take as booleans or null. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalar(value: YamlValue): string {
  if (value instanceof Commented) return scalar(value.value);
  if (typeof value !== 'string') return String(value);
  const plain =
    /^[A-Za-z0-9_./$][^#'"\n]*$/.test(value) &&
    !(/\d/.test(value) && /^[-+]?(0x)?[\d._:]+([eE][-+]?\d+)?$/.test(value)) &&
    !value.includes(': ') &&
    !value.endsWith(':') &&
    !value.endsWith(' ') &&
    !value.startsWith('${{') &&
    !RESERVED.test(value);
  if (plain) return value;
  // Single quotes keep shell commands readable; YAML escapes a single quote by doubling it.
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}

function scalarKey(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}

function blockHeader(value: string): string {
  return value.endsWith('\n') ? '|' : '|-';
}

function blockLines(value: string, indent: string): string[] {
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  return body.split('\n').map((line) => (line === '' ? '' : `${indent}${line}`));
}
