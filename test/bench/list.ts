import type { Row } from './stats';

export async function listRows(..._a: unknown[]): Promise<Row[]> {
  throw new Error('not written yet');
}
