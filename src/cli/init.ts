import { NestshipError } from '../errors.js';

export async function run(_argv: string[]): Promise<number> {
  throw new NestshipError('this command is not available yet');
}
